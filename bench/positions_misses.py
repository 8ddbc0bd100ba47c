"""Where each position of the real-news corpus is lost: a diagnostic for issue 14's positions.

    .venv/bin/python bench/positions_misses.py [--folder NAME] [--stage a|b|c|d] [--quiet]

Ingests tests/fixtures/realnews exactly as tests/linking/test_realnews.py does (the same harness,
tests/linking/realnews.py and realnews_score.py), recording what the positions reader
(`stances.positions_find`, called by analysis) saw in each article: the statements attribution
found, its findings and its undecided statements. Every missed gold position then gets the
stage that lost it:

- (a) no statement of that party (nor of a collective speaking for it) at the gold quote;
- (b) a statement of the party there, but no finding nor undecided statement on the issue
  (the issue not named, or named in words the reader does not know);
- (c) the issue found but no cue (undecided, not settled by the party's side) or another stance;
- (d) the reader found it, but it was dropped later (a judge, a non-principal, another case).

and every extra one what went wrong: (a) the gold has no position of that party in the
article (the wrong speaker, or a party reported, not speaking), (b) the party has gold positions
but not on that issue, (c) the gold has that pair with another stance. Each line ends with the
rule that made it. Prints the lines, then the counts per stage and a RESULT line per count.
"""

# bench-timeout: 600
from __future__ import annotations

import argparse
import inspect
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import _bench
from _bench import result

# typographic quotes and dashes made plain, one character for one (offsets are kept)
_PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@dataclass
class Seen:
    """What the positions reader saw in one text."""

    statements: list = field(default_factory=list)
    findings: list = field(default_factory=list)
    undecided: list = field(default_factory=list)


def recording(seen: dict[str, Seen]):
    """analysis.positions_find wrapped to keep, per text, the statements and findings."""
    from tracker.linking import analysis
    from tracker.linking.attribution import statements_find

    original = analysis.positions_find

    signature = inspect.signature(original)

    def wrapped(*args, **kwargs):
        found = original(*args, **kwargs)
        given = signature.bind(*args, **kwargs).arguments
        text, parties = given["text"], given["parties"]
        statements = (
            statements_find(text, parties, given["kinds"], given.get("collectives"))
            if parties
            else []
        )
        seen[text] = Seen(statements, found, list(given.get("undecided") or []))
        return found

    analysis.positions_find = wrapped
    return original


def locate(text: str, quote: str) -> tuple[int, int] | None:
    """The gold quote's span in the article's clean text (whitespace may differ)."""
    words = quote.translate(_PLAIN).split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    match = re.search(pattern, text.translate(_PLAIN))
    return (match.start(), match.end()) if match else None


def _ids() -> tuple[dict[str, int], dict[str, int], dict[int, str], dict[int, str]]:
    from tracker.cases.models import Issue, Party

    parties = dict(Party.objects.values_list("name", "id"))
    issues = {f"{c}/{s}": i for i, c, s in Issue.objects.values_list("id", "case__slug", "slug")}
    return parties, issues, {v: k for k, v in parties.items()}, {v: k for k, v in issues.items()}


def missed_stage(seen: Seen, party: int, issue: int, stance: str, span) -> tuple[str, str]:
    """(stage, what the reader had) of a gold position the tracker lacks."""
    mine = [s for s in seen.statements if s.party_id == party]
    at = [s for s in mine if span is None or (s.start < span[1] and span[0] < s.end)]
    findings = [f for f in seen.findings if (f.party_id, f.issue_id) == (party, issue)]
    if findings:
        got = findings[0]
        if got.stance == stance:
            return "d", f"found, dropped later: {got.rule}"
        return "c", f"found {got.stance}: {got.rule}"
    pending = [f for f in seen.undecided if (f.party_id, f.issue_id) == (party, issue)]
    if pending:
        return "c", f"no cue (undecided; sides.py settles it or not): {pending[0].rule}"
    if not at:
        where = f"; {len(mine)} elsewhere ({mine[0].how})" if mine else ""
        lost = "" if span else " (quote not in the clean text)"
        return "a", f"no statement of the party at the quote{lost}{where}"
    return "b", f"statement found ({at[0].how}, {at[0].verb!r}), issue not read in it"


def extra_stage(wanted: set[tuple[str, str, str]], found: tuple[str, str, str]) -> str:
    party, issue, _ = found
    if any((p, i) == (party, issue) for p, i, _ in wanted):
        return "c"
    return "b" if any(p == party for p, _, _ in wanted) else "a"


