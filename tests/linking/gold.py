"""Load the gold corpus (tests/fixtures/corpus) as articles and score the linker against it."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from tests.factories import ArticleFactory
from tracker.cases.models import Event
from tracker.linking.models import Link, Position
from tracker.news.clean import text_clean

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"


def clean(title: str, body: str) -> str:
    """The article's clean text, as ingest stores it."""
    return text_clean(body, title=title)


def corpus_load() -> tuple[dict, dict[str, int]]:
    gold = json.loads((CORPUS / "gold.json").read_text())
    ids: dict[str, int] = {}
    for name, annotation in sorted(gold.items()):
        raw = (CORPUS / name).read_text()
        title, _, body = raw.partition("\n")
        article = ArticleFactory(
            title=title.strip(),
            text=clean(title.strip(), body),
            published=dt.datetime.fromisoformat(annotation["published"]),
            source=annotation.get("source", ""),
        )
        ids[name] = article.id
    return gold, ids


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    def add_dates(self, name: str, found: set, wanted: set) -> None:
        """Events: a found date matches a wanted one when it is as precise or more and agrees
        at the wanted precision ("2024-11-14" reports "2024-11")."""
        matched = {
            w: next((f for f in sorted(found) if f[0].startswith(w[0])), None) for w in wanted
        }
        hits = {f for f in matched.values() if f is not None}
        self.tp += len(hits)
        self.fp += len(found - hits)
        self.fn += sum(1 for f in matched.values() if f is None)
        self.misses += [f"{name}: extra {f}" for f in sorted(found - hits)]
        self.misses += [f"{name}: missed {w}" for w, f in sorted(matched.items()) if f is None]

    def add(self, name: str, found: set, wanted: set) -> None:
        self.tp += len(found & wanted)
        self.fp += len(found - wanted)
        self.fn += len(wanted - found)
        for item in sorted(found - wanted, key=str):
            self.misses.append(f"{name}: extra {item}")
        for item in sorted(wanted - found, key=str):
            self.misses.append(f"{name}: missed {item}")

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def __str__(self) -> str:
        return f"precision {self.precision:.3f} recall {self.recall:.3f} (tp {self.tp}, fp {self.fp}, fn {self.fn})"


# The two principal parties of the demo case: an article naming neither is not about the case;
# its events (a hospital's new software) belong to no case the linker knows.
CASE_PARTIES = {"Elon Musk", "OpenAI"}


def _iso(event: Event) -> str:
    return event.date_iso


def score(gold: dict, ids: dict[str, int]) -> dict[str, Score]:
    scores = {
        "parties": Score(),
        "events": Score(),
        "events (case articles)": Score(),
        "positions": Score(),
    }
    links = Link.objects.select_related("party", "event").exclude(status="rejected")
    for name, annotation in gold.items():
        article_id = ids[name]
        parties = {
            link.party.name for link in links if link.article_id == article_id and link.party_id
        }
        scores["parties"].add(name, parties, set(annotation["parties"]))
        events = {
            (_iso(link.event), link.event.precision)
            for link in links
            if link.article_id == article_id and link.event_id
        }
        wanted = {(e["date"], e["precision"]) for e in annotation["events"]}
        scores["events"].add_dates(name, events, wanted)
        if set(annotation["parties"]) & CASE_PARTIES:
            scores["events (case articles)"].add_dates(name, events, wanted)
        positions = {
            (p.party.name, p.issue.slug, p.stance)
            for p in Position.objects.filter(article_id=article_id).select_related("party", "issue")
        }
        wanted_positions = {(p["party"], p["issue"], p["stance"]) for p in annotation["positions"]}
        scores["positions"].add(name, positions, wanted_positions)
    return scores
