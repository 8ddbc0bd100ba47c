"""Reads for the linking app."""

from __future__ import annotations

import re
from collections import Counter

from django.db.models import Q

from tracker.cases.models import Case
from tracker.core.dates import MONTH_NUMBERS, WEEKDAYS
from tracker.linking.matcher import fold, matcher_get
from tracker.news.models import Article

# Capitalised runs of one to three words ("Moonshot AI", "DeepSeek", "Frontier AI Labs").
_NAME = re.compile(r"\b[A-Z][\w&.-]*[A-Za-z0-9](?:\s+[A-Z][\w&.-]*[A-Za-z0-9]){0,2}\b")
_COMMON = frozenset(
    {
        "the", "a", "an", "in", "on", "at", "it", "he", "she", "they", "we", "i", "this", "that",
        "but", "and", "or", "as", "for", "if", "when", "while", "after", "before", "asked",
        "meanwhile", "however", "moreover", "instead", "also", "ai", "u.s", "u.s.", "ceo",
        "source", "share", "subscribe", "for example", "what", "why", "how",
        *MONTH_NUMBERS, *WEEKDAYS,
    }
)  # fmt: skip


def party_candidates(case: Case, *, min_articles: int = 2, limit: int = 50) -> list[dict]:
    """Names recurring across a case's articles that match no party or alias: candidates for
    an editor to add. Each: {"name", "articles" (how many), "mentions"}."""
    articles = Article.objects.filter(Q(cases=case) | Q(links__case=case)).distinct()
    matcher = matcher_get()
    per_article: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    for text in articles.values_list("text", flat=True).iterator():
        known = [(m.start, m.end) for m in matcher.find(text) if m.kind == "party"]
        seen: set[str] = set()
        for m in _NAME.finditer(text):
            words = m.group(0).rstrip(".").split()
            while words and fold(words[0]) in _COMMON:
                words.pop(0)  # "On Monday", "The Tailspin"
            name = " ".join(words)
            if not name or fold(name) in _COMMON or len(name) < 3:
                continue
            if any(s < m.end() and m.start() < e for s, e in known):
                continue
            mentions[name] += 1
            seen.add(name)
        per_article.update(seen)
    found = [
        {"name": name, "articles": count, "mentions": mentions[name]}
        for name, count in per_article.items()
        if count >= min_articles
    ]
    found.sort(key=lambda c: (-c["articles"], -c["mentions"], c["name"]))
    return found[:limit]
