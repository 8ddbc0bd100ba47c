"""Events in reporting: which known events a text reports, and which new ones it suggests.

Each test is one shape in which real reporting tells (or seems to tell) an event; the texts are
written for these tests."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from tracker.core.dates import dateline_end
from tracker.linking.dates import dates_find, sentences
from tracker.linking.events import (
    EventInfo,
    byline_date,
    event_candidates,
    events_reported,
    headline_events,
    keyword_stems,
    read,
    same_event,
    stems,
)
from tracker.linking.eventwords import is_furniture, kinds

NAMES = stems("Elon Musk Musk OpenAI Sam Altman Altman")


def _event(
    event_id: int, day: dt.date, title: str, kind: str, *, names=NAMES, keywords=()
) -> EventInfo:
    """An accepted event of case 1, with stems as linking/services.py's context_load makes them."""
    keywords = tuple(keyword_stems(k) for k in keywords)
    return EventInfo(
        event_id, 1, day, "day", title, "accepted", stems(title), kind, keywords, names
    )


BID = _event(
    1,
    dt.date(2025, 2, 10),
    "Musk-led investors make an unsolicited $97.4 billion bid for OpenAI's non-profit",
    "statement",
)
APPEAL = _event(
    2,
    dt.date(2026, 6, 2),
    "Musk appeals the verdict to the Ninth Circuit",
    "appeal",
    keywords=("notice of appeal",),
)
TESTIMONY = _event(
    3,
    dt.date(2026, 4, 30),
    "Musk testifies that xAI partly used OpenAI models to train Grok",
    "testimony",
)
EVENTS = [BID, APPEAL, TESTIMONY]


def reported(text: str, published: dt.date | None, events=EVENTS) -> list[int]:
    found, _ = events_reported(_read(text, published), published, events)
    return sorted(event.id for event, _, _ in found)


def candidates(text: str, published: dt.date | None, party_words=("Musk", "OpenAI")):
    starts = [i for word in party_words for i in _all(text, word)]
    sents = _read(text, published)
    _, reporting = events_reported(sents, published, EVENTS)
    return event_candidates(sents, published, 1, starts, reporting)


def _read(text: str, published: dt.date | None):
    return read(text, list(sentences(text)), dates_find(text, published))


def _all(text: str, word: str) -> list[int]:
    out, at = [], text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + 1)
    return out


def test_an_undated_report_matches_by_meaning_up_to_the_article_date():
    text = "Last year Musk's group made an unsolicited $97.4 billion bid for the nonprofit."
    assert reported(text, dt.date(2026, 4, 28)) == [1]
    # The same words in an article written before the event cannot report it.
    assert reported(text.replace("Last year ", ""), dt.date(2025, 1, 5)) == []


def test_an_event_keyword_lets_other_words_report_it():
    lead = "Shares of the carmaker rose. Analysts shrugged. "  # past the lead: no lead rule
    text = lead + "Musk's lawyers have now filed a notice of appeal."
    later = dt.date(2026, 8, 20)  # weeks after the appeal: not the news of the day
    assert reported(text, later) == [2]
    bare = dataclasses.replace(APPEAL, keywords=())
    assert reported(text, later, [bare]) == []  # title words alone do not
    # In the lead, which tells the news, the event's kind and one of its words are enough.
    first = "Musk's lawyers have now filed a notice of appeal."
    assert reported(first, later, [bare]) == [2]


def test_an_undated_report_days_after_the_event_is_its_news():
    """An article a few days after an event, telling an event of its kind, reports it, wherever
    in the article it is told; weeks later the same sentence is background and needs more."""
    bare = dataclasses.replace(APPEAL, keywords=())
    text = "Shares of the carmaker rose. Analysts shrugged. Musk's lawyers filed the appeal."
    assert reported(text, dt.date(2026, 6, 5), [bare]) == [2]
    assert reported(text, dt.date(2026, 8, 20), [bare]) == []
    assert reported(text, dt.date(2026, 5, 30), [bare]) == []  # before the event: not it


