"""Dates: every notation at its written precision, and which dates are project start and end."""

from __future__ import annotations

import pytest

from loader.extract.dates import find_dates, find_project_dates, parse_date


@pytest.mark.parametrize(("written", "iso"), [
    ("01/10/2007", "2007-10-01"),
    ("30.06.2008", "2008-06-30"),
    ("01-01-2018", "2018-01-01"),
    ("2019-11-22", "2019-11-22"),
    ("1 juli 2010", "2010-07-01"),
    ("31 december 2014", "2014-12-31"),
    ("Oct 31, 2008", "2008-10-31"),
    ("December 30, 2012", "2012-12-30"),
    ("1er avril 2013", "2013-04-01"),
    ("15 février 2016", "2016-02-15"),
    ("1. April 2020", "2020-04-01"),
    ("31. Dezember 2019", "2019-12-31"),
    ("3 mei 2011", "2011-05-03"),
    ("10th of June 2008", "2008-06-10"),
    ("avril 2013", "2013-04"),
    ("März 2021", "2021-03"),
    ("Sept. 2016", "2016-09"),
    ("maart 2017", "2017-03"),
    ("Januar 2015", "2015-01"),
    ("03/2015", "2015-03"),
])
def test_notations_are_read_at_their_precision(written, iso):
    date = parse_date(written)
    assert date is not None and date.iso == iso


@pytest.mark.parametrize("written", ["32/01/2010", "2010", "31/13/2010", "12:30", "Oct 2"])
def test_non_dates_are_not_dates(written):
    assert parse_date(written) is None


def test_find_dates_gives_spans_into_the_text():
    text = "Start: 01/10/2007; ends Mars 2015."
    dates = find_dates(text)
    assert [(d.iso, text[d.span.start:d.span.end]) for d in dates] == [
        ("2007-10-01", "01/10/2007"), ("2015-03", "Mars 2015")]


@pytest.mark.parametrize(("text", "start", "end"), [
    ("DATE : 01/10/2007-30/06/2008", "2007-10-01", "2008-06-30"),
    ("Looptijd: 1 juli 2010 - 31 december 2014", "2010-07-01", "2014-12-31"),
    ("Start date: Oct 31, 2008, End date: Dec 30, 2012 PROJECT FINISHED", "2008-10-31", "2012-12-30"),
    ("Begindatum\n\n01-01-2018\n\nEinddatum\n\n30-09-2022\n", "2018-01-01", "2022-09-30"),
    ("Het loopt van 22 november 2019 en duurt tot en met 30 september 2022", "2019-11-22", "2022-09-30"),
    ("Offizieller Projektstart war am 1. Januar 2017. Das Projekt ist für drei Jahre (bis zum 31. Dezember 2019) "
     "angelegt.", "2017-01-01", "2019-12-31"),
    ("Ende März 2021 wurde das Forschungsprojekt beendet. Das am\n1. April 2020 gestartete Projekt", "2020-04-01",
     "2021-03"),
    ("- Duration: 2 years (starting April 2021)", "2021-04", None),
    ("Le projet a été approuvé en Avril 2013 et se terminera en Mars 2015.", None, "2015-03"),
    ("Le projet se déroule du 1er janvier 2016 au 31 décembre 2018.", "2016-01-01", "2018-12-31"),
    ("The project runs from March 2016 to February 2019.", "2016-03", "2019-02"),
    ("Projektlaufzeit: 2010-2014", "2010", "2014"),
    ("Durée : 2017 – 2020", "2017", "2020"),
    ("The project runs from 2016 to 2019.", "2016", "2019"),
    ("Het project loopt van 2017 tot 2020.", "2017", "2020"),
    ("Das Projekt läuft von 2018 bis 2021", "2018", "2021"),
    ("Start: 01/2016\nEnd: 12/2018", "2016-01", "2018-12"),
    ("Le projet a démarré le 1er octobre 2016 et s'achèvera le 30 septembre 2020.\nLe lancement a eu lieu le 15 "
     "novembre 2016.", "2016-10-01", "2020-09-30"),
    # a labelled line is its own clause: the programme line above it ("Republic", "Call") is no cue
    ("Programme: Interreg V-A Czech Republic-Poland\nPriority: Priority 2\nStart date: 01/01/2018\n"
     "End date: 28/06/2022", "2018-01-01", "2022-06-28"),
    ("Programm: Interreg V-A Slowakische Republik-Österreich\nCall: 3\nProjektbeginn: 01.05.2017\n"
     "Projektende: 28.05.2018", "2017-05-01", "2018-05-28"),
    # cues start words: "Republic", "information", "prevention" hold none
    ("The Czech Republic partners run the project from 1 March 2016 to 28 February 2019.", "2016-03-01",
     "2019-02-28"),
    ("Le projet d'information et de prévention se déroule du 1er janvier 2016 au 31 décembre 2018.",
     "2016-01-01", "2018-12-31"),
])
def test_project_dates(text, start, end):
    found = find_project_dates(text)
    assert (found.start.iso if found.start else None) == start
    assert (found.end.iso if found.end else None) == end


@pytest.mark.parametrize("text", [
    "EU invests €8.8 million\nMay 21, 2018\n13,000 patients to benefit",
    "Dinsdag 3 mei 2011 vindt deze plaats met een bijeenkomst van alle deelnemers.",
    "The project was approved on 23 March 2021 by the committee.",
    "The kick-off meeting took place on 12 January 2016 in Lille.",
    "A closure event- final conference, 10th of June 2008",
    "https://www.dresden.de/x.php 03.09.2019 11:47:20 Uhr 21.10.2019 21:13:41 Uhr",
    "Published on 4 May 2020",
    "Het verslag werd gepubliceerd op 4 mei 2020",
    "Das Projekt wurde am 12. Mai 2016 gelauncht und vorgestellt",
    "Approved: 12/03/2016",
    "Interreg 2 Seas Programme 2014-2020",
    "the programming period, from 2014 to 2020",
])
def test_approval_launch_meeting_and_page_dates_are_not_project_dates(text):
    found = find_project_dates(text)
    assert found.start is None and found.end is None


def test_a_labelled_start_beats_a_later_weak_one():
    text = "Start date: Oct 31, 2008\nBasic ICT courses started in June 2011 in Medway"
    assert find_project_dates(text).start.iso == "2008-10-31"


def test_an_end_before_the_start_is_dropped():
    found = find_project_dates("Start date: 1 May 2015. End date: 1 May 2012.")
    assert found.start.iso == "2015-05-01" and found.end is None
