"""Feed bytes -> entries: RSS 0.9x/1.0/2.0, Atom, RDF (feedparser) and JSON Feed (our reader).

feedparser only ever sees bytes we already hold. Before it does, the prolog is scanned: a
DOCTYPE that declares entities (billion laughs, quadratic blowup, external entities) is refused,
any other internal DTD subset is stripped. An HTML page is reported as such, with the feed it
advertises (`<link rel="alternate">`) when there is one. A broken feed that still yields entries
is parsed as far as it goes and the reason is kept in `ParsedFeed.bozo`.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

import feedparser

PROLOG_SCAN = 64 * 1024
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
)


class FeedError(Exception):
    """The bytes are not a feed we can read; `str(error)` says why."""


class EntityBombError(FeedError):
    pass


class NotAFeedError(FeedError):
    """An HTML page; `feed_url` is the feed it links to, if any."""

    def __init__(self, message: str, *, feed_url: str = "") -> None:
        super().__init__(message)
        self.feed_url = feed_url


@dataclass
class ParsedEntry:
    id: str = ""
    link: str = ""
    title: str = ""
    author: str = ""
    published: dt.datetime | None = None
    content: str = ""  # as received: HTML or plain text (see content_type)
    content_type: str = "text/html"
    summary: str = ""
    source: str = ""  # the outlet, when the feed names it per entry (RSS <source>)


@dataclass
class ParsedFeed:
    kind: str
    title: str = ""
    link: str = ""
    entries: list[ParsedEntry] = field(default_factory=list)
    bozo: str = ""  # why the feed is not well formed ("" when it is)


# -- pre-scan -----------------------------------------------------------------------------------

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)


# Every encoding an XML parser may read a document in without a byte-order mark telling it
# apart (XML 1.0 appendix F): ASCII-compatible, UTF-16 and UTF-32 either way round, EBCDIC.
# The prolog is read in each, so a declaration cannot hide behind the one the scan assumed.
_PROLOG_CODECS = ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "cp500", "cp037")
_DECLARED = re.compile(r"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']""")


def _readings(data: bytes) -> list[str]:
    """The document's start as text in each candidate encoding (and the one it declares)."""
    head = data[:PROLOG_SCAN]
    texts = [head.decode(codec, errors="ignore").lstrip("\ufeff") for codec in _PROLOG_CODECS]
    for text in list(texts):
        declared = _DECLARED.match(text)
        if declared:
            with contextlib.suppress(LookupError):  # unknown to Python: to expat too
                texts.append(head.decode(declared.group(1), errors="ignore"))
    return texts


_ENTITY_TEXT = re.compile(r"<!ENTITY", re.I)
_ROOT_TEXT = re.compile(r"<[A-Za-z_]")
_COMMENT_TEXT = re.compile(r"<!--.*?-->", re.S)


def _declares_entities(text: str) -> tuple[bool, bool]:
    """(an entity is declared before the root element, the root element was found)."""
    prolog = _COMMENT_TEXT.sub("", text)
    root = _ROOT_TEXT.search(prolog)
    head = prolog[: root.start()] if root else prolog
    return bool(_ENTITY_TEXT.search(head)), root is not None


def xml_prescan(data: bytes) -> bytes:
    """Refuse entity declarations, in whatever encoding the document is written; strip any
    other DOCTYPE internal subset. Returns safe bytes."""
    found = [_declares_entities(text) for text in _readings(data)]
    declared = any(entity for entity, _ in found)
    if not declared and not any(root for _, root in found):  # a prolog padded past the scan
        declared = any(
            _ENTITY_TEXT.search(data.decode(codec, errors="ignore")) for codec in _PROLOG_CODECS
        )
    if declared:
        raise EntityBombError(
            "refused: the document declares XML entities (an entity-expansion or external-entity "
            "attack, or at least nothing a feed needs)"
        )
    doctype = _DOCTYPE.search(data[:PROLOG_SCAN])
    if doctype and b"[" in data[doctype.start() : doctype.start() + 2000].split(b">", 1)[0]:
        end = data.find(b"]>", doctype.start())
        if end < 0:
            raise FeedError("malformed DOCTYPE declaration")
        data = data[: doctype.start()] + data[end + 2 :]
    return data


# -- HTML pages ---------------------------------------------------------------------------------

_HTML_START = re.compile(
    rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html)\b", re.I | re.S
)


class _AlternateFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        a = {k.lower(): (v or "") for k, v in attrs}
        rels = a.get("rel", "").lower().split()
        if "alternate" in rels and a.get("type", "").lower() in FEED_TYPES and a.get("href"):
            self.found.append((a["type"].lower(), a["href"]))


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_START.match(data[:4096].lstrip(b"\xef\xbb\xbf")))


def html_feed_link(data: bytes, *, base_url: str = "") -> str:
    """The feed an HTML page advertises with <link rel="alternate" type=...>, or ""."""
    finder = _AlternateFinder()
    try:
        finder.feed(data[: 512 * 1024].decode("utf-8", errors="replace"))
    except Exception:  # noqa: BLE001 - a broken page simply advertises nothing
        return ""
    if not finder.found:
        return ""
    return urljoin(base_url, finder.found[0][1]) if base_url else finder.found[0][1]


