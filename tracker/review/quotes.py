"""Find an analyst's quote in an article's clean text and describe where it is.

Uses `tracker.linking.anchors` (`quote_find`, `selector_for`), without its fuzzy step; when that
finds nothing, a local search that lets whitespace differ (a
selection copied from a rendered page joins paragraphs with other whitespace than the text has)
and picks, among several places, the one whose surroundings match the given prefix and suffix.
"""

from __future__ import annotations

import re
from typing import Any

from tracker.linking.anchors import quote_find as _anchors_find
from tracker.linking.anchors import selector_for as _anchors_selector

CONTEXT = 32
QUOTE_MAX = 2000


def quote_normalise(quote: str) -> str:
    """The quote with its outer whitespace trimmed and no-break spaces made plain."""
    return quote.replace("\u00a0", " ").strip()


def selector_for(text: str, start: int, end: int) -> dict[str, Any]:
    """TextQuoteSelector + TextPositionSelector for text[start:end]."""
    return dict(_anchors_selector(text, start, end))


def _common_tail(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_head(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _local_find(text: str, exact: str, prefix: str, suffix: str) -> tuple[int, int] | None:
    words = exact.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    best: tuple[int, int] | None = None
    best_score = -1
    for match in pattern.finditer(text):
        start, end = match.span()
        before = " ".join(text[max(0, start - 4 * CONTEXT) : start].split())
        after = " ".join(text[end : end + 4 * CONTEXT].split())
        score = _common_tail(before, " ".join(prefix.split())) + _common_head(
            after, " ".join(suffix.split())
        )
        if score > best_score:
            best, best_score = (start, end), score
    return best


def context_cut(prefix: str, suffix: str, *, start: int | None = None) -> tuple[str, str]:
    """The words either side of a quote as a reader sees them: a prefix that does not begin the
    text loses the word it cuts in half and opens with "…"; a suffix that neither reaches the
    end of the text (shorter than the CONTEXT a selector keeps) nor ends a sentence loses its
    cut word and closes with "…". `start` is the quote's offset when known; without it, a
    prefix shorter than CONTEXT is the text's beginning. Whitespace runs read as one space."""
    before, after = re.sub(r"\s+", " ", prefix), re.sub(r"\s+", " ", suffix)
    at_start = start <= len(prefix) if start is not None else len(prefix) < CONTEXT
    if before and not at_start:
        before = "…" + (before.split(" ", 1)[1] if " " in before.strip() else before)
    if after and len(suffix) >= CONTEXT and after.rstrip()[-1:] not in ".!?":
        after = (after.rsplit(" ", 1)[0] if " " in after.strip() else after) + "…"
    return before, after


def quote_locate(text: str, exact: str, prefix: str = "", suffix: str = "") -> dict | None:
    """Where `exact` is in `text` as a selector dict, or None when the text lacks it."""
    exact = quote_normalise(exact)
    if not exact:
        return None
    # not fuzzy: an analyst's quote must be in the text (whitespace, case, quotes and
    # dashes may differ), else it is an error rather than a near miss stored as evidence
    found = _anchors_find(text, exact, prefix, suffix, fuzzy=False)
    if found is not None:
        return selector_for(text, found["start"], found["end"])
    span = _local_find(text, exact, prefix, suffix)
    return selector_for(text, *span) if span else None
