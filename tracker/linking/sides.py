"""A party's side on an issue, for its statements that carry no cue of their own.

In a dispute the principal parties hold their side on the case's issues from one report to the
next: once several reports show Reddit opposing scraping, "Reddit's complaint says Anthropic's
crawlers did both" is Reddit's position on scraping too, though it has no word of judgement.
An undecided statement (stances.positions_find: a principal party speaking on an issue of its
own case that the statement names, with no cue) takes the stance the party's other positions on
that issue agree on: at least MIN_AGREE of them, and at least AGREEMENT of all of them; never a
mixed or neutral one. A rebuttal (cues.REBUT_CUES: "called the claims a distraction", "said it
would appeal", "welcomed the ruling") says the party holds its side without saying which: its
own side when known (one position is enough), else the side opposite to the one its adversaries in the case agree on (in
a lawsuit the two camps disagree). Its rule says so and names how the statement was attributed; its
confidence is the lowest a position gets (no cue).

Last, a statement that names its issue itself ("the publishers say the answers repeat their
reporting word for word", "the company asked the court to transfer the case to California",
"Stability has said its model does not store the photographs") holds its camp's side of the
case's question (`sides_framed`, CAMP_RULE): a plaintiff's account of the defendant's conduct is
its condemnation, a defendant's account its defence, and the issue's framing says which answer
that is ("Does it infringe?": the plaintiff's "yes"). Other reports placing the camp on one side
come first; a settlement both camps signed (stances.issue_agreed) is no question they split on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from tracker.linking.stances import FLIP, Finding

MIN_AGREE = 2
AGREEMENT = 0.75
SIDED = ("supports", "opposes")

Pair = tuple[int, int]  # (party id, issue id)
SIDE_RULE = "its side on the issue in other reports"  # settled positions are no evidence
CAMP_RULE = "its camp's side in the case"  # nor are those settled by the camp alone


def sides_known(
    stances: Iterable[tuple[int, int, str]],
    camps: dict[Pair, str] | None = None,
    agree: int = MIN_AGREE,
) -> dict[Pair, str]:
    """(party id, issue id, stance) of positions found elsewhere -> each pair's agreed side.
    `camps` gives each pair's side of the case ("p", "d"): when the two sides of a case are
    found on the same side of one of its issues, the reading is wrong somewhere and neither
    is settled."""
    votes: dict[Pair, Counter[str]] = {}
    for party_id, issue_id, stance in stances:
        votes.setdefault((party_id, issue_id), Counter())[stance] += 1
    camps = camps or {}
    sides = {}
    held = set()  # (issue, camp, stance) some party of the camp leans to
    for pair, counts in votes.items():
        stance, count = counts.most_common(1)[0]
        if stance in SIDED and pair in camps:
            held.add((pair[1], camps[pair], stance))
        if stance in SIDED and count >= agree and count >= AGREEMENT * counts.total():
            sides[pair] = stance
    return {
        pair: stance
        for pair, stance in sides.items()
        if pair not in camps or (pair[1], _OTHER[camps[pair]], stance) not in held
    }


_OTHER = {"p": "d", "d": "p"}


def sides_rebutted(
    stances: Iterable[tuple[int, int, str]], camps: dict[Pair, str]
) -> dict[Pair, str]:
    """The side a rebuttal holds (see the module docstring): the party's own, which one
    position that nothing contradicts is enough to show (the rebuttal is a second sign), else
    the opposite of its adversaries' (`sides_opposed`)."""
    stances = list(stances)
    return sides_opposed(sides_known(stances, camps), camps) | sides_known(stances, camps, 1)


def sides_opposed(sides: dict[Pair, str], camps: dict[Pair, str]) -> dict[Pair, str]:
    """The side of each pair of `camps` that has none in `sides` but whose adversaries (the
    other camp of the issue's case) agree on one: the opposite one."""
    agreed: dict[tuple[int, str], set[str]] = {}
    for pair, stance in sides.items():
        if pair in camps:
            agreed.setdefault((pair[1], camps[pair]), set()).add(stance)
    out = {}
    for pair, camp in camps.items():
        theirs = agreed.get((pair[1], _OTHER[camp]), set())
        mine = agreed.get((pair[1], camp), set())
        if pair not in sides and len(theirs) == 1 and not theirs & mine:
            out[pair] = FLIP[next(iter(theirs))]
    return out


def sides_framed(
    camps: dict[Pair, str], framing: dict[int, int], sides: dict[Pair, str]
) -> dict[Pair, str]:
    """The side each pair of `camps` holds by its camp alone (CAMP_RULE): a plaintiff's is
    the answer that condemns what it sued over (`framing` -1: "supports", the issue's question
    asking whether the wrong was done; else "opposes"), a defendant's the other. Where the
    agreed sides of other reports (`sides`, by `sides_known`) put the camp on one side, that
    side; on both, none."""
    held: dict[tuple[int, str], set[str]] = {}
    for pair, stance in sides.items():
        camp = camps.get(pair)
        if camp is not None:
            held.setdefault((pair[1], camp), set()).add(stance)
            held.setdefault((pair[1], _OTHER[camp]), set()).add(FLIP[stance])
    out = {}
    for pair, camp in camps.items():
        condemns = "supports" if framing.get(pair[1], 1) < 0 else "opposes"
        seen = held.get((pair[1], camp), set())
        if len(seen) < 2:
            out[pair] = next(iter(seen)) if seen else condemns if camp == "p" else FLIP[condemns]
    return out


def sides_settle(
    positions: list[Finding],
    undecided: list[Finding],
    sides: dict[Pair, str],
    rebutted: dict[Pair, str] | None = None,
    framed: dict[Pair, str] | None = None,
) -> list[Finding]:
    """The undecided statements of one article that its party's known side settles, for pairs
    the article has no position on; a rebuttal also by `rebutted` (see `sides_rebutted`); a
    statement naming its issue itself, last, by its camp's side (`sides_framed`)."""
    have = {(f.party_id, f.issue_id) for f in positions}
    settled = []
    for finding in undecided:
        pair = (finding.party_id, finding.issue_id)
        stance, why = sides.get(pair), SIDE_RULE
        if stance is None and finding.rebuts:
            stance = (rebutted or {}).get(pair)
        if stance is None and finding.named:
            stance, why = (framed or {}).get(pair), CAMP_RULE
        if stance is None or pair in have:
            continue
        have.add(pair)
        rule = f"{stance}: {why}; {finding.rule}"
        settled.append(replace(finding, stance=stance, rule=rule[:300]))
    return settled
