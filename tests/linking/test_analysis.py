"""article_analyse on arbitrary text: never crashes, every span indexes the text."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factories import ArticleFactory
from tests.linking import texts
from tracker.linking import services
from tracker.linking.analysis import CaseInfo, Context, article_analyse
from tracker.linking.events import EventInfo, stems
from tracker.linking.matcher import Matcher, Pattern, Target

ONE = frozenset({1})
MATCHER = Matcher(
    [
        Pattern("Elon Musk", True, [Target("party", 1, ONE, 0.7)]),
        Pattern("Musk", True, [Target("party", 1, ONE, 0.5)]),
        Pattern("OpenAI", True, [Target("party", 2, ONE, 0.7)]),
        Pattern("Google", True, [Target("party", 3, ONE, 0.7)]),
        Pattern("distillation", False, [Target("issue", 5, ONE, 0.35)]),
        Pattern("fraud", False, [Target("claim", 6, ONE, 0.35)]),
    ]
)
TITLE = "Musk testifies that xAI partly used OpenAI models"
CONTEXT = Context(
    cases={
        1: CaseInfo(
            id=1,
            sides={1: {"p"}, 2: {"d"}},
            party_ids={1, 2, 3},
            events=[EventInfo(9, 1, dt.date(2026, 4, 30), "day", TITLE, "accepted", stems(TITLE))],
        )
    },
    kinds={1: "person", 2: "organization", 3: "organization"},
)
PIECES = st.sampled_from(
    [
        "Elon Musk",
        "Musk’s",
        "OpenAI's",
        "Google",
        " said ",
        " “",
        "”",
        '"',
        ", ",
        ".",
        "\n",
        "distillation",
        "theft",
        "legitimate",
        " but ",
        "on April 30, 2026",
        "yesterday",
        "this week",
        "He added",
        "according to ",
        "fraud",
        "testified",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40))
def test_analysis_spans_always_index_the_text(parts):
    text = "".join(parts)
    result = article_analyse(
        text=text, published=dt.date(2026, 5, 1), case_ids=set(), matcher=MATCHER, context=CONTEXT
    )
    for wanted in result.links.values():
        assert 0 < wanted.confidence <= 0.99
        for start, end in wanted.spans:
            assert 0 <= start < end <= len(text)
    for finding in result.positions:
        assert 0 <= finding.start < finding.end <= len(text)
        assert finding.stance in {"supports", "opposes", "mixed", "neutral"}
    for candidate in result.candidates:
        assert 0 <= candidate.start < candidate.end <= len(text)
        assert candidate.title


def test_an_article_that_breaks_the_analysis_keeps_its_links(demo_case, monkeypatch):
    good = ArticleFactory(text=texts.OPENAI_REACTS)
    bad = ArticleFactory(text=texts.TESTIMONY)
    services.articles_link([bad.id])
    before = set(bad.links.values_list("id", flat=True))
    assert before
    real = services.article_analyse

    def flaky(*, text, **kwargs):
        if text == texts.TESTIMONY:
            raise RuntimeError("unexpected input")
        return real(text=text, **kwargs)

    monkeypatch.setattr(services, "article_analyse", flaky)
    services.articles_link([good.id, bad.id])
    assert set(bad.links.values_list("id", flat=True)) == before
    assert good.links.exists()


def test_an_undated_page_reports_nothing_that_began_after_it_was_first_seen():
    text = "Elon Musk testified that xAI partly used OpenAI models to train Grok."
    event = EventInfo(
        9, 1, dt.date(2026, 4, 30), "day", TITLE, "accepted", stems(TITLE), "testimony"
    )
    context = Context(
        cases={1: CaseInfo(id=1, party_ids={1, 2, 3}, events=[event])}, kinds=CONTEXT.kinds
    )

    def events(seen):
        analysis = article_analyse(
            text=text, published=None, case_ids={1}, matcher=MATCHER, context=context, seen=seen
        )
        return {key for key in analysis.links if key[0] == "event"}

    assert events(dt.date(2026, 5, 2)) == {("event", 9)}
    assert events(None) == {("event", 9)}  # no bound known: matched by meaning alone
    assert events(dt.date(2026, 4, 1)) == set()  # first seen a month before the testimony


def test_a_cases_others_are_its_parties_on_no_side_worked_out_once():
    case = CaseInfo(id=1, sides={1: {"p"}, 2: {"d"}}, party_ids={1, 2, 3, 4})
    assert case.others == frozenset({3, 4})
    case.party_ids.add(5)  # read once: routing asks for every article naming the case's party
    assert case.others == frozenset({3, 4})
