"""Signatures for story clustering: features, MinHash bytes, lead dates."""

from __future__ import annotations

import datetime as dt
import zlib

import pytest

from tracker.news import signatures


def test_signature_round_trip_and_determinism():
    text = "Elon Musk testified that xAI partly used OpenAI models to train Grok."
    terms = signatures.terms_of(title="Musk testifies", text=text)
    assert signatures.terms_of(title="Musk testifies", text=text) == terms
    data = signatures.signature_bytes(terms=terms)
    # header, text key, day, weekday, headline names, headline acts, opening acts, commentary,
    # two term counts, the terms
    names = 4 * signatures.MAX_NAMES
    size = len(signatures._HEADER) + signatures._KEY_BYTES + 4 + 1 + names + 2 + 2 + 1 + 4
    assert len(data) == size + 4 * (len(terms.title) + len(terms.lead))
    back = signatures.signature_parse(memoryview(data))
    assert back is not None and back.terms == terms and back.day is None and back.weekday is None
    assert signatures.signature_parse(None) is None
    assert signatures.signature_parse(b"junk") is None
    assert signatures.signature_parse(data[:-4]) is None
    assert signatures.signature_parse(b"MH7:" + data[4:]) is None  # an older format is stale


def test_signature_keeps_acts_and_commentary():
    data = signatures.signature_bytes(acts=0b101, opening_acts=0b10, commentary=3)
    stored = signatures.signature_parse(data)
    assert (stored.acts, stored.opening_acts, stored.commentary) == (0b101, 0b10, 3)
    plain = signatures.signature_parse(signatures.signature_bytes())
    assert (plain.acts, plain.opening_acts, plain.commentary) == (0, 0, 0)


def test_signature_keeps_the_text_key():
    text = "Google said today that distillation attacks are theft."
    key = signatures.text_key(text)
    data = signatures.signature_bytes(key=key)
    assert signatures.signature_key(data) == key
    assert signatures.signature_key(data) != signatures.text_key(text + " Updated.")
    assert signatures.signature_key(b"MH1:old") is None
    assert signatures.signature_key(None) is None


def test_signature_keeps_the_lead_day():
    day = dt.date(2026, 4, 30)
    assert signatures.signature_parse(signatures.signature_bytes(day=day)).day == day
    assert signatures.signature_parse(signatures.signature_bytes()).day is None


def test_signature_keeps_weekday_and_terms():
    text = "Reddit sued Anthropic on Wednesday in San Francisco state court."
    terms = signatures.terms_of(title="Reddit sued Anthropic", text=text)
    assert terms.title and terms.lead and terms.title <= terms.lead
    data = signatures.signature_bytes(weekday=signatures.lead_weekday(text), terms=terms)
    stored = signatures.signature_parse(data)
    assert stored.weekday == 2 and stored.terms == terms
    assert signatures.signature_parse(data[:-1]) is None  # a cut term list is stale, not garbage
    assert signatures.lead_weekday("No day named here.") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The suit was filed on June 4, 2025, in San Francisco.", dt.date(2025, 6, 4)),
        ("Judgment was handed down on 4 November 2025 in London.", dt.date(2025, 11, 4)),
        ("Filed on Wednesday, June 4.", None),  # no year: unknown without a publication date
        ("Filed on February 30, 2025.", None),
    ],
)
def test_lead_date_without_publication_reads_only_full_dates(text, expected):
    assert signatures.lead_date(text, published=None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # June 4 was a Wednesday in 2025 (and in 2031, after the article was seen)
        ("Reddit sued Anthropic on Wednesday, June 4, in state court.", dt.date(2025, 6, 4)),
        ("The hearing on Thursday, June 4 went badly.", dt.date(2026, 6, 4)),
        ("Filed on June 4, a Wednesday.", None),  # the weekday must name the date beside it
        ("Filed on Wednesday, February 30.", None),
        ("SAN FRANCISCO, June 4 (Wire) - A judge on Thursday ruled.", None),  # not the same day
    ],
)
def test_lead_date_of_undated_article_reads_a_weekday_with_its_date(text, expected):
    seen = dt.date(2026, 11, 30)
    assert signatures.lead_date(text, published=None, seen=seen) == expected


