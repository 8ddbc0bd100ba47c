"""Text anchors: W3C TextQuoteSelector + TextPositionSelector over an article's clean text.

`selector_for(text, start, end)` describes a span; `quote_find(text, exact, prefix, suffix)`
finds a quote again, even after the text changed:

1. exact occurrences of `exact`; when there are several, the one whose surroundings agree best
   with `prefix`/`suffix` (then the one nearest `hint`, if given); a short quote (under SHORT
   characters) whose context agrees nowhere (under AGREE characters on either side) is taken
   as gone, not as another occurrence of the same common words;
2. the same, whitespace-, case-, quote- and dash-insensitively (through a normalised copy of the
   text that keeps a map back to the original offsets);
3. a fuzzy match (difflib) of the normalised quote, for re-anchoring after small edits, unless
   the span found starts with the quote's old suffix or ends with its old prefix (then it is
   the neighbouring text, a near-twin sentence, and the quote is gone).

Every selector returned satisfies `text[start:end] == exact`.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import TypedDict

CONTEXT = 32
FUZZY_THRESHOLD = 0.8
SHORT = 32  # a quote shorter than this needs its context to agree a little...
AGREE = 5  # ...this many characters on one side
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)


class Selector(TypedDict):
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


def selector_for(text: str, start: int, end: int, context: int = CONTEXT) -> Selector:
    """The selector of `text[start:end]` with up to `context` characters either side."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"bad span {start}:{end} for a text of {len(text)} characters")
    return Selector(
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
        start=start,
        end=end,
    )


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _normalise(text: str) -> tuple[str, list[int]]:
    """Casefolded text without whitespace, quotes and dashes unified; and, for each of its
    characters, the offset of the original character it came from."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        low = ch.translate(_FOLD).lower()
        chars.append(low if len(low) == 1 else ch)
        index.append(i)
    return "".join(chars), index


def _best(
    haystack: str, needle: str, prefix: str, suffix: str, hint: int | None
) -> tuple[int, int, int] | None:
    """The occurrence of needle in haystack with most context agreement:
    (start, characters of context agreeing, the most agreeing on one side)."""
    found: list[tuple[int, int, int]] = []
    pos = haystack.find(needle)
    while pos != -1:
        before = _common_suffix(haystack[max(0, pos - len(prefix)) : pos], prefix)
        end = pos + len(needle)
        after = _common_prefix(haystack[end : end + len(suffix)], suffix)
        # An empty context at the very start or end of the text agrees with the same place.
        if not prefix.strip() and not haystack[max(0, pos - AGREE) : pos].strip() and pos < AGREE:
            before = AGREE
        if not suffix.strip() and not haystack[end:].strip():
            after = AGREE
        found.append((pos, before + after, max(before, after)))
        if len(found) > 10_000:
            break
        pos = haystack.find(needle, pos + 1)
    if not found:
        return None
    return max(found, key=lambda f: (f[1], -abs(f[0] - hint) if hint is not None else 0))


def _context_lost(hit: tuple[int, int, int], exact: str, prefix: str, suffix: str) -> bool:
    """A short quote ("the judge said") whose surroundings agree nowhere is another occurrence
    of common words, not the quote: the quote itself is gone."""
    given = max(len(prefix.strip()), len(suffix.strip()))
    return len(exact) < SHORT and given >= AGREE and hit[2] < AGREE


def _is_neighbour(norm_text: str, span: tuple[int, int], prefix: str, suffix: str) -> bool:
    """A fuzzy span that starts with the quote's suffix or ends with its prefix is the text next
    to where the quote was (a near-twin sentence), not the quote."""
    start, end = span
    head = suffix[:12]
    if len(head) >= 8 and norm_text.find(head, start, end) != -1:
        return True
    tail = prefix[-12:]
    return len(tail) >= 8 and norm_text.find(tail, start, end) != -1


def _fuzzy(norm_text: str, norm_exact: str, threshold: float) -> tuple[int, int] | None:
    """Span in norm_text most like norm_exact (difflib ratio >= threshold), else None."""
    size = len(norm_exact)
    if size < 4 or not norm_text:
        return None
    slack = max(8, size // 4)
    matcher = SequenceMatcher(None, norm_text, norm_exact, autojunk=False)
    seeds = {
        block.a - block.b
        for block in matcher.get_matching_blocks()
        if block.size >= min(8, max(3, size // 4))
    }
    best: tuple[float, int, int] | None = None
    for seed in sorted(seeds)[:200]:
        lo = max(0, seed - slack)
        window = norm_text[lo : seed + size + slack]
        blocks = [
            b
            for b in SequenceMatcher(None, window, norm_exact, autojunk=False).get_matching_blocks()
            if b.size
        ]
        if not blocks:
            continue
        start, end = blocks[0].a, blocks[-1].a + blocks[-1].size
        matched = sum(b.size for b in blocks)
        score = 2 * matched / (size + end - start)
        if best is None or score > best[0]:
            best = (score, lo + start, lo + end)
    if best is None or best[0] < threshold:
        return None
    return best[1], best[2]


def quote_find(
    text: str,
    exact: str,
    prefix: str = "",
    suffix: str = "",
    *,
    hint: int | None = None,
    fuzzy: bool = True,
    threshold: float = FUZZY_THRESHOLD,
    context: int = CONTEXT,
) -> Selector | None:
    """Find `exact` in `text` (see the module docstring); None when it is not there."""
    if not text or not exact or not exact.strip():
        return None
    hit = _best(text, exact, prefix, suffix, hint)
    if hit is not None:
        if _context_lost(hit, exact, prefix, suffix):
            return None
        return selector_for(text, hit[0], hit[0] + len(exact), context)
    norm_text, index = _normalise(text)
    norm_exact, _ = _normalise(exact)
    if not norm_exact:
        return None
    norm_hint = None
    if hint is not None and index:
        norm_hint = next((i for i, o in enumerate(index) if o >= hint), len(index) - 1)
    norm_prefix, norm_suffix = _normalise(prefix)[0], _normalise(suffix)[0]
    hit = _best(norm_text, norm_exact, norm_prefix, norm_suffix, norm_hint)
    if hit is not None and _context_lost(hit, norm_exact, norm_prefix, norm_suffix):
        return None
    span = (hit[0], hit[0] + len(norm_exact)) if hit is not None else None
    if span is None and fuzzy:
        span = _fuzzy(norm_text, norm_exact, threshold)
        if span is not None and _is_neighbour(norm_text, span, norm_prefix, norm_suffix):
            return None
    if span is None:
        return None
    return selector_for(text, index[span[0]], index[span[1] - 1] + 1, context)
