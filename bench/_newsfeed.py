"""The generated news feed of bench/ingest.py and bench/workers.py, and how well its stories were
found. Stories of three retellings each (so clustering has work), ~4 KB of HTML per entry, with
boilerplate, shared topics and names the demo case knows."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterable
from math import comb
from pathlib import Path
from xml.sax.saxutils import escape

ENTRY_BYTES = 4000

TOPICS = [
    ("Elon Musk", "OpenAI", "distillation", "Grok", "xAI"),
    ("OpenAI", "Microsoft", "charitable trust", "nonprofit", "Sam Altman"),
    ("Anthropic", "Google", "terms of service", "distillation attacks", "DeepSeek"),
    ("Judge Yvonne Gonzalez Rogers", "jury", "counterclaims", "harassment", "Oakland"),
]
WORDS = [
    "court",
    "filing",
    "witness",
    "testimony",
    "lawyers",
    "argued",
    "ruling",
    "evidence",
    "model",
    "training",
    "outputs",
    "company",
    "startup",
    "policy",
    "competitors",
    "capabilities",
    "research",
    "hearing",
    "appeal",
    "damages",
    "contract",
    "investors",
    "board",
    "mission",
    "profit",
    "license",
    "chatbot",
    "data",
    "servers",
    "engineers",
    "week",
    "statement",
    "spokesperson",
    "documents",
    "trial",
    "schedule",
    "motion",
    "dismiss",
    "discovery",
    "settlement",
    "experts",
    "benchmark",
    "industry",
]
BOILERPLATE = (
    "<p>Share this article</p><p>Open in app →</p>"
    "<h3>Other Topics You May Also Be Interested In</h3><ul><li>Garden tips for spring</li>"
    "<li>Five quiet hikes near the bay</li></ul>"
)


SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ne",
    "ru",
    "sa",
    "ti",
    "vo",
    "be",
    "da",
    "fe",
    "gu",
    "hi",
    "jo",
    "ku",
    "la",
    "me",
    "no",
    "pi",
    "qu",
    "re",
    "so",
    "tu",
    "vi",
    "wa",
    "xe",
    "yo",
    "zu",
]


def _vocabulary(rng: random.Random, n: int = 4000) -> list[str]:
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(n)]


def _story(rng: random.Random, vocab: list[str], topic: tuple[str, ...]) -> list[list[str]]:
    """The paragraphs (as word lists) of one story, which three outlets will retell."""
    paragraphs, size = [], 0
    while size < ENTRY_BYTES - len(BOILERPLATE) - 200:
        words = [
            rng.choice(vocab if rng.random() < 0.85 else WORDS) for _ in range(rng.randint(40, 70))
        ]
        for name in rng.sample(topic, 2):
            words.insert(rng.randrange(len(words)), name)
        paragraphs.append(words)
        size += sum(len(w) + 1 for w in words) + 8
    return paragraphs


def _retell(rng: random.Random, vocab: list[str], story: list[list[str]]) -> str:
    """One outlet's version: about a fifth of the words changed, sentences and all."""
    out = []
    for words in story:
        words = [rng.choice(vocab) if rng.random() < 0.2 else w for w in words]
        for i in range(9, len(words), 12):
            words[i] = words[i] + "."
        text = " ".join(words)
        out.append(f"<p>{escape(text[0].upper() + text[1:])}.</p>")
    return "".join(out)


def feed_generate(path: Path, *, n: int, seed: int = 20260430) -> int:
    """n entries: stories of three retellings each (so clustering has work), ~4 KB of HTML each."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    items, story = [], []
    for i in range(n):
        topic = TOPICS[(i // 3) % len(TOPICS)]
        if i % 3 == 0:
            story = _story(rng, vocab, topic)
        title = f"{topic[0]} and {topic[1]}: {' '.join(story[0][:4])} ({i})"
        body = f"<h1>{escape(title)}</h1>" + _retell(rng, vocab, story) + BOILERPLATE
        day, hour = 1 + (i * 29) // n, (i * 7) % 24
        items.append(
            f"<item><title>{escape(title)}</title><guid isPermaLink='false'>bench-{i}</guid>"
            f"<link>https://bench.example/a/{i}?utm_source=rss</link>"
            f"<pubDate>{day:02d} Apr 2026 {hour:02d}:00:00 GMT</pubDate>"
            f"<description>{escape(body)}</description></item>"
        )
    data = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        "<title>Bench Wire</title><link>https://bench.example/</link><description>b</description>"
        + "\n".join(items)
        + "</channel></rss>"
    ).encode()
    path.write_bytes(data)
    return len(data)


def stories_quality(rows: Iterable[tuple[str, int | None]]) -> dict[str, float]:
    """Pairwise precision and recall of the stories found against the generated ones, from the
    (title, story id) of every article (entry i retells story i // 3; its number ends the title)."""
    cells: Counter[tuple[int, int]] = Counter()
    for title, story_id in rows:
        cells[(story_id, int(re.search(r"\((\d+)\)$", title).group(1)) // 3)] += 1
    found: Counter[int] = Counter()
    gold: Counter[int] = Counter()
    for (story_id, label), n in cells.items():
        found[story_id] += n
        gold[label] += n
    both = sum(comb(n, 2) for n in cells.values())
    pairs_found = sum(comb(n, 2) for n in found.values())
    pairs_gold = sum(comb(n, 2) for n in gold.values())
    return {
        "stories_precision": round(both / pairs_found, 3) if pairs_found else 0.0,
        "stories_recall": round(both / pairs_gold, 3) if pairs_gold else 0.0,
    }