def _article_lines(gold, text: str, seen: Seen, got: dict, names) -> list[tuple[str, str]]:
    party_ids, issue_ids, _, _ = names
    case = gold.labels["case"]
    wanted = {
        (p["party"], f"{case}/{p['issue']}", p["stance"]): p for p in gold.labels["positions"]
    }
    lines = []
    for key, pos in sorted(wanted.items()):
        if key in got:
            continue
        party, issue = party_ids.get(key[0]), issue_ids.get(key[1])
        stage, why = missed_stage(seen, party, issue, key[2], locate(text, pos["quote"]))
        quote = " ".join(pos["quote"].split())[:110]
        lines.append((stage, f"{gold.key}: missed {key} {why}\n      gold: {quote!r}"))
    for key, rule in sorted(got.items()):
        if key not in wanted:
            lines.append((extra_stage(set(wanted), key), f"{gold.key}: extra {key} {rule}"))
    return lines


def statements_lines(key: str, text: str, seen: Seen, names) -> list[tuple[str, str, str]]:
    """Every statement the reader found in one article: party, how, verb and its words."""
    party_names = names[2]
    out = [("statement", "-", f"{key}: its clean text:\n{text}\n")]
    for st in sorted(seen.statements, key=lambda s: s.start):
        said = " ".join(text[st.start : st.end].split())[:160]
        who = party_names.get(st.party_id, st.party_id)
        out.append(("statement", "-", f"{key}: {who} [{st.how}, {st.verb!r}] {said!r}"))
    return out


def corpus_lines(folder: str | None, show: str | None = None) -> list[tuple[str, str, str]]:
    """(missed|extra, stage, line) for every position the tracker and the gold disagree on."""
    from django.db import transaction

    from tests.linking.realnews import corpus_ingest, corpus_read
    from tracker.linking.matcher import matcher_invalidate
    from tracker.linking.models import Position
    from tracker.news.models import Article

    corpus = corpus_read()
    seen: dict[str, Seen] = {}
    out = []
    original = recording(seen)
    try:
        with transaction.atomic(), tempfile.TemporaryDirectory() as tmp:
            matcher_invalidate()
            ingested = corpus_ingest(corpus, tmp=Path(tmp))
            names = _ids()
            texts = dict(
                Article.objects.filter(id__in=ingested.ids.values()).values_list("id", "text")
            )
            got: dict[int, dict] = {}
            rows = Position.objects.exclude(status="rejected").values_list(
                "article_id", "party__name", "issue__case__slug", "issue__slug", "stance", "rule"
            )
            for article, party, case, issue, stance, rule in rows:
                got.setdefault(article, {})[(party, f"{case}/{issue}", stance)] = rule
            for gold in corpus.articles:
                article = ingested.ids.get(gold.key)
                if article is None or (folder and gold.folder != folder):
                    continue
                text = texts[article]
                if gold.key in (show or "").split(","):
                    out += statements_lines(gold.key, text, seen.get(text, Seen()), names)
                found = got.get(article, {})
                for stage, line in _article_lines(gold, text, seen.get(text, Seen()), found, names):
                    out.append(("missed" if ": missed " in line else "extra", stage, line))
            transaction.set_rollback(True)
    finally:
        from tracker.linking import analysis

        analysis.positions_find = original
        matcher_invalidate()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folder", help="one folder of the corpus only")
    parser.add_argument("--stage", choices="abcd", help="print the lines of this stage only")
    parser.add_argument(
        "--statements",
        metavar="KEY",
        help="every statement of these articles (keys, comma-separated)",
    )
    parser.add_argument("--quiet", action="store_true", help="the counts only")
    args = parser.parse_args()
    with _bench.test_database(label="posmiss"):
        lines = corpus_lines(args.folder, args.statements)
    counts = Counter((kind, stage) for kind, stage, _ in lines)
    if not args.quiet:
        for kind, stage, line in sorted(lines, key=lambda x: (x[0], x[1])):
            if args.stage in (None, stage) or kind == "statement":
                print(f"[{kind} {stage}] {line}")
    for kind in ("missed", "extra"):
        for stage in "abcd":
            result(f"positions_{kind}_{stage}", counts[(kind, stage)], "positions")


if __name__ == "__main__":
    main()
