"""A value that cannot be read as its datatype (``"a lot"^^xsd:decimal``, ``"sometime"^^xsd:date``: an
RDF file a user loaded may hold them) is shown as unknown by REST, never a 500: the project page, the
list and its date sorts and filter answer as if the value were missing, and the other facts stay.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from pyoxigraph import Literal, NamedNode, RdfFormat, Store

import queries
from api.main import create_app
from api.rows import date_value, number
from loader.descriptions import refresh_descriptions
from tests.support.asgi_client import Client

ILL_TYPED = """
PREFIX irg: <https://w3id.org/interreg-kg/ontology#>
BASE <https://w3id.org/interreg-kg/id/>
PREFIX g: <https://w3id.org/interreg-kg/graph/document/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <http://schema.org/>
g:d1 {
  <project/odd> a irg:Project ; irg:acronym "ODD" ; dcterms:title "Odd values" ;
    irg:totalBudgetEur "a lot"^^xsd:decimal ; irg:euFundingEur "12.5"^^xsd:decimal ;
    irg:cofinancingRate "most"^^xsd:double ;
    schema:startDate "sometime"^^xsd:date ; schema:endDate "2013-12-31"^^xsd:date .
  <project/fine> a irg:Project ; irg:acronym "FINE" ; dcterms:title "Fine values" ;
    schema:startDate "2010-01-01"^^xsd:date ; schema:endDate "2012-12-31"^^xsd:date .
}
"""


@pytest.fixture
def client() -> Client:
    store = Store()
    store.load(ILL_TYPED.encode(), format=RdfFormat.TRIG)
    refresh_descriptions(store)
    return Client(create_app(store=store, contacts=Store()))


def test_the_page_of_a_project_with_ill_typed_values_shows_them_as_unknown(client):
    response = client.get("/api/projects/odd")
    assert response.status_code == 200, response.text
    page = response.json()
    assert page["total_budget_eur"] is None
    assert page["cofinancing_rate"] is None
    assert page["start"] is None
    assert page["eu_funding_eur"] == 12.5  # the well-typed values of the same project stay
    assert page["end"]["date"] == "2013-12-31"
    assert page["acronym"] == "ODD"


@pytest.mark.parametrize("sort", ["start_date", "-start_date", "end_date", None])
def test_the_list_sorts_an_ill_typed_date_as_a_missing_one(client, sort):
    response = client.get("/api/projects", params={"sort": sort} if sort else {})
    assert response.status_code == 200, response.text
    rows = {r["acronym"]: r for r in response.json()["data"]}
    assert rows["ODD"]["start_date"] is None
    assert rows["FINE"]["start_date"] == "2010-01-01"
    if sort and "start_date" in sort:  # a missing value sorts last in both directions
        assert [r["acronym"] for r in response.json()["data"]] == ["FINE", "ODD"]


def test_active_on_treats_an_ill_typed_start_as_open(client):
    response = client.get("/api/projects", params={"active_on": "2013-06-30"})
    assert response.status_code == 200, response.text
    assert [r["acronym"] for r in response.json()["data"]] == ["ODD"]


def test_an_ill_typed_decimal_reads_as_its_text():
    decimal = NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
    assert queries.value(Literal("a lot", datatype=decimal)) == "a lot"
    assert queries.value(Literal("2.50", datatype=decimal)) == Decimal("2.50")


def test_number_and_date_value_keep_only_what_they_can_read():
    assert number(Decimal("1.5")) == 1.5
    assert number("3") == 3.0
    assert number("a lot") is None
    assert number("inf") is None
    assert number(True) is None
    assert date_value(dt.date(2010, 1, 2)) == dt.date(2010, 1, 2)
    assert date_value("2010-01-02") is None
