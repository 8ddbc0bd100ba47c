"""Full text for feeds that send only a summary (Feed.fetch_full_text).

An entry that carries a teaser (under SHORT_TEXT characters of text, or text that trails off
with "…" or "Read more") is completed from its page: fetched with the feed fetcher's guards
(http and https only, private addresses refused, size caps, checked redirects, timeouts) and
reduced to its main text as .html article files are (files.html_article, trafilatura). The page must say more than the
summary did, or the summary stays. Only entries not stored yet are fetched, at most
settings.TRACKER_FULL_TEXT_MAX_PER_FETCH per feed fetch, one after another: a feed re-read
every ten minutes does not re-read its pages, and a big feed turned on is caught up over
several fetches: entries stored with their summary for now, because of that cap or because
full text was turned on after they were stored, leave Feed.full_text_backlog set, and the next
fetch (reading the whole feed, validators forgotten) completes those still in the feed after the
new ones; each article keeps its summary as an earlier version. Every page that could not be
used is named, with why, in the returned note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings

from tracker.core.fetch import FetchError, url_fetch
from tracker.news.files import ArticleFileError, bytes_decode, html_article
from tracker.news.models import Article
from tracker.news.parse import ParsedEntry
from tracker.news.store import entry_key, entry_text, identity_of

SHORT_TEXT = 600
PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"


@dataclass
class FullText:
    """What a feed fetch got from pages: the page HTML kept as each completed entry's original
    (by the entry's position in the feed), and the problems, for the feed's health."""

    pages: dict[int, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    deferred: int = 0

    @property
    def note(self) -> str:
        parts = [f"full text: {p}" for p in self.problems[:5]]
        if len(self.problems) > 5:
            parts.append(f"full text: {len(self.problems) - 5} more pages could not be used")
        if self.deferred:
            parts.append(f"full text: {self.deferred} entries left for the next fetches")
        return "; ".join(parts)


_TEASER_END = re.compile(
    r"(\.\.\.|…|\[…\]|\[\.\.\.\]|read more|continue reading|full story|more »)\W*$", re.I
)


def _teaser(entry: ParsedEntry) -> str | None:
    """The entry's text when it is a teaser, not the article: little text, or text that trails
    off ("…", "Read more"); None otherwise. Many feeds put the whole article in the
    description: those are kept."""
    if not entry.link.lower().startswith(("http://", "https://")):
        return None
    text = " ".join(entry_text(entry).split())
    return text if len(text) < SHORT_TEXT or _TEASER_END.search(text) else None


def entries_complete(
    *, source_key: str, entries: list[ParsedEntry], backlog: bool = False
) -> FullText:
    """Replace the content of new summary-only entries by their page's main text, in place;
    with `backlog`, of those stored with their summary only as well."""
    out = FullText()
    teasers = {n: t for n, e in enumerate(entries) if (t := _teaser(e)) is not None}
    wanted = [(n, entries[n]) for n in teasers]
    if not wanted:
        return out
    identities = {n: identity_of(source_key, entry_key(e)) for n, e in wanted}
    rows = Article.objects.filter(identity__in=identities.values()).values_list(
        "identity", "original", "text"
    )
    # Stored already: (page, text) when completed from its page before (a page is kept only
    # when it says more than the summary), else None: stored with its summary.
    by_identity = {i: (original, text) for i, original, text in rows}
    stored = {
        n: by_identity[identities[n]]
        if len(by_identity[identities[n]][1]) > len(teasers[n])
        else None
        for n, e in wanted
        if identities[n] in by_identity
    }
    for n, entry in wanted:
        known = stored.get(n)
        if known:  # the page read before stands: the summary must not overwrite it
            out.pages[n], entry.content = known
            entry.content_type = "text/plain"
    new = [(n, e) for n, e in wanted if n not in stored]
    if backlog:  # stored with their summary: after the new ones
        new += [(n, e) for n, e in wanted if n in stored and stored[n] is None]
    limit = settings.TRACKER_FULL_TEXT_MAX_PER_FETCH
    out.deferred = max(0, len(new) - limit)
    for n, entry in new[:limit]:
        try:
            page, text = _page_text(entry.link)
        except (FetchError, ArticleFileError) as exc:
            out.problems.append(f"{entry.link}: {exc}")
            continue
        if len(text) <= len(entry_text(entry)):
            out.problems.append(f"{entry.link}: the page says no more than the summary")
            continue
        entry.content, entry.content_type = text, "text/plain"
        out.pages[n] = page
    return out


def _page_text(url: str) -> tuple[str, str]:
    """(page HTML, its main text)."""
    result = url_fetch(url=url, accept=PAGE_ACCEPT)
    kind = result.content_type.split(";")[0].strip().lower()
    if kind and kind not in ("text/html", "application/xhtml+xml"):
        raise ArticleFileError(f"not a web page but {kind}")
    html = bytes_decode(result.body)
    return html, html_article(html=html, url=result.url).content