def _not_a_feed(data: bytes, *, url: str) -> NotAFeedError:
    feed_url = html_feed_link(data, base_url=url)
    hint = f"; it links to the feed {feed_url}" if feed_url else ""
    return NotAFeedError(f"this is an HTML page, not a feed{hint}", feed_url=feed_url)


# -- feedparser ---------------------------------------------------------------------------------


def _when(value: object) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(value), tz=dt.UTC)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None


def _entry(e: feedparser.FeedParserDict) -> ParsedEntry:
    content, ctype = "", "text/html"
    if e.get("content"):
        best = max(e["content"], key=lambda c: len(c.get("value", "")))
        content, ctype = best.get("value", ""), best.get("type", "text/html")
    summary = e.get("summary", "")
    if not content:
        content = summary
        ctype = (e.get("summary_detail") or {}).get("type", "text/html")
    return ParsedEntry(
        id=(e.get("id") or "").strip(),
        link=(e.get("link") or "").strip(),
        title=(e.get("title") or "").strip(),
        author=(e.get("author") or "").strip(),
        published=_when(e.get("published_parsed") or e.get("updated_parsed")),
        content=content,
        content_type="text/plain" if ctype == "text/plain" else "text/html",
        summary=summary,
        source=((e.get("source") or {}).get("title") or "").strip(),
    )


def _feedparser(data: bytes, *, url: str, content_type: str) -> ParsedFeed:
    headers = {"content-type": content_type or "application/xml"}
    if url:
        headers["content-location"] = url
    # tracker sanitises (nh3) and resolves relative links itself while cleaning: feedparser's
    # own passes over every HTML field would be done twice (they were a third of its time).
    parsed = feedparser.parse(
        data, response_headers=headers, sanitize_html=False, resolve_relative_uris=False
    )
    version = parsed.get("version", "")
    bozo = ""
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        bozo = f"{type(exc).__name__}: {exc}" if exc else "not well formed"
    if not version and not parsed.entries:
        if looks_like_html(data):
            raise _not_a_feed(data, url=url)
        raise FeedError(f"not a feed: {bozo or 'no RSS, Atom or RDF root element'}")
    return ParsedFeed(
        kind=version or "unknown",
        title=(parsed.feed.get("title") or "").strip(),
        link=(parsed.feed.get("link") or "").strip(),
        entries=[_entry(e) for e in parsed.entries],
        bozo=bozo,
    )


# -- JSON Feed ----------------------------------------------------------------------------------


def _iso(value: object) -> dt.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def _str(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _json_author(item: dict, feed: dict) -> str:
    for source in (item, feed):
        authors = source.get("authors")
        if isinstance(authors, list) and authors and isinstance(authors[0], dict):
            return _str(authors[0].get("name"))
        if isinstance(source.get("author"), dict):
            return _str(source["author"].get("name"))
    return ""


def json_feed_parse(data: bytes) -> ParsedFeed:
    """JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1)."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedError(f"not a feed: invalid JSON ({exc})") from exc
    if not isinstance(doc, dict) or not _str(doc.get("version")).startswith(
        "https://jsonfeed.org/"
    ):
        raise FeedError("not a feed: JSON without a jsonfeed.org version")
    items = doc.get("items")
    if not isinstance(items, list):
        raise FeedError("not a feed: a JSON Feed without an items list")
    entries, skipped = [], 0
    for item in items:
        if not isinstance(item, dict):
            skipped += 1
            continue
        html, text = _str(item.get("content_html")), _str(item.get("content_text"))
        entries.append(
            ParsedEntry(
                id=_str(item.get("id"))
                or (str(item["id"]) if isinstance(item.get("id"), int) else ""),
                link=_str(item.get("url")) or _str(item.get("external_url")),
                title=_str(item.get("title")),
                author=_json_author(item, doc),
                published=_iso(item.get("date_published")) or _iso(item.get("date_modified")),
                content=html or text or _str(item.get("summary")),
                content_type="text/html" if html else "text/plain",
                summary=_str(item.get("summary")),
            )
        )
    return ParsedFeed(
        kind="json" + _str(doc.get("version")).rsplit("/", 1)[-1].replace(".", ""),
        title=_str(doc.get("title")),
        link=_str(doc.get("home_page_url")),
        entries=entries,
        bozo=f"{skipped} items are not objects" if skipped else "",
    )


# -- entry point --------------------------------------------------------------------------------


def feed_parse(*, data: bytes, url: str = "", content_type: str = "") -> ParsedFeed:
    """Parse feed bytes (any supported format). Raises FeedError with a readable reason."""
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped:
        raise FeedError("the feed is empty")
    if stripped[:1] in (b"{", b"["):
        return json_feed_parse(stripped)
    if looks_like_html(stripped):
        raise _not_a_feed(stripped, url=url)
    return _feedparser(xml_prescan(data), url=url, content_type=content_type)
