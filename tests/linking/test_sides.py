"""A party's side on an issue settles its statements that carry no cue (sides.py)."""

from __future__ import annotations

import pytest

from tests.factories import ArticleFactory
from tests.linking.conftest import PUBLISHED
from tracker.linking.models import Position
from tracker.linking.services import articles_link
from tracker.linking.sides import (
    CAMP_RULE,
    SIDE_RULE,
    sides_known,
    sides_opposed,
    sides_rebutted,
    sides_settle,
)
from tracker.linking.stances import Finding

P, D, ISSUE = 1, 2, 10


def test_a_side_needs_two_positions_that_agree():
    assert sides_known([(P, ISSUE, "opposes")]) == {}
    assert sides_known([(P, ISSUE, "opposes")] * 2) == {(P, ISSUE): "opposes"}
    assert sides_known([(P, ISSUE, "opposes")] * 2 + [(P, ISSUE, "supports")]) == {}
    assert sides_known([(P, ISSUE, "mixed")] * 3) == {}


def test_both_camps_on_one_side_settle_nothing():
    camps = {(P, ISSUE): "p", (D, ISSUE): "d"}
    stances = [(P, ISSUE, "opposes")] * 2 + [(D, ISSUE, "opposes")]
    assert sides_known(stances, camps) == {}
    stances = [(P, ISSUE, "opposes")] * 2 + [(D, ISSUE, "supports")] * 2
    assert sides_known(stances, camps) == {(P, ISSUE): "opposes", (D, ISSUE): "supports"}


def test_settling_keeps_the_article_s_own_positions():
    undecided = [Finding(P, ISSUE, "", "says (attributed: subject/clause)", 5, 30, 0)]
    settled = sides_settle([], undecided, {(P, ISSUE): "opposes"})
    assert [(f.party_id, f.stance, f.start, f.end) for f in settled] == [(P, "opposes", 5, 30)]
    assert settled[0].rule == f"opposes: {SIDE_RULE}; says (attributed: subject/clause)"
    own = [Finding(P, ISSUE, "mixed", "mixed: ...", 0, 4, 2)]
    assert sides_settle(own, undecided, {(P, ISSUE): "opposes"}) == []
    assert sides_settle([], undecided, {}) == []


@pytest.mark.django_db
def test_no_camp_settles_a_question_whose_framing_is_only_guessed(demo_case):
    # the question names no wrong and no acceptance: which answer the defendant gives is a
    # guess (stances.issue_framing_told), so its camp alone settles nothing
    from tracker.cases.models import Issue

    issue = Issue.objects.get(slug="for-profit-conversion")
    issue.title = "Does the restructuring shortchange the lab's early donors?"
    issue.save()
    plain = "OpenAI says the restructuring keeps its nonprofit board in control."
    alone = ArticleFactory(text=f"In Elon Musk's lawsuit, {plain}", published=PUBLISHED)
    articles_link([alone.id])
    assert not Position.objects.filter(article=alone, issue=issue).exists()


@pytest.mark.django_db
def test_a_principal_s_plain_statement_takes_its_side_from_other_reports(demo_case):
    reports = [
        "OpenAI said the restructuring was lawful and necessary for its mission.",
        "OpenAI argued in court that the restructuring was legitimate.",
    ]
    plain = "OpenAI says the restructuring keeps its nonprofit board in control."
    commentator = "Google says the restructuring keeps the nonprofit board in control."
    alone = ArticleFactory(text=f"In Elon Musk's lawsuit, {plain}", published=PUBLISHED)
    articles_link([alone.id])
    # nothing to go by yet but its camp: the defendant defends what it is sued over
    first = Position.objects.get(article=alone)
    assert first.stance == "supports" and first.rule.startswith(f"supports: {CAMP_RULE}")

    articles = [ArticleFactory(text=t, published=PUBLISHED) for t in [*reports, commentator]]
    articles_link([a.id for a in articles])
    # a later batch: the stored positions say OpenAI's side, in a report of the suit; the
    # same words in an article about no case (the company's own news) hold no side in it
    elsewhere = ArticleFactory(text=plain, published=PUBLISHED)
    articles_link([alone.id, elsewhere.id])
    assert not Position.objects.filter(article=elsewhere).exists()
    settled = Position.objects.get(article=alone)
    assert (settled.party.name, settled.issue.slug, settled.stance) == (
        "OpenAI",
        "for-profit-conversion",
        "supports",
    )
    assert SIDE_RULE in settled.rule and settled.quote == plain
    # a commentator has no side of the case to hold
    assert not Position.objects.filter(article=articles[-1]).exists()


def test_a_rebuttal_takes_the_side_opposite_its_adversaries():
    camps = {(P, ISSUE): "p", (D, ISSUE): "d"}
    assert sides_opposed({(D, ISSUE): "supports"}, camps) == {(P, ISSUE): "opposes"}
    # its own side known: nothing to infer; adversaries split or on its own side: nothing
    assert sides_opposed({(P, ISSUE): "opposes", (D, ISSUE): "supports"}, camps) == {}
    other = 3
    split = {(D, ISSUE): "supports", (other, ISSUE): "opposes"}
    assert sides_opposed(split, camps | {(other, ISSUE): "d"}) == {}
    same = {(D, ISSUE): "supports", (other, ISSUE): "supports"}
    assert sides_opposed(same, camps | {(other, ISSUE): "d"}) == {(P, ISSUE): "opposes"}
    assert sides_opposed(same, camps | {(other, ISSUE): "p"}) == {}  # its camp on their side
    # a party outside the case's two sides has no adversaries
    assert sides_opposed({(D, ISSUE): "supports"}, {(D, ISSUE): "d"}) == {}


def test_only_a_rebuttal_is_settled_by_its_adversaries_side():
    plain = Finding(P, ISSUE, "", "says (attributed: subject/clause)", 5, 30, 0)
    rebuttal = Finding(
        P, ISSUE, "", 'says "distraction" (attributed: subject/clause)', 5, 30, 0, True
    )
    opposed = {(P, ISSUE): "opposes"}
    assert sides_settle([], [plain], {}, opposed) == []
    settled = sides_settle([], [rebuttal], {}, opposed)
    assert [(f.stance, f.rebuts) for f in settled] == [("opposes", True)]
    assert settled[0].rule.startswith(f'opposes: {SIDE_RULE}; says "distraction"')
    # its own side, when known, comes first
    assert sides_settle([], [rebuttal], {(P, ISSUE): "supports"}, opposed)[0].stance == "supports"


def test_one_position_of_its_own_shows_a_rebuttal_s_side():
    camps = {(P, ISSUE): "p", (D, ISSUE): "d"}
    assert sides_rebutted([(P, ISSUE, "opposes")], camps) == {(P, ISSUE): "opposes"}
    # its own position first, then its adversaries' agreed side; contradictions settle nothing
    stances = [(P, ISSUE, "opposes"), *[(D, ISSUE, "supports")] * 2]
    assert sides_rebutted(stances, camps)[(P, ISSUE)] == "opposes"
    stances = [(P, ISSUE, "opposes"), *[(D, ISSUE, "opposes")] * 2]  # both camps on one side
    assert (P, ISSUE) not in sides_rebutted(stances, camps)
    assert sides_rebutted([(D, ISSUE, "supports")] * 2, camps)[(P, ISSUE)] == "opposes"
    assert (P, ISSUE) not in sides_rebutted([(P, ISSUE, "opposes"), (P, ISSUE, "supports")], camps)
