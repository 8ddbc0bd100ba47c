"""The kind of piece: reports and commentary (tracker.news.commentary)."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.news.commentary import COMMENTARY_MAX, commentary_of, opening_of

REPORT = (
    "A federal judge on Thursday dismissed Harbour Co.'s lawsuit against the Port Authority of "
    "Tarn, ruling that the ferry operator had waited too long to challenge the new toll.\n\n"
    "The company said it would appeal."
)


def test_a_plain_report_has_no_marker():
    title = "Judge throws out Harbour Co. suit against Tarn port"
    assert commentary_of(title=title, text=REPORT, published=dt.date(2024, 5, 9)) == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ferries kept running on Friday. I think the port should still worry about it.", 2),
        ("My reading of the ruling is simpler than the port's.", 2),
        ('"I think the toll is unlawful," the company\'s lawyer said after the hearing.', 0),
        ("“I will appeal,” said the mayor, and “my office will not pay.”", 0),
        ("'I disagree,' the harbour master said, leaving the court on Thursday.", 0),
        ("Harbour Co.'s lawyers filed papers in Tarn on Monday about the toll.", 0),
        ("Harbour Co. on Monday set its ferry beside a frame from Despicable Me, the film.", 0),
        ("Ferries kept running on Friday. My reading of the ruling is simpler.", 2),
    ],
)
def test_the_writer_speaking_in_the_first_person_outside_quotations(text, expected):
    assert commentary_of(title="Toll fight", text=text) == expected


def test_the_opening_sentence_speaking_to_the_reader():
    text = "If you run a ferry for a living, the toll ruling probably made your week."
    assert commentary_of(title="Toll fight", text=text) == 2
    later = f"{REPORT}\n\nIf you pay the toll, keep your receipts."
    assert commentary_of(title="Toll fight", text=later) == 0  # not the opening


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("What the toll ruling means for commuters", 2),
        ("Ferry tolls explained", 2),
        ("Analysis: the port's toll win is narrower than it looks", 2),
        ("Who pays for the ferry?", 1),
        ("Why Harbour Co. lost", 1),
        ("The toll case: how Harbour Co. lost in Tarn", 1),
        ("The toll fight, one year in", 1),
        ("Harbour Co. loses toll case against Tarn port", 0),
        ("The toll ruling is final. It still does not tell us who pays", 2),
        ("What we know about the Tarn toll settlement", 2),
        ("Our take on the Tarn toll settlement", 2),
        ("US judge throws out Harbour Co. toll suit", 0),
        ('Port says "we will collect" after toll ruling', 0),
        ("The week in transport law: tolls, ferries and a settlement", 2),
        ("Transport briefing: Tarn toll settlement approved", 2),
        ("Tolls newsletter: the Harbour Co. deal, and what comes next", 2),
        ("LIVE: Harbour Co. chief testifies in Tarn toll trial", 0),
        ("Harbour Co. takes port to court as it guards its ferry routes", 0),
        ("Port wins toll case; Harbour Co. to appeal", 0),
        # digest words that are ordinary vocabulary count only as the headline's label
        ("Judge sets briefing schedule in Musk appeal", 0),
        ("Lawyers for the port file briefing on toll appeal", 0),
        ("Closing arguments wrap up in Musk v. OpenAI trial", 0),
        ("Toll talks wrap up without a deal", 0),
        ("Wrap-up: day three of the Tarn toll trial", 2),
        ("Tarn toll trial: the wrap-up", 2),
        ("Briefing: the Harbour Co. deal", 2),
        # a live blog is a report
        ("Harbour Co. toll trial liveblog: chief testifies", 0),
        # "we" in a speaker's words after their name and a colon is not the writers'
        ("Musk: We were misled by Altman", 0),
        ("Harbour Co.: We will appeal the toll ruling", 0),
        ("Ann Vu: Our ferries keep running", 0),
        ("Tarn tolls: What we know so far", 2),
        # a digest named by its week further on; a report's "later in the week" is not one
        ("Ferry Notes: the port lifts its toll, and the rest of the week in shipping", 2),
        ("Harbour Law Weekly: the week of March 2", 2),
        ("Harbour Co. chief to testify later in the week in Tarn", 0),
        ("Judge sets Tarn toll trial for the week of March 2", 0),
        ("Harbour Co. chief to testify for the rest of the week in Tarn", 0),
        ("Harbour Law Weekly: the week of", 0),
    ],
)
def test_headline_markers(title, expected):
    assert commentary_of(title=title, text="") == expected


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("Last Wednesday Harbour Co. sued the port, and its complaint rests on one clause.", 1),
        ("Two days after the ruling, the port has yet to say what it will charge ferries.", 1),
        ("When Harbour Co. sued the port in June, it asked for the toll to be frozen at once.", 1),
        # the development as a past topic: two markers
        # the development of the same week as a topic: one marker; as what others react to, none
        ("Thursday's dismissal of the toll suit settles less than the port says it does.", 1),
        ("Ferry passengers greeted Thursday's $40 million toll settlement with relief.", 0),
        ("The lawsuit, filed last week in Tarn, is being described as a fight about money.", 2),
    ],
)
def test_an_opening_that_dates_the_development_in_the_past(opening, expected):
    assert commentary_of(title="Toll fight", text=opening) == expected


def test_an_opening_about_the_development_as_a_topic_counts_unless_it_is_dated_today():
    """ "Harbour Co.'s lawsuit ... is notable" discusses the suit; a lead that reports an act on
    its day is a report, even with the suit as its subject."""
    topic = "Harbour Co.'s lawsuit against the port is notable less for what it alleges than why."
    assert commentary_of(title="Toll fight", text=topic) == 1
    dated = "Harbour Co.'s lawsuit against the port was moved to federal court on Thursday."
    assert commentary_of(title="Toll fight", text=dated) == 0
    subject = "The judge's order in the toll case was a single page long, and decided little."
    assert commentary_of(title="Toll fight", text=subject) == 1
    act = "Harbour Co. has removed the port's lawsuit to federal court in Tarn, its lawyers say."
    assert commentary_of(title="Toll fight", text=act) == 0  # the lawsuit is an object here


def test_a_day_named_well_before_publication_is_the_past():
    opening = "The June 4 order in the toll case is short on sympathy for the ferry operator."
    early, late = dt.date(2025, 6, 5), dt.date(2025, 6, 9)
    assert commentary_of(title="Toll fight", text=opening, published=early) == 0  # the news
    assert commentary_of(title="Toll fight", text=opening, published=late) == 2  # past, topic
    assert commentary_of(title="Toll fight", text=opening) == 1  # unknown: the topic alone
    january = "The 30 December order in the toll case is short on sympathy for the operator."
    assert commentary_of(title="Toll fight", text=january, published=dt.date(2026, 1, 8)) == 2


def test_markers_add_up_to_a_cap():
    text = "If you ask me, the toll ruling last week was wrong, and I think the port knows it."
    assert commentary_of(title="Why the toll ruling is wrong?", text=text) == COMMENTARY_MAX


def test_the_opening_is_the_first_prose_sentence():
    text = (
        "Toll News\n\nBy A. Writer\n\n"
        "Ferry operator loses its case in a ruling on the toll\n\n"  # a dek: no full stop
        "Judge Ana Reyes of the U.S. District Court upheld the toll on Friday. The company in "
        "Harbour Co. v. Tarn Port will appeal.\n\nMore later."
    )
    assert opening_of(text) == (
        "Judge Ana Reyes of the U.S. District Court upheld the toll on Friday."
    )
    versus = "Harbour Co. v. Tarn Port was dismissed on Thursday by the court. It will appeal."
    assert opening_of(versus) == "Harbour Co. v. Tarn Port was dismissed on Thursday by the court."
    quoted = '"We will appeal," the company said after the toll ruling on Friday in Tarn.'
    assert opening_of(quoted) == "the company said after the toll ruling on Friday in Tarn."
    assert opening_of("") == "" and opening_of("Short line.\nAnother.") == ""


def test_bad_input_never_raises():
    for text in ("", "\n\n", "May 99 order, a note on nothing at all in the toll case here.", "’"):
        assert 0 <= commentary_of(title="?", text=text, published=dt.date(2024, 2, 29)) <= 3


@pytest.mark.parametrize(
    ("kicker", "expected"),
    [("Analysis", 2), ("NEWS ANALYSIS", 2), ("Opinion:", 2), ("Ferries | Ports | Opinion", 0)],
)
def test_a_line_naming_the_genre_above_the_text(kicker, expected):
    """A kicker line that only names the genre marks the piece; a section menu that lists
    "Opinion" among other sections does not."""
    text = f"{kicker}\n\n{REPORT}"
    assert commentary_of(title="Toll fight", text=text, published=dt.date(2024, 5, 9)) == expected
