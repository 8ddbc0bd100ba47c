"""The article page: clean text with evidence highlighted, its links, its story's other outlets."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from tracker.linking.models import Evidence, Link, Position
from tracker.news.models import Article
from tracker.web.text import Segment, Span, html_clean, safe_href, segments_split

from .entries import outlet_name

TARGET_LABELS = {
    "party": "Parties",
    "claim": "Claims",
    "issue": "Issues",
    "clause": "Clauses",
    "event": "Events",
    "case": "Cases",
}


def target_url(link: Link) -> str:
    target = link.target
    kind = link.target_type
    if kind == "party":
        return reverse("web:party", args=[target.slug])
    if kind == "claim":
        return reverse("web:claim", args=[target.case.slug, target.slug])
    if kind == "issue":
        return reverse("web:issue", args=[target.case.slug, target.slug])
    if kind == "clause":
        return reverse("web:clause", args=[target.document.slug, target.ref])
    if kind == "case":
        return reverse("web:case", args=[target.slug])
    return reverse("web:case", args=[target.case.slug]) + f"?at=event-{target.pk}"


@dataclass
class LinkView:
    link: Link
    label: str
    url: str
    evidence: list[Evidence]
    found: set[int]  # evidence ids whose offsets match the text (or the headline they are in)

    @property
    def missing(self) -> list[Evidence]:
        return [e for e in self.evidence if e.pk not in self.found]

    @property
    def quotes(self) -> list[Quote]:
        """The evidence grouped by its exact text: the first place found, and how many."""
        grouped: dict[str, Quote] = {}
        for evidence in self.evidence:
            in_title = evidence.part == Evidence.Part.TITLE
            quote = grouped.setdefault(evidence.exact, Quote(evidence.exact, in_title=in_title))
            quote.count += 1
            if quote.anchor is None and evidence.pk in self.found and not in_title:
                quote.anchor = evidence.pk
        return list(grouped.values())


@dataclass
class Quote:
    exact: str
    anchor: int | None = None
    count: int = 0
    in_title: bool = False  # quoted from the headline, which the page shows above the text


@dataclass
class LinkGroup:
    target_type: str
    title: str
    links: list[LinkView]


@dataclass
class ArticlePage:
    article: Article
    outlet: str
    href: str
    segments: list[Segment]
    groups: list[LinkGroup]
    others: list[Article]
    positions: list[Position]
    html: SafeString

    @property
    def quote_count(self) -> int:
        return sum(len(v.found) for g in self.groups for v in g.links)


def _label(link: Link) -> str:
    target = link.target
    if link.target_type == "clause":
        return f"{target.document.title}: {target.title}"
    if link.target_type == "event":
        return f"{target.date_display}: {target.title}"
    if link.target_type in ("claim", "issue", "case"):
        return target.title
    return target.name


def _locate(text: str, evidence: Evidence) -> tuple[int, int] | None:
    """Where the quote is: its stored offsets when they still match, else its first occurrence."""
    if evidence.end <= len(text) and text[evidence.start : evidence.end] == evidence.exact:
        return evidence.start, evidence.end
    if not evidence.exact:
        return None
    at = text.find(evidence.prefix + evidence.exact) if evidence.prefix else -1
    if at >= 0:
        return at + len(evidence.prefix), at + len(evidence.prefix) + len(evidence.exact)
    at = text.find(evidence.exact)
    return (at, at + len(evidence.exact)) if at >= 0 else None


def _quotes_place(link: Link, title: str, text: str, label: str, spans: list[Span]) -> set[int]:
    """The ids of the link's quotes found in the headline or the text; those in the text are
    added to `spans` to be highlighted."""
    found: set[int] = set()
    for evidence in link.evidence.all():
        in_title = evidence.part == Evidence.Part.TITLE
        where = _locate(title if in_title else text, evidence)
        if where is None:
            continue
        found.add(evidence.pk)
        if not in_title:
            spans.append(Span(where[0], where[1], evidence.pk, link.pk, link.target_type, label))
    return found


def article_page(*, article_id: int) -> ArticlePage:
    """Everything the article page shows; five queries."""
    article = Article.objects.select_related("story", "feed").filter(pk=article_id).first()
    if article is None:
        raise Http404("No such article.")
    links = list(
        Link.objects.filter(article=article)
        .exclude(status="rejected")
        .select_related(
            "party", "claim__case", "issue__case", "clause__document", "case", "event__case"
        )
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("start")))
        .order_by("target_type", "-confidence", "id")
    )
    text = article.text or ""
    spans: list[Span] = []
    groups: dict[str, LinkGroup] = {}
    for link in links:
        label = _label(link)
        found = _quotes_place(link, article.title or "", text, label, spans)
        group = groups.setdefault(
            link.target_type,
            LinkGroup(link.target_type, TARGET_LABELS.get(link.target_type, link.target_type), []),
        )
        group.links.append(
            LinkView(link, label, target_url(link), list(link.evidence.all()), found)
        )
    others: list[Article] = []
    if article.story_id:
        others = list(
            Article.objects.filter(story_id=article.story_id)
            .exclude(pk=article.pk)
            .order_by("published", "id")[:50]
        )
        for other in others:
            other.outlet = outlet_name(other)
    positions = list(
        Position.objects.filter(article=article)
        .exclude(status="rejected")
        .select_related("party", "issue__case")
    )
    order = [t for t in TARGET_LABELS if t in groups]
    return ArticlePage(
        article=article,
        outlet=outlet_name(article),
        href=safe_href(article.url),
        segments=segments_split(text, spans),
        groups=[groups[t] for t in order],
        others=others,
        positions=positions,
        html=mark_safe(html_clean(article.html)),  # noqa: S308 - nh3-sanitised just above
    )
