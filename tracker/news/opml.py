"""OPML subscription lists: read (entity declarations refused like in feeds) and write."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

from tracker.news.parse import FeedError, xml_prescan


@dataclass(frozen=True)
class OutlineFeed:
    url: str
    title: str = ""
    site_url: str = ""


def looks_like_opml(data: bytes) -> bool:
    return b"<opml" in data[:4096].lower()


def opml_parse(*, data: bytes) -> list[OutlineFeed]:
    """Every outline with an xmlUrl, in document order, each URL once."""
    safe = xml_prescan(data)
    try:
        root = ET.fromstring(safe)  # noqa: S314 - entity declarations were refused above
    except ET.ParseError as exc:
        raise FeedError(f"not a valid OPML file: {exc}") from exc
    if root.tag.lower() != "opml":
        raise FeedError(f"not an OPML file (root element <{root.tag}>)")
    seen: set[str] = set()
    feeds = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url or url in seen:
            continue
        seen.add(url)
        feeds.append(
            OutlineFeed(
                url=url,
                title=(outline.get("title") or outline.get("text") or "").strip(),
                site_url=(outline.get("htmlUrl") or "").strip(),
            )
        )
    return feeds


def opml_render(*, feeds: Iterable[OutlineFeed], title: str = "tracker feeds") -> bytes:
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = dt.datetime.now(tz=dt.UTC).strftime(
        "%a, %d %b %Y %H:%M:%S GMT"
    )
    body = ET.SubElement(root, "body")
    for feed in feeds:
        attrs = {"type": "rss", "text": feed.title or feed.url, "xmlUrl": feed.url}
        if feed.title:
            attrs["title"] = feed.title
        if feed.site_url:
            attrs["htmlUrl"] = feed.site_url
        ET.SubElement(body, "outline", attrs)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