def test_a_pronoun_before_the_verb_stands_for_the_party():
    """'It removed the case': the party was named in an earlier sentence."""
    bare = dataclasses.replace(APPEAL, keywords=())
    opening = "Shares of the carmaker rose. Analysts shrugged. "
    text = opening + "A week after the verdict, he appealed it to the Ninth Circuit."
    assert reported(text, dt.date(2026, 8, 20), [bare]) == [2]
    nobody = opening + "A week after the verdict, an appeal went to the Ninth Circuit."
    assert reported(nobody, dt.date(2026, 8, 20), [bare]) == []


def test_a_date_a_period_runs_from_is_not_the_events_date():
    """'pursued since 2023' says how long, not when the event happened."""
    text = "Musk appealed to the Ninth Circuit, in a fight he has waged since 2024."
    assert reported(text, dt.date(2026, 8, 20), [APPEAL]) == [2]
    summer = text.replace("since 2024", "since the summer of 2024")
    assert reported(summer, dt.date(2026, 8, 20), [APPEAL]) == [2]
    assert reported(text.replace("since 2024", "in 2024"), dt.date(2026, 8, 20), [APPEAL]) == []


def test_an_amount_and_a_year_date_an_event_told_in_passing():
    """'...including a $97.4 billion takeover offer last year': the counterclaim is what the
    sentence tells, the bid is named by its amount and year."""
    counterclaim = _event(
        9, dt.date(2025, 4, 9), "OpenAI files counterclaims accusing Musk of harassment", "filing"
    )
    text = (
        "OpenAI has counterclaimed that Musk waged a campaign of harassment against it, "
        "including a $97.4 billion takeover offer last year."
    )
    assert reported(text, dt.date(2026, 4, 28), [BID, counterclaim]) == [1, 9]
    without = text.replace("$97.4 billion ", "")
    assert reported(without, dt.date(2026, 4, 28), [BID, counterclaim]) == [9]


def test_a_dated_noun_phrase_reports_its_event_beside_the_main_one():
    """'denied the objection to the March order': the sentence reports the denial and, by its
    month, the order it names."""
    order = _event(5, dt.date(2026, 3, 12), "Magistrate orders OpenAI to keep chat logs", "ruling")
    upheld = _event(
        6, dt.date(2026, 5, 2), "Judge upholds the log order over OpenAI's objection", "ruling"
    )
    text = "The judge denied OpenAI's objection to the March order on the chat logs."
    assert reported(text, dt.date(2026, 5, 4), [order, upheld]) == [5, 6]
    undated = "The judge denied OpenAI's objection to the order on the chat logs."
    assert reported(undated, dt.date(2026, 5, 4), [order, upheld]) == [6]


def test_a_date_and_a_kind_alone_report_the_one_event_they_fit():
    """'It brought the claim in January 2023': no word of the event's title, but the case has
    one filing that month."""
    filing = _event(
        7,
        dt.date(2023, 1, 17),
        "Getty Images starts proceedings in London",
        "filing",
        names=stems("Getty Images Stability AI"),
    )
    text = "Photo agencies are worried. It brought the claim in January 2023."
    assert reported(text, dt.date(2025, 6, 9), [filing]) == [7]
    assert reported(text.replace("January", "March"), dt.date(2025, 6, 9), [filing]) == []
    ruling = dataclasses.replace(filing, kind="ruling")
    assert reported(text, dt.date(2025, 6, 9), [ruling]) == []


def test_an_explicit_date_of_another_day_rules_the_event_out():
    text = "On March 3, 2026, Musk testified that xAI partly used OpenAI models to train Grok."
    assert reported(text, dt.date(2026, 5, 1)) == []
    assert reported(text.replace("March 3", "April 30"), dt.date(2026, 5, 1)) == [3]


