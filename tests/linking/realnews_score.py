"""Score what ingest made of the real-news corpus against its gold labels.

Precision/recall targets count items (tp, fp, fn) with tests.linking.gold.Score; rate targets
count (bad, total). `corpus_score` reads everything it needs in a few queries and returns plain
numbers, so a caller can roll the database back and keep the figures.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from tests.linking.gold import Score
from tests.linking.realnews import DECOYS, Corpus, Gold, body_lines, norm
from tracker.cases.models import Event
from tracker.linking.models import Link, Position
from tracker.news.models import Article

PR_TARGETS = ("parties", "claims", "issues", "events", "positions", "stories", "cases")


@dataclass
class Rate:
    """A share of bad items: noise among suggestions, furniture left, lines lost, titles wrong."""

    bad: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, bad: bool, miss: str) -> None:
        self.total += 1
        if bad:
            self.bad += 1
            self.misses.append(miss)

    @property
    def value(self) -> float:
        return self.bad / self.total if self.total else 0.0


@dataclass
class Scores:
    pr: dict[str, Score]
    rates: dict[str, Rate]
    decoys_filed: list[str]
    folders: dict[str, Scores] = field(default_factory=dict)  # folder_scores(), when asked

    def table(self) -> str:
        rows = [f"{'target':22} {'precision':>9} {'recall':>7}   tp   fp   fn"]
        for name, s in self.pr.items():
            rows.append(f"{name:22} {s.precision:9.3f} {s.recall:7.3f} {s.tp:4} {s.fp:4} {s.fn:4}")
        for name, r in self.rates.items():
            rows.append(f"{name:22} {r.value:9.3f} {'':7} ({r.bad} of {r.total})")
        rows.append(f"{'decoys filed':22} {len(self.decoys_filed):9}")
        for folder, scores in self.folders.items():
            rows += ["", f"== {folder}", scores.table()]
        return "\n".join(rows)

    def misses(self) -> str:
        out = [f"  [{n}] {m}" for n, s in self.pr.items() for m in s.misses]
        out += [f"  [{n}] {m}" for n, r in self.rates.items() for m in r.misses]
        return "\n".join(out)

    def figures(self) -> dict[str, float]:
        """Flat figures (e.g. "positions.recall", "noise"), as the test and the bench use them."""
        out: dict[str, float] = {}
        for name, s in self.pr.items():
            out[f"{name}.precision"], out[f"{name}.recall"] = s.precision, s.recall
        out.update({name: r.value for name, r in self.rates.items()})
        out["decoys_filed"] = len(self.decoys_filed)
        return out


def _links(ids: list[int]) -> dict[int, dict[str, set]]:
    """Per article: target kind -> what its links (not rejected) point at. Claims, issues and
    case-file events are "<case slug>/<slug or title>": two cases may use the same slug."""
    out: dict[int, dict[str, set]] = {i: {} for i in ids}
    rows = (
        Link.objects.filter(article_id__in=ids)
        .exclude(status="rejected")
        .values_list(
            "article_id", "target_type", "party__name", "claim__case__slug", "claim__slug",
            "issue__case__slug", "issue__slug", "case__slug", "event__case__slug",
            "event__title", "event__origin",
        )
    )  # fmt: skip
    for row in rows:
        article, kind, party, claim_case, claim, issue_case, issue, case = row[:8]
        event_case, event, origin = row[8:]
        value = {
            "party": party,
            "claim": f"{claim_case}/{claim}",
            "issue": f"{issue_case}/{issue}",
            "case": case,
        }.get(kind)
        if kind == "event":
            kind = "event" if origin == "casefile" else "suggested"
            value = f"{event_case}/{event}"
        out[article].setdefault(kind, set()).add(value)
    return out


def _in_case(case: str | None, items: list[str]) -> set[str]:
    return {f"{case}/{item}" for item in items}


def corpus_score(corpus: Corpus, ids: dict[str, int]) -> Scores:
    golds = [g for g in corpus.articles if g.key in ids]
    links = _links(list(ids.values()))
    pr = {name: Score() for name in PR_TARGETS}
    missing = [g.key for g in corpus.articles if g.key not in ids]
    pr["cases"].fn += len([k for k in missing if corpus.by_key[k].labels["case"]])
    pr["cases"].misses += [f"{k}: not ingested" for k in missing]
    positions = _positions(list(ids.values()))
    decoys_filed = []
    for gold in golds:
        got, labels = links[ids[gold.key]], gold.labels
        pr["parties"].add(gold.key, got.get("party", set()), set(labels["parties"]))
        case = labels["case"]
        pr["claims"].add(gold.key, got.get("claim", set()), _in_case(case, labels["claims"]))
        pr["issues"].add(gold.key, got.get("issue", set()), _in_case(case, labels["issues"]))
        pr["events"].add(gold.key, got.get("event", set()), _in_case(case, labels["events"]))
        wanted = {(p["party"], f"{case}/{p['issue']}", p["stance"]) for p in labels["positions"]}
        pr["positions"].add(gold.key, positions.get(ids[gold.key], set()), wanted)
        cases = got.get("case", set())
        pr["cases"].add(gold.key, cases, {labels["case"]} if labels["case"] else set())
        if gold.folder == DECOYS and cases:
            decoys_filed.append(f"{gold.key} filed under {sorted(cases)}")
    pr["stories"] = _story_pairs(golds, ids)
    noise, duplicates = _suggestions(corpus)
    rates = {
        "suggested noise": noise,
        "suggested duplicates": duplicates,
        "furniture left": Rate(),
        "lines lost": Rate(),
        "titles wrong": Rate(),
    }
    _text_rates(golds, ids, rates)
    return Scores(pr=pr, rates=rates, decoys_filed=decoys_filed)


def folder_scores(corpus: Corpus, ids: dict[str, int]) -> dict[str, Scores]:
    """The same figures for each folder alone: its articles, and its case's suggested events.

    Per-article targets add up to the whole corpus's; story pairs count only pairs inside the
    folder (a pair the tracker made across folders is in the whole corpus's figure only)."""
    out = {}
    for folder in sorted({g.folder for g in corpus.articles}):
        golds = [g for g in corpus.articles if g.folder == folder]
        slugs = {g.labels["case"] for g in golds if g.labels["case"]}
        part = Corpus(articles=golds, cases={slug: corpus.cases[slug] for slug in slugs})
        out[folder] = corpus_score(part, {g.key: ids[g.key] for g in golds if g.key in ids})
    return out


def _positions(ids: list[int]) -> dict[int, set]:
    out: dict[int, set] = {}
    rows = (
        Position.objects.filter(article_id__in=ids)
        .exclude(status="rejected")
        .values_list("article_id", "party__name", "issue__case__slug", "issue__slug", "stance")
    )
    for article, party, case, issue, stance in rows:
        out.setdefault(article, set()).add((party, f"{case}/{issue}", stance))
    return out


def _story_pairs(golds: list[Gold], ids: dict[str, int]) -> Score:
    """Pairwise: two articles in one story, by the tracker and by the gold labels."""
    stories = dict(Article.objects.filter(pk__in=list(ids.values())).values_list("id", "story_id"))
    score = Score()
    for a, b in itertools.combinations(sorted(golds, key=lambda g: g.key), 2):
        found = stories.get(ids[a.key]) is not None and stories[ids[a.key]] == stories[ids[b.key]]
        wanted = (a.folder, a.labels["story"]) == (b.folder, b.labels["story"])
        pair = f"{a.key} + {b.key}"
        score.add(pair, {pair} if found else set(), {pair} if wanted else set())
    return score


def _agrees(found: str, wanted: str) -> bool:
    """Dates agree at the coarser precision ("2026-04" and "2026-04-30" do)."""
    return found.startswith(wanted) or wanted.startswith(found)


def _suggestions(corpus: Corpus) -> tuple[Rate, Rate]:
    """Suggested events: (noise, duplicates).

    Noise: its date matches no `new_events` entry of its case's articles and no event of its
    case file. Duplicate: another event of its case (case file or suggested) has the same date
    at the same precision, so one of the two should have been merged into the other."""
    noise, duplicates = Rate(), Rate()
    dates: dict[str, list[str]] = {}
    for slug, case in corpus.cases.items():
        dates[slug] = [e["date"] for e in case.get("events", [])]
    for gold in corpus.articles:
        if gold.labels["case"]:
            dates[gold.labels["case"]] += [e["date"] for e in gold.labels["new_events"]]
    events = list(
        Event.objects.filter(case__slug__in=list(corpus.cases))
        .select_related("case")
        .order_by("case__slug", "date", "id")
    )
    seen: dict[tuple[str, str], int] = {}
    for event in events:
        key = (event.case.slug, event.date_iso)
        seen[key] = seen.get(key, 0) + 1
    for event in (e for e in events if e.origin != "casefile"):
        where = f"{event.case.slug}: {event.date_iso} {event.title[:90]!r}"
        known = dates.get(event.case.slug, [])
        noise.add(not any(_agrees(event.date_iso, d) for d in known), where)
        duplicates.add(seen[(event.case.slug, event.date_iso)] > 1, where)
    return noise, duplicates


def _text_rates(golds: list[Gold], ids: dict[str, int], rates: dict[str, Rate]) -> None:
    articles = Article.objects.in_bulk(list(ids.values()))
    for gold in golds:
        article = articles[ids[gold.key]]
        text = norm(article.text)
        lines = {norm(line) for line in article.text.splitlines()}
        body = body_lines(gold)
        # furniture glued to a line is left; the outlet's name in a sentence it keeps ("he told
        # Levant Business Daily") is the article's words, not its masthead
        rest = " ".join(line for line in lines - set(body))
        for item in gold.labels["furniture"]:
            item = norm(item)
            left = item in lines or (len(item) >= 20 and item in rest)
            rates["furniture left"].add(left, f"{gold.key}: {item!r}")
        flat = re.sub(r"\s+", "", text)
        for line in body:
            lost = re.sub(r"\s+", "", line) not in flat
            rates["lines lost"].add(lost, f"{gold.key}: {line[:80]!r}")
        if gold.via == "file":
            wrong = norm(article.title) != norm(gold.labels["title"])
            rates["titles wrong"].add(wrong, f"{gold.key}: {article.title[:80]!r}")
