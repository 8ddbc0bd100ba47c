"""A position is a party's in the case of its issue: someone outside that case, retelling a
suit of its own in a report filed under both, speaks to none of the other case's issues
(analysis._taking_part)."""

from __future__ import annotations

import datetime as dt

from tracker.linking.analysis import CaseInfo, Context, article_analyse
from tracker.linking.events import stems
from tracker.linking.issuewords import issue_words
from tracker.linking.matcher import Matcher, Pattern, Target

FIRST, SECOND = frozenset({1}), frozenset({2})
MATCHER = Matcher(
    [
        Pattern("Quillhouse", True, [Target("party", 1, FIRST, 0.7)]),
        Pattern("Parlance", True, [Target("party", 2, FIRST | SECOND, 0.7)]),
        Pattern("Tunewright", True, [Target("party", 3, SECOND, 0.7)]),
        Pattern("bootleg archive", False, [Target("issue", 7, FIRST, 0.35)]),
    ]
)
CONTEXT = Context(
    cases={
        1: CaseInfo(id=1, sides={1: {"p"}, 2: {"d"}}, party_ids={1, 2}),
        2: CaseInfo(id=2, sides={3: {"p"}, 2: {"d"}}, party_ids={2, 3}),
    },
    kinds={1: "organization", 2: "organization", 3: "organization"},
    issue_words=issue_words(
        [(7, 1, "Could Parlance keep books from a bootleg archive?", "", ["bootleg archive"])],
        {1: stems("Quillhouse Parlance"), 2: stems("Tunewright Parlance")},
    ),
)
TEXT = (
    "Tunewright sued Parlance again on Tuesday, months after Quillhouse won its own case.\n\n"
    "Tunewright said its catalogue was taken from a bootleg archive, which it called theft.\n\n"
    "Quillhouse said keeping books from a bootleg archive was unlawful."
)


def test_a_party_outside_the_issue_s_case_takes_no_position_on_it():
    found = article_analyse(
        text=TEXT,
        published=dt.date(2025, 9, 2),
        case_ids={1, 2},
        matcher=MATCHER,
        context=CONTEXT,
    )
    stances = {(f.party_id, f.issue_id, f.stance) for f in found.positions}
    assert (1, 7, "opposes") in stances  # a party of the case speaks to its issue
    assert not any(party == 3 for party, _, _ in stances)