def test_a_guessed_year_far_away_does_not_rule_the_event_out():
    # "in February" read in April 2026 is February 2026; the bid was in February 2025.
    text = "Musk's unsolicited $97.4 billion bid in February was a sham, OpenAI says."
    assert reported(text, dt.date(2026, 4, 28)) == [1]


def test_a_sentence_reports_the_event_it_is_about_not_every_one_sharing_a_word():
    text = "Musk testified that xAI partly used OpenAI models, days after his bid was recalled."
    assert reported(text, dt.date(2026, 5, 1)) == [3]


def test_plans_and_predictions_report_nothing():
    text = "Musk will testify that xAI partly used OpenAI models to train Grok."
    assert reported(text, dt.date(2026, 5, 1)) == []
    assert (
        candidates(
            "Cross-examination of Musk was set to continue on Wednesday.", dt.date(2026, 4, 29)
        )
        == []
    )


def test_an_explicit_date_beats_the_weekday_beside_it():
    text = "Altman spoke in Oakland, Calif., Thursday, April 30, 2026, before the jury."
    found = dates_find(text, dt.date(2026, 5, 8))
    assert [(d.date, d.precision) for d in found] == [(dt.date(2026, 4, 30), "day")]
    # A weekday standing alone still resolves against the publication date.
    alone = dates_find("Altman spoke on Thursday.", dt.date(2026, 5, 8))
    assert [d.date for d in alone] == [dt.date(2026, 5, 7)]


def test_a_date_naming_a_document_is_not_the_event_date():
    text = (
        "Musk's lawyers filed a motion on May 4, 2026 arguing that the December 27, 2023 "
        "complaint relied on data from before 2020."
    )
    found = candidates(text, dt.date(2026, 5, 5))
    assert [(c.date, c.kind) for c in found] == [(dt.date(2026, 5, 4), "filing")]
    only_modifier = "OpenAI cited the December 27, 2023 complaint again."
    assert candidates(only_modifier, dt.date(2026, 5, 5)) == []


@pytest.mark.parametrize(
    "line",
    [
        "By Dana Whitcombe, April 28, 2026, 11:02 PM UTC",
        "Updated April 28, 2026",
        "Sam Altman arrives at the courthouse in Oakland on April 30, 2026. (AP Photo/Jo Lee)",
        "Musk leaves court on Tuesday. Photo: Lin Wu",
    ],
)
def test_bylines_timestamps_and_captions_are_not_events(line):
    assert is_furniture(line)
    assert candidates(line, dt.date(2026, 5, 1)) == []


def test_a_party_named_like_a_photo_agency_is_not_a_caption():
    """Getty Images sues and is sued: its name in a sentence is news, only a credit is furniture."""
    assert not is_furniture("Getty Images lost most of its case against Stability AI on Tuesday.")
    assert is_furniture("Stability's chief outside the court on Tuesday. Jo Lee | Getty Images")
    assert is_furniture("The courthouse in London. Photo via Getty Images")


def test_a_dateline_is_not_part_of_the_event():
    text = (
        "OAKLAND, California, April 28 (Wire) - Musk's lawyers told a jury on Monday he was misled."
    )
    assert text[dateline_end(text) :].startswith("Musk's lawyers")
    (found,) = candidates(text, dt.date(2026, 4, 28))
    assert found.date == dt.date(2026, 4, 27) and found.kind == "testimony"
    assert found.title.startswith("Musk's lawyers")
    assert not is_furniture("Musk - the richest man alive - sued in 2024.")


def test_background_and_product_news_are_not_new_events():
    text = "Musk, who co-founded OpenAI in 2015 and left its board in 2018, wants damages."
    assert candidates(text, dt.date(2026, 4, 28)) == []
    product = "OpenAI released a new model on Thursday, its biggest launch this year."
    assert candidates(product, dt.date(2026, 4, 28)) == []
    ruling = "Judge Rogers ruled in January that the claims should go to a jury."
    (found,) = candidates(ruling, dt.date(2026, 4, 28), party_words=())
    assert (found.date, found.precision, found.kind) == (dt.date(2026, 1, 1), "month", "ruling")


