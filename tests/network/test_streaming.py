"""The streamed GEXF and GraphML writers give, byte for byte, what the tree-building writers gave
(lxml for GEXF, networkx's GraphML writer), on every projection of the fixture store and on labels
holding every character XML escapes; streaming in small batches changes nothing; the escaping
functions agree with lxml and ElementTree on random strings."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from lxml import etree
from pyoxigraph import RdfFormat, Store

from api import network
from api.network import jsontext, xmltext
from api.network.gexf import GEXF_NS, VIZ_NS, XSI_NS, describe
from api.network.graphml import tokens, write_graphml
from api.network.projections import EDGE_ATTRIBUTES, NODE_ATTRIBUTES
from api.network.style import node_colour, size

NASTY = 'A & B <"quoted"> \'single\'\ttab\nline\rreturn\r\nboth Métropole ☃ \U0001F600 \x7f ]]> end'
_CONTROL = "\x01\x0b\x0c\x1c\x1e"


def _oracle_gexf(graph: nx.Graph, dynamic: bool = False) -> bytes:
    """The GEXF document built as an lxml tree and serialised whole (how the export was written)."""
    def text(value: object) -> str:
        return "".join(" " if c < " " and c not in "\t\n\r" else c for c in str(value))

    def sub(parent, tag, attrs=None, ns=GEXF_NS):
        return etree.SubElement(parent, f"{{{ns}}}{tag}", attrs or {})

    root = etree.Element(f"{{{GEXF_NS}}}gexf", {"version": "1.3",
                         f"{{{XSI_NS}}}schemaLocation": f"{GEXF_NS} http://gexf.net/1.3/gexf.xsd"},
                         nsmap={None: GEXF_NS, "viz": VIZ_NS, "xsi": XSI_NS})
    meta = sub(root, "meta", {"lastmodifieddate": dt.date.today().isoformat()})
    sub(meta, "creator").text = text(graph.graph.get("generator", "interreg-kg"))
    sub(meta, "keywords").text = "Interreg, partners, co-participation, " + text(graph.graph.get("projection",
                                                                                             "organisation"))
    sub(meta, "description").text = text(describe(graph, dynamic))
    g = sub(root, "graph", {"defaultedgetype": "undirected", "mode": "dynamic" if dynamic else "static",
                            **({"timeformat": "date"} if dynamic else {})})
    names = {}
    for cls, table, keys in (("node", NODE_ATTRIBUTES, {k for _, d in graph.nodes(data=True) for k in d}),
                             ("edge", EDGE_ATTRIBUTES, {k for _, _, d in graph.edges(data=True) for k in d})):
        names[cls] = [n for n in table if n in keys]
        attributes = sub(g, "attributes", {"class": cls})
        for n in names[cls]:
            sub(attributes, "attribute", {"id": n, "title": n, "type": {str: "string", int: "long",
                                                                       float: "double"}[table[n][0]]})

    def values(element, data, cls, table):
        holder = sub(element, "attvalues")
        for n in names[cls]:
            if data.get(n) is not None:
                sub(holder, "attvalue", {"for": n, "value": text(table[n][0](data[n]))})
        if dynamic and data.get("spells"):
            spells = sub(element, "spells")
            for start, end in data["spells"]:
                sub(spells, "spell", {k: v for k, v in (("start", start), ("end", end)) if v is not None})

    nodes = sub(g, "nodes", {"count": str(graph.number_of_nodes())})
    for node, data in graph.nodes(data=True):
        element = sub(nodes, "node", {"id": text(node), "label": text(data.get("label", node))})
        values(element, data, "node", NODE_ATTRIBUTES)
        r, gr, b = node_colour(data)
        sub(element, "color", {"r": str(r), "g": str(gr), "b": str(b), "a": "1.0"}, VIZ_NS)
        sub(element, "size", {"value": f"{size(data):.1f}"}, VIZ_NS)
        sub(element, "shape", {"value": "square" if data.get("kind") == "project" else "disc"}, VIZ_NS)
    edges = sub(g, "edges", {"count": str(graph.number_of_edges())})
    for number, (a, b, data) in enumerate(graph.edges(data=True)):
        element = sub(edges, "edge", {"id": str(number), "source": text(a), "target": text(b),
                                      "weight": f"{float(data.get('weight', 1)):g}"})
        values(element, data, "edge", EDGE_ATTRIBUTES)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _oracle_graphml(graph: nx.Graph) -> bytes:
    """networkx's GraphML of the graph with scalar attributes only, ids as name tokens, the IRI as
    ``iri`` (how the export was written)."""
    ids = tokens(graph)
    plain = nx.Graph()
    plain.graph.update({k: v for k, v in graph.graph.items() if isinstance(v, str | int | float) and k != "name"})
    for node, data in graph.nodes(data=True):
        attrs = {"label": str(data.get("label", node))}
        attrs.update({k: t(data[k]) for k, (t, _) in NODE_ATTRIBUTES.items() if data.get(k) is not None})
        if str(node).startswith("http"):
            attrs["iri"] = str(node)
        plain.add_node(ids[node], **attrs)
    for a, b, data in graph.edges(data=True):
        attrs = {"weight": float(data.get("weight", 1))}
        attrs.update({k: t(data[k]) for k, (t, _) in EDGE_ATTRIBUTES.items() if data.get(k) is not None})
        plain.add_edge(ids[a], ids[b], **attrs)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(nx.generate_graphml(plain))).encode("utf-8")


def _nasty() -> nx.Graph:
    """Labels, cities and acronyms with every character the writers escape or clean."""
    p = network.Participation("https://w3id.org/interreg-kg/id/organisation/a", NASTY + _CONTROL, "FR", NASTY,
                              "https://w3id.org/interreg-kg/id/project/x", NASTY, "lead", dt.date(2010, 1, 1), None, 12.5)
    q = network.Participation("https://w3id.org/interreg-kg/id/organisation/b", "", "", "",
                              "https://w3id.org/interreg-kg/id/project/x", NASTY, "partner", dt.date(2010, 1, 1), None)
    graph = network.project([p, q], "organisation")
    return network.stamp(graph, network.Filters(country="FR"), build=NASTY)


def _graphs(store) -> list[tuple[str, nx.Graph]]:
    graphs = [(f"{projection}{' metrics' if metrics else ''}",
               network.network(store, projection, network.Filters(include_associated=True), metrics=metrics,
                               build="b"))
              for projection in network.PROJECTIONS for metrics in (False, True)]
    return [*graphs, ("nasty", _nasty()), ("empty", nx.Graph(projection="organisation")),
            ("country loops", network.network(store, "country", self_loops=True))]


def test_gexf_is_byte_for_byte_the_tree_writers(store):
    for name, graph in _graphs(store):
        for dynamic in (False, True):
            assert network.to_gexf(graph, dynamic=dynamic) == _oracle_gexf(graph, dynamic), (name, dynamic)


def test_graphml_is_byte_for_byte_networkx(store):
    for name, graph in _graphs(store):
        assert network.to_graphml(graph) == _oracle_graphml(graph), name


def test_small_batches_and_files_give_the_same_bytes(store, tmp_path):
    graph = network.network(store, "bipartite", metrics=True)
    for fmt, write in (("gexf", network.write_gexf), ("graphml", write_graphml)):
        stream = io.BytesIO()
        write(graph, stream, batch=3)
        whole = network.render(graph, fmt, dynamic=False)[f"network.{fmt}"]
        assert stream.getvalue() == whole
        assert network.write(graph, fmt, tmp_path / f"n.{fmt}")[0].read_bytes() == whole
    dynamic = network.write(graph, "gexf", tmp_path / "d.gexf", dynamic=True)[0].read_bytes()
    assert dynamic == network.to_gexf(graph, dynamic=True) and b"<spells>" in dynamic


def test_the_nasty_labels_read_back():
    graph = _nasty()
    doc = etree.fromstring(network.to_gexf(graph))  # control characters were made spaces
    labels = {n.get("label") for n in doc.iter(f"{{{GEXF_NS}}}node")}
    assert NASTY + " " * len(_CONTROL) in labels  # references keep tabs, line feeds and returns in attributes
    assert doc.find(f"{{{GEXF_NS}}}meta/{{{GEXF_NS}}}description").text.count("Métropole") == 1
    graph.nodes["https://w3id.org/interreg-kg/id/organisation/a"]["label"] = NASTY  # GraphML keeps them: none here
    back = nx.read_graphml(io.BytesIO(network.to_graphml(graph)))
    assert back.nodes["a"]["label"] == NASTY.replace("\r\n", "\n").replace("\r", "\n")  # as a parser reads them
    assert back.nodes["b"]["label"] == "" and back.edges["a", "b"]["projects"] == back.nodes["a"]["label"]


def test_escaping_agrees_with_lxml_and_elementtree():
    rng = random.Random(6)
    alphabet = "ab &<>\"'\t\n\r]é☃\U0001F600\x7f\x85\u2028"
    for _ in range(2000):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        element = etree.Element("a", v=value)
        element.text = value
        assert etree.tostring(element, encoding="UTF-8") == \
            f'<a v="{xmltext.gexf_attribute(value)}">{xmltext.gexf_text(value)}</a>'.encode() \
            if value else True
        tree = ET.Element("a", v=value)
        tree.text = value
        expected = "\n".join(ET.tostring(tree).decode("ascii").splitlines())
        text = xmltext.graphml_text(value)
        assert expected == (f'<a v="{xmltext.graphml_attribute(value)}">{text}</a>' if text else
                            f'<a v="{xmltext.graphml_attribute(value)}" />')


_ID, _G, _IRG = "https://w3id.org/interreg-kg/id/", "https://w3id.org/interreg-kg/graph/", "https://w3id.org/interreg-kg/ontology#"
CONTACT_NAME = f"""
@prefix irg: <{_IRG}> .
@prefix schema: <http://schema.org/> .
<{_G}document/d> {{
  <{_ID}project/p> a irg:Project ; irg:acronym "P" .
  <{_ID}project/p/participation/o> a irg:Participation ; irg:project <{_ID}project/p> ;
      irg:organisation <{_ID}organisation/o> ; irg:role <{_ID}role/lead> .
  <{_ID}organisation/o> schema:name "Zed Council" .
}}
<{_G}contacts/d> {{
  <{_ID}organisation/o> schema:name "Alice Person" . <{_ID}project/p> irg:acronym "AAA" .
  <{_ID}project/q/participation/o> a irg:Participation ; irg:project <{_ID}project/q> ;
      irg:organisation <{_ID}organisation/o> .
}}
<{_G}meta> {{ <{_G}document/d> irg:contactsGraph <{_G}contacts/d> . }}
"""


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "csv"])
def test_a_contacts_graph_gives_no_name_acronym_or_participation(fmt):
    store = Store()
    store.load(CONTACT_NAME.encode("utf-8"), format=RdfFormat.TRIG)
    rows = network.read_participations(store)
    assert [(r.name, r.acronym, r.project.rsplit("/", 1)[-1]) for r in rows] == [("Zed Council", "P", "p")]
    body = b"".join(network.render(network.network(store, "bipartite"), fmt).values())
    assert b"Alice" not in body and b"AAA" not in body and b"Zed Council" in body


def test_the_scaling_benchmark_reports_every_step(seed_root, capsys):
    import doctest

    from bench import network_scaling

    assert doctest.testmod(network_scaling).failed == 0
    assert network_scaling.main([str(seed_root), "gexf", "csv"]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines() if " cpu " in line] == ["read", "project", "write", "write"]
    assert " participations, " in out and "write gexf" in out
    assert network_scaling.main([str(seed_root.parent / "nowhere")]) == 1


def _oracle_json(graph: nx.Graph) -> bytes:
    """The node-link JSON as the json module writes it whole (how the export was written)."""
    return json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, indent=1).encode("utf-8")


def _odd_values() -> nx.Graph:
    """Values of every kind json encodes, in nodes, edges and the graph's own data."""
    graph = nx.Graph(projection="organisation", nested={"a": [], "b": {}, 3: (1, [2.5, None])}, flag=True)
    graph.add_node("n\u2603", label=NASTY + _CONTROL, projects=3, budget=float("nan"), betweenness=float("inf"),
                   weighted_degree=-float("inf"), spells=(("2010-01-01", None), (None, "2012-12-31")), none=None,
                   keys={2: "int", 2.5: "float", None: "none", False: "false", True: "true"}, empty=(), flag=False)
    graph.add_node(7, label="", spells=[["2010-01-01", "2011-01-01"]], big=10 ** 30, small=1e-300)
    graph.add_edge("n\u2603", 7, weight=2, projects="A|B", spells=(("2010-01-01", None),), first_year=2010,
                   source_note="kept before source and target")
    return graph


