"""The stored links of a batch of articles and their quotes, read as plain rows.

Reconciling reads every link and quote of the batch (thousands per relink), and most stay as
they are: a model instance per row (a Link sets a dozen foreign keys through their descriptors)
cost more than the analysis of the article. The rows are read as values into `StoredLink` and
`StoredQuote`; only the links that change are loaded as models, to be saved with their history
(`links_loaded`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.linking.models import TARGET_TYPES, Evidence, Link

LINK_VALUES = ("id", "article_id", "target_type", "origin", "status", "confidence", "reason")
QUOTE_VALUES = ("id", "link_id", "part", "exact", "prefix", "suffix", "start", "end")


@dataclass(eq=False)
class StoredQuote:
    """A stored quote (Evidence row); re-anchoring moves it (`services._reanchor`)."""

    id: int
    link_id: int
    part: str
    exact: str
    prefix: str
    suffix: str
    start: int | None
    end: int | None


@dataclass(eq=False)
class StoredLink:
    """A stored link: what reconciling reads and may change (confidence, reason, stale,
    version), with its quotes by start."""

    id: int
    article_id: int
    target_type: str
    origin: str
    status: str
    confidence: float
    reason: str
    stale: bool
    version: int
    target_id: int
    evidence: list[StoredQuote] = field(default_factory=list)


def links_stored(article_ids: list[int]) -> list[StoredLink]:
    """The links of these articles by id, each with its quotes by start: two queries."""
    columns = (*LINK_VALUES, "stale", "version", *(f"{kind}_id" for kind in TARGET_TYPES))
    links = {}
    for row in Link.objects.filter(article_id__in=article_ids).order_by("id").values_list(*columns):
        values, targets = row[: len(LINK_VALUES) + 2], row[len(LINK_VALUES) + 2 :]
        target_id = targets[TARGET_TYPES.index(values[2])]
        links[values[0]] = StoredLink(*values, target_id=target_id)
    quotes = Evidence.objects.filter(link_id__in=links).order_by("link_id", "start", "id")
    for row in quotes.values_list(*QUOTE_VALUES):
        links[row[1]].evidence.append(StoredQuote(*row))
    return list(links.values())


def links_loaded(changed: list[StoredLink]) -> list[Link]:
    """The changed links as models, with the values reconciling gave them."""
    models = Link.objects.in_bulk([link.id for link in changed])
    out = []
    for link in changed:
        model = models.get(link.id)
        if model is None:  # removed meanwhile
            continue
        model.confidence, model.reason = link.confidence, link.reason
        model.stale, model.version = link.stale, link.version
        out.append(model)
    return out
