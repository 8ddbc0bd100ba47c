"""Pure text helpers for pages: evidence highlighting, clause diffs, coverage charts, safe URLs.

Everything here returns plain data (strings unescaped); templates escape on output.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import nh3

TARGET_ORDER = ("event", "claim", "clause", "issue", "party", "case")


@dataclass(frozen=True)
class Span:
    """One evidence quote to highlight: text[start:end], belonging to a link."""

    start: int
    end: int
    evidence_id: int
    link_id: int
    target_type: str
    label: str


@dataclass
class Segment:
    text: str
    spans: list[Span] = field(default_factory=list)
    anchors: list[int] = field(default_factory=list)  # evidence ids that start here

    def _by_length(self) -> list[Span]:
        rank = {t: i for i, t in enumerate(TARGET_ORDER)}
        return sorted(self.spans, key=lambda s: (s.end - s.start, rank.get(s.target_type, 99)))

    @property
    def kind(self) -> str:
        """The target type to colour by: the innermost (shortest) quote covering this segment,
        so a party named inside an event's sentence still shows as a party."""
        spans = self._by_length()
        return spans[0].target_type if spans else ""

    @property
    def outer(self) -> str:
        """The outermost quote's target type when it differs from `kind` (drawn as underline)."""
        spans = self._by_length()
        if not spans or spans[-1].target_type == spans[0].target_type:
            return ""
        return spans[-1].target_type

    @property
    def kinds(self) -> list[str]:
        return sorted({span.target_type for span in self.spans})

    @property
    def labels(self) -> str:
        seen: dict[str, None] = {}
        for span in self.spans:
            seen.setdefault(f"{span.target_type}: {span.label}", None)
        return "; ".join(seen)


def segments_split(text: str, spans: list[Span]) -> list[Segment]:
    """Cut `text` into non-overlapping segments, each with the spans that cover it.

    Spans outside the text or empty are ignored; overlapping spans split each other.
    """
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = {0, len(text)}
    for span in valid:
        cuts.update((span.start, span.end))
    points = sorted(cuts)
    segments: list[Segment] = []
    for left, right in zip(points, points[1:], strict=False):
        if left == right:
            continue
        covering = [s for s in valid if s.start <= left and s.end >= right]
        anchors = sorted({s.evidence_id for s in covering if s.start == left})
        segments.append(Segment(text=text[left:right], spans=covering, anchors=anchors))
    return segments


@dataclass(frozen=True)
class DiffPart:
    op: str  # "equal" | "insert" | "delete"
    text: str


_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def text_diff(old: str, new: str) -> list[DiffPart]:
    """A word-level difference between two texts, as equal / delete / insert parts."""
    a = _TOKENS.findall(old)
    b = _TOKENS.findall(new)
    parts: list[DiffPart] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(DiffPart("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append(DiffPart("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            parts.append(DiffPart("insert", "".join(b[j1:j2])))
    return parts


def safe_href(url: str | None) -> str:
    """`url` when it is an absolute http(s) URL, else "" (render it as text instead)."""
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return url.strip()


_HTML_TAGS = set(nh3.ALLOWED_TAGS) - {"img", "picture", "source", "video", "audio", "iframe"}


def html_clean(html: str) -> str:
    """Sanitise stored article HTML again on the way out; no media (CSP allows no remote loads)."""
    return nh3.clean(
        html or "",
        tags=_HTML_TAGS,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    week: dt.date
    count: int


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: int
    height: int
    peak: int
    total: int
    first: dt.date | None
    last: dt.date | None
    busiest: Bar | None

    @property
    def baseline(self) -> float:
        return self.height - 1


def weekly_chart(counts: dict[dt.date, int], *, weeks_max: int = 156, weeks_min: int = 12) -> Chart:
    """Bars for articles per week (weeks start on Monday), gaps filled with zeros."""
    width, height = 640, 120
    if not counts:
        return Chart([], width, height, 0, 0, None, None, None)
    last = max(counts)
    first = max(min(counts), last - dt.timedelta(weeks=weeks_max - 1))
    first = min(first, last - dt.timedelta(weeks=weeks_min - 1))  # a few weeks at least
    weeks = []
    day = first
    while day <= last:
        weeks.append(day)
        day += dt.timedelta(weeks=1)
    peak = max(counts.get(w, 0) for w in weeks) or 1
    plot_h = height - 1 - 6
    slot = width / len(weeks)
    bar_w = min(max(slot * 0.72, 1.0), 28.0)
    bars = []
    for i, week in enumerate(weeks):
        n = counts.get(week, 0)
        h = round(plot_h * n / peak, 1) if n else 0.0
        bars.append(
            Bar(
                x=round(i * slot + (slot - bar_w) / 2, 1),
                y=round(height - 1 - h, 1),
                width=round(bar_w, 1),
                height=h,
                week=week,
                count=n,
            )
        )
    busiest = max(bars, key=lambda b: b.count)
    return Chart(bars, width, height, peak, sum(b.count for b in bars), first, last, busiest)