def test_features_ignore_case_quotes_and_stop_words():
    assert signatures.features_of("Musk said “Partly.”") == signatures.features_of(
        'musk SAID "partly"'
    )
    assert "the" not in signatures.features_of("The jury and the judge")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Musk testified today in Oakland.", dt.date(2026, 5, 1)),
        ("The judge ruled yesterday.", dt.date(2026, 4, 30)),
        ("On Thursday, Musk said partly.", dt.date(2026, 4, 30)),
        ("Google said on Friday that", dt.date(2026, 5, 1)),
        ("The ruling of March 4 stands.", dt.date(2026, 3, 4)),
        ("Filed on December 30, the suit", dt.date(2025, 12, 30)),
        ("Filed on April 9, 2025, the counterclaims", dt.date(2025, 4, 9)),
        ("No date here at all, in 2024.", None),
        ("A date on February 31 does not exist.", None),
    ],
)
def test_lead_date_resolves_against_publication(text, expected):
    assert signatures.lead_date(text, published=dt.date(2026, 5, 1)) == expected  # a Friday


def test_lead_date_without_publication_is_unknown():
    assert signatures.lead_date("Musk testified today.", published=None) is None


def _name(word: str) -> int:
    return zlib.crc32(word.encode())


def test_headline_names_are_the_words_the_lead_writes_as_names():
    title = "Amazon's Profit Jumps on Stake in Anthropic as Cloud Sales Pick Up"
    text = (
        "Quarterly profit at Amazon rose sharply on Thursday, lifted by a gain on its stake in "
        "Anthropic, and its Cloud unit sold more. Analysts had expected less in October."
    )
    names = signatures.names_of(title=title, text=text)
    # "Cloud" is written as a name inside a sentence; "Profit", "Jumps", "Thursday" are not names
    # of the headline (a sentence's first word, lower case in the lead, a weekday)
    assert set(names) == {_name("amazon"), _name("anthropic"), _name("cloud")}
    data = signatures.signature_bytes(names=names)
    assert signatures.signature_parse(data).names == names


def test_a_one_letter_name_is_a_name():
    """A party called by one letter ("X") is what two headlines about it share."""
    lead = "A federal judge dismissed a suit by X Corp. against Lumen Data over scraped posts."
    short = signatures.names_of(title="Judge throws out X's claims against a scraper", text=lead)
    long = signatures.names_of(title="Court dismisses X Corp. suit against Lumen Data", text=lead)
    assert short == (_name("x"),)
    assert set(short) < set(long)


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Profits jump across the sector", "Profits rose at Amazon and Anthropic on Thursday."),
        ("Amazon profit jumps", "Amazon reported a jump in profit."),  # only opens a sentence
        ("Amazon profit jumps", ""),
        ("Earnings due in June", "Results from the sector arrive in June."),  # a month is no name
    ],
)
def test_headline_without_a_name_in_its_lead_has_no_names(title, text):
    assert signatures.names_of(title=title, text=text) == ()


def test_headline_names_are_capped_and_stored_with_zeros():
    words = [f"Name{chr(97 + n)}" for n in range(signatures.MAX_NAMES + 3)]
    title = " ".join(words)
    names = signatures.names_of(title=title, text="and " + " and ".join(words))
    assert len(names) == signatures.MAX_NAMES and list(names) == sorted(names)
    assert signatures.signature_parse(signatures.signature_bytes()).names == ()