def test_a_sentence_reporting_a_known_event_suggests_nothing_new():
    text = "On April 30, Musk testified that xAI partly used OpenAI models to train Grok."
    assert reported(text, dt.date(2026, 5, 1)) == [3]
    assert candidates(text, dt.date(2026, 5, 1)) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Musk took the stand on Tuesday.", "testimony"),
        ("The trial got under way on Monday.", "hearing"),
        ("A judge turned down the request on Monday.", "ruling"),
        ("He later added Microsoft as a defendant.", "filing"),
        ("The jury found on Monday that the claims came too late.", "verdict"),
        # the other verbs (and nouns) of a family that real reporting uses
        ("The judge found that the model was not a copy of the photos.", "ruling"),
        ("Mrs Justice Smith held that the weights store no images.", "ruling"),
        ("She found in the agency's favour on a narrow point.", "ruling"),
        ("The carmaker lost its bid to block the handover of the logs.", "ruling"),
        ("The publisher has lost most of its high court case.", "ruling"),
        ("Judge Stein let the paper's main claims stand.", "ruling"),
        ("The order kept the paper's core claims alive.", "ruling"),
        ("The suits were consolidated in New York in April.", "ruling"),
        ("Last week's judgment turned on a few words of a statute.", "ruling"),
        ("The start-up was refused permission to appeal the findings.", "ruling"),
        ("Musk told jurors that the lab was meant to stay open.", "testimony"),
        ("The case, lodged in a Manhattan federal court, is the largest yet.", "filing"),
        ("It brought the claim in January 2023.", "filing"),
        ("The agency began the case in London two years ago.", "filing"),
        ("The copyright case the paper brought against the lab goes on.", "filing"),
        ("The lab moved the case into federal court in July.", "filing"),
        ("The lawsuit was brought last spring by three illustrators.", "filing"),
        ("Those claims had been launched before the merger closed.", "filing"),
        ("The two companies have begun a high court trial in London.", "hearing"),
        ("He called the $97.4 billion takeover offer a sham.", "statement"),
        ("In November the judge let the platform press narrower claims.", "ruling"),
        ("A November order allowed the platform to pursue its server claims.", "ruling"),
        ("Judge Allows Painters' Copyright Suit Against Image Makers to Proceed", "ruling"),
        ("The painters are now permitted to pursue their trademark claims.", "ruling"),
        ("The court declined to dismiss the core infringement claims.", "ruling"),
        ("Its lawyers told the court last month that the suit is about copyright.", "filing"),
    ],
)
def test_kinds_from_the_ways_reports_say_it(text, kind):
    assert kinds(text)[0][0] == kind


@pytest.mark.parametrize(
    "text",
    [
        "The agency is still suing the start-up in the United States.",  # a state, not news
        "The headlines have settled on a simple story.",
        "He held a press conference outside the court building.",
        "The start-up refused to comment on the case.",
        "Researchers found that the model repeats its training data.",
        "The case was brought to the committee's attention by a reader.",  # a matter, no suit
    ],
)
def test_words_that_look_like_event_verbs_but_report_nothing(text):
    assert [k for k, _ in kinds(text) if k != "statement"] == []


def test_a_verb_of_the_events_family_reports_it():
    injunction = _event(
        4, dt.date(2025, 3, 4), "Judge denies Musk's request for a preliminary injunction", "ruling"
    )
    lost = "Musk lost his bid for a preliminary injunction that would have frozen OpenAI."
    assert reported(lost, dt.date(2025, 3, 6), [injunction]) == [4]
    seeking = "Musk is still seeking a preliminary injunction that would freeze OpenAI."
    assert reported(seeking, dt.date(2025, 3, 6), [injunction]) == []