def test_streamed_json_is_byte_for_byte_the_json_modules(store, tmp_path):
    for name, graph in [*_graphs(store), ("odd values", _odd_values()), ("lonely", nx.Graph([(1, 1)]))]:
        expected = _oracle_json(graph)
        for batch in (1, 3, 16384):
            stream = io.BytesIO()
            jsontext.write_node_link(graph, stream, batch=batch)
            assert stream.getvalue() == expected, (name, batch)
        assert network.to_json(graph) == expected, name
        written = network.write(graph, "json", tmp_path / f"{name}.json")[0].read_bytes()
        assert written == expected, name
        if name != "odd values":
            assert nx.node_link_graph(json.loads(written), edges="edges").number_of_nodes() == graph.number_of_nodes()


def test_json_refuses_what_json_refuses():
    graph = nx.Graph()
    graph.add_node("a", value=object())
    with pytest.raises(TypeError, match="not JSON serializable"):
        network.to_json(graph)
    graph = nx.Graph()
    graph.add_node("a", value={(1, 2): "tuple key"})
    with pytest.raises(TypeError, match="keys must be"):
        network.to_json(graph)
    directed = nx.DiGraph([("a", "b")])
    assert network.to_json(directed) == _oracle_json(directed)
    multi = nx.MultiGraph([("a", "b"), ("a", "b")])
    assert network.to_json(multi) == json.dumps(nx.node_link_data(multi, edges="edges"), ensure_ascii=False,
                                                indent=1).encode("utf-8")