@pytest.mark.parametrize(
    ("title", "acts"),
    [
        ("Ferry operator sues the city over its new toll", {"suit"}),
        ("Harbour Co. Files Lawsuit Against Port Authority", {"suit"}),
        # the kind of suit between the filing and the noun
        ("Harbour Co. files antitrust suit against Tarn port", {"suit"}),
        ("Ferry Riders File First Class-Action Lawsuit Over Toll", {"suit"}),
        ("Ferry firm files motion to dismiss city's toll lawsuit", {"dismissal"}),
        ("Ferry firm files for a pause in the toll suit", set()),
        ("Ferry firm files appeal of toll lawsuit ruling", {"appeal"}),
        ("Riders file brief supporting toll suit", set()),
        ("Judge throws out ferry operator's toll lawsuit", {"dismissal"}),
        ("City moves the toll fight to federal court", {"removal"}),
        ("Ferry firm asks judge to send toll suit back to state court", {"remand"}),
        ("Ferry firm wants its case returned to Tarn Superior Court", {"remand"}),
        ("Port authority countersues ferry operator", {"counterclaim"}),
        ("Ferry firm drops its lawsuit against the city", {"withdrawal"}),
        ("Ferry firm can appeal the toll ruling, judge says", {"appeal"}),
        ("Mayor testifies as toll trial opens", {"testimony", "trial"}),
        ("Ferry tolls rise again this summer", set()),
        ("The pursuit of cheaper ferries", set()),  # "suit" inside a word is no act
    ],
)
def test_headline_acts_name_what_a_dispute_did(title, acts):
    names = [name for name, _ in signatures.ACTS]
    mask = signatures.acts_of(title)
    assert {names[n] for n in range(len(names)) if mask >> n & 1} == acts
    assert signatures.signature_parse(signatures.signature_bytes(acts=mask)).acts == mask


@pytest.mark.parametrize(
    ("title", "asked"),
    [
        ("Ferry firm files motion to dismiss city's toll lawsuit", True),
        ("Ferry firm seeks dismissal of the toll lawsuit", True),
        ("City files bid to stay the ferry toll injunction", True),
        ("Ferry firm petitions judges to throw out toll suit", True),
        ("Ferry firm asks court for an injunction against toll", True),
        ("Judge throws out ferry operator's toll lawsuit", False),
        ("Ferry firm sought to buy the port before it sued the city", False),
    ],
)
def test_asking_a_court_is_told_apart_from_the_act(title, asked):
    # one pattern (core/asking.py) for headlines, event kinds and reporting verbs
    assert bool(signatures.acts_of(title) & signatures.REQUESTED) == asked


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a wire's dateline is the day the piece was written; its development was "last week"
        ("TARN, March 9 (Quay Wire) - Harbour Co. said in a filing late last week that", None),
        ("TARN, March 9 (Quay Wire) - A judge ruled on Friday that the toll stands.", "03-06"),
        ("Quay report\nTARN, March 9 (Quay Wire) - The port settled on Friday.", "03-06"),
        ("The port said on March 9 that it would appeal.", "03-09"),  # a date in the sentence
    ],
)
def test_lead_date_leaves_a_wire_dateline_out(text, expected):
    day = signatures.lead_date(text, published=dt.date(2026, 3, 9))  # a Monday
    assert day == (dt.date.fromisoformat(f"2026-{expected}") if expected else None)


def test_a_headline_name_the_lead_writes_inside_a_sentence_only_further_on_is_a_name():
    """A lead may open its sentences on its subject ("Ferrovia told ...") and write it inside a
    sentence only two paragraphs on: it is still whom the headline is about."""
    title = "Ferrovia says the port padded its fare ledgers"
    text = (
        "Ferrovia told a judge in Tarn on Tuesday that the port had padded the ledgers behind its "
        "ferry fares, and asked for every draft of them.\n\n"
        "In a motion, the operator said clerks had entered crossings that never sailed, and that "
        "the totals in the toll schedule grew out of those entries rather than out of real "
        "traffic over the harbour in the busy summer months of the last two years.\n\n"
        "The port has refused to hand the drafts over, calling the request a fishing trip into "
        "records that have nothing to do with the contract both sides signed in the spring.\n\n"
        "A lawyer for the port said the fares were set in public and that Ferrovia knew them."
    )
    assert text.index("that Ferrovia") > signatures.TERMS_CHARS
    assert signatures.names_of(title=title, text=text) == (_name("ferrovia"),)


def test_a_common_noun_written_in_capitals_is_no_name():
    """ "AI" and "CEO" are in many headlines and leads, about anyone."""
    title = "Ferrovia CEO says AI timetables cut ferry delays"
    text = "The chief said on Monday that Ferrovia uses AI to plan crossings, its CEO told staff."
    assert signatures.names_of(title=title, text=text) == (_name("ferrovia"),)