def test_a_retold_event_in_other_words_is_the_same_suggestion():
    published = dt.date(2026, 5, 8)
    (one,) = candidates("OpenAI filed a motion on May 4 to exclude Musk's expert.", published)
    (two,) = candidates(
        "Papers OpenAI filed on May 4 ask the court to bar Musk's expert.", published
    )
    pending = EventInfo(
        None, 1, one.date, one.precision, one.title, "suggested", one.stems, one.kind, names=NAMES
    )
    assert same_event(two, pending)
    other_day = EventInfo(
        None,
        1,
        dt.date(2026, 5, 1),
        "day",
        one.title,
        "suggested",
        one.stems,
        one.kind,
        names=NAMES,
    )
    assert not same_event(two, other_day)


def test_a_page_without_a_date_is_dated_by_its_byline():
    text = "Jenna Ko\n\nMay 1, 2026\n\nMusk said this week that xAI partly used OpenAI models."
    assert byline_date(_read(text, None)) == dt.date(2026, 5, 1)
    assert (
        byline_date(
            _read("Musk sued OpenAI on May 1, 2026, in Oakland, saying it misled him.", None)
        )
        is None
    )


def test_a_keyword_of_generic_words_or_in_a_sentence_telling_nothing_reports_nothing():
    """'lawsuit' as a keyword says no more than any report does; a keyword in a sentence with
    no event verb is the topic, not a report ('a declaration that logged-off scraping...')."""
    scraping = _event(
        8,
        dt.date(2024, 1, 23),
        "Judge rules the terms do not bar logged-off scraping",
        "ruling",
        keywords=("lawsuit", "logged-off"),
    )
    published = dt.date(2024, 6, 1)
    opening = "Shares rose. Analysts shrugged. "
    assert scraping.telling == (stems("logged-off"),)
    topic = opening + "Musk wants a declaration that logged-off collection is lawful."
    assert reported(topic, published, [scraping]) == []
    told = opening + "Musk lost on logged-off scraping when the judge ruled on the terms."
    assert reported(told, published, [scraping]) == [8]
    generic = opening + "Musk said the lawsuit was about the terms."
    assert reported(generic, published, [scraping]) == []


def test_a_headline_reports_the_event_it_announces_as_done():
    """Headlines tell the news in the present tense and title case; what they announce is to
    come."""
    published = dt.date(2026, 5, 1)
    found = headline_events("Musk Testifies xAI Partly Used OpenAI Models", published, EVENTS)
    assert [event.id for event, _ in found] == [3]
    assert headline_events("Musk to Testify That xAI Used OpenAI Models", published, EVENTS) == []
    assert headline_events("Musk testifies on Grok models", dt.date(2026, 4, 1), EVENTS) == []
    assert headline_events("", published, EVENTS) == []


@pytest.mark.parametrize(
    "text",
    [
        "OpenAI pointed reporters on Friday to its earlier blog post about the case.",
        "An OpenAI spokesperson declined to comment on Friday.",
        "Musk did not respond on Friday to a request for comment.",
        "A lawyer for Musk told reporters on Friday that he had filed an appeal.",
        "Musk said in an interview on Friday that OpenAI had sued him.",
        "An OpenAI spokesperson referred The Ledger on Friday to its earlier blog post.",
        "Representatives for Musk didn't return messages on Friday.",
        "OpenAI has not responded to questions sent on Friday.",
    ],
)
def test_an_act_of_reporting_is_not_an_event_of_the_case(text):
    """How a party answered the reporter (or did not) is not something that happened in the
    dispute, and the day it answered does not date what it said had happened."""
    assert kinds(text)[0][0] == "reporting"
    assert candidates(text, dt.date(2026, 5, 2)) == []


def test_an_act_of_reporting_may_retell_a_known_event():
    text = "A lawyer for Musk told reporters that he had testified that xAI used OpenAI models."
    assert reported(text, dt.date(2026, 5, 2)) == [3]


def test_a_company_s_business_told_in_passing_is_not_an_event_of_the_case():
    """A purchase in a relative clause dates the clause, not the sentence's verb; a merger
    announced, or results reported, are the background of an article about a dispute."""
    published = dt.date(2026, 5, 2)
    aside = "OpenAI, which agreed in June 2025 to buy a coding start-up, has said it will fight."
    assert candidates(aside, published) == []
    merger = "OpenAI is in the middle of a merger with a chip maker, announced in January."
    assert candidates(merger, published) == []
    said = "OpenAI said on Tuesday that Musk's claims were baseless."
    assert [c.kind for c in candidates(said, published)] == ["statement"]
    holder = (
        "Microsoft, which holds a stake in OpenAI, said on Tuesday Musk's claims were baseless."
    )
    assert [c.kind for c in candidates(holder, published)] == ["statement"]
    sued = "Musk, who sued OpenAI in February, testified on Tuesday."
    assert [(c.date, c.kind) for c in candidates(sued, published)] == [
        (dt.date(2026, 4, 28), "testimony")
    ]


def test_a_date_planned_is_not_when_anything_happened():
    """A trial date called off is neither a new event nor proof that the sentence tells
    another event than the one its verb tells."""
    stay = _event(
        9,
        dt.date(2025, 4, 4),
        "Judge certifies an interlocutory appeal and stays the trial",
        "ruling",
        keywords=("interlocutory appeal",),
    )
    published = dt.date(2025, 6, 18)
    text = (
        "The order comes two months after the judge certified Musk's case for interlocutory "
        "appeal and stayed it, calling off a trial that had been set to begin on May 12."
    )
    assert reported(text, published, [stay]) == [9]
    assert candidates(text, published) == []
    assert kinds("He called off a trial set for August 2024.")[0][0] == "ruling"
    assert candidates("Musk called off a trial set for August 2024.", published) == []
    # a date after a verb that follows the future is that verb's
    refiled = (
        "Musk said he would consider his options and pointed to his suit, which he refiled "
        "in August in federal court."
    )
    (found,) = _read(refiled, dt.date(2025, 11, 4))
    assert not found.planned and found.dates


def test_a_keyword_naming_a_year_is_told_only_with_that_year():
    """'2023 ruling' is the 2023 one, not any ruling the article mentions."""
    earlier = _event(
        10,
        dt.date(2023, 9, 25),
        "Judge largely denies summary judgment and leaves fair use to a jury",
        "ruling",
        keywords=("2023 ruling",),
    )
    published = dt.date(2026, 6, 12)
    opening = "Shares rose. Analysts shrugged. "
    any_ruling = opening + "For Musk, a ruling that training needs permission would be costly."
    assert reported(any_ruling, published, [earlier]) == []
    told = opening + "Musk's lawyers cited the 2023 ruling, which left the question to jurors."
    assert reported(told, published, [earlier]) == [10]


def test_a_ruling_recalled_with_a_judge_unnamed_is_reported_on_an_undated_page():
    """A page without a date: "in June" dates nothing, so the sentence must name or refer to
    the judge the ruling's title names; "a judge ruled" refers to them, "a reader noted" not."""
    words = frozenset(stems("Judge Rosa Ortiz Ortiz Lumen Labs Mara Quill"))
    ruling = _event(
        9,
        dt.date(2025, 6, 23),
        "Ortiz rules training on novels is fair use",
        "ruling",
        names=words,
        keywords=("ruled", "fair use"),
    )
    text = "Writers noted that a judge ruled in June that training on novels was fair use."
    assert reported(text, None, [ruling]) == [9]
    unrelated = "Writers noted in June that training on novels was called fair use by a reader."
    assert reported(unrelated, None, [ruling]) == []
