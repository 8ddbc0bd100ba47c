"""An RFC 4287 (Atom) check written from the RFC's MUST-level rules, for tests.

`problems(document)` lists every rule the document breaks (empty when it conforms). It covers
the structure of feed and entry (4.1.1, 4.1.2), text constructs (3.1), person constructs (3.2),
date constructs (3.3), ids as absolute IRIs (4.2.6), links (4.2.7) and categories (4.2.2).
"""

from __future__ import annotations

import re

from lxml import etree

NS = "http://www.w3.org/2005/Atom"
# RFC 3339 date-time, as RFC 4287 3.3 restricts it (upper-case T and Z).
DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})\Z")
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
TEXT_CONSTRUCTS = ("title", "subtitle", "summary", "rights")


def q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _count(parent, name: str) -> int:
    return len(parent.findall(q(name)))


def _cardinality(parent, where: str, exactly_one: tuple, at_most_one: tuple) -> list[str]:
    found = [f"{where}: needs exactly one atom:{n}" for n in exactly_one if _count(parent, n) != 1]
    found += [f"{where}: more than one atom:{n}" for n in at_most_one if _count(parent, n) > 1]
    return found


def _text_construct(element, where: str) -> list[str]:
    kind = element.get("type", "text")
    if kind not in ("text", "html", "xhtml"):
        return [f"{where}: type {kind!r} is not text, html or xhtml"]
    children = [c for c in element if isinstance(c.tag, str)]
    if kind in ("text", "html") and children:
        return [f"{where}: type={kind} holds child elements (markup must be escaped)"]
    if kind == "xhtml" and (
        len(children) != 1 or children[0].tag != "{http://www.w3.org/1999/xhtml}div"
    ):
        return [f"{where}: type=xhtml needs exactly one xhtml:div"]
    return []


def _person(element, where: str) -> list[str]:
    return _cardinality(element, where, ("name",), ("uri", "email"))


def _alternates(parent, where: str) -> list[str]:
    seen: set[tuple] = set()
    found = []
    for link in parent.findall(q("link")):
        if not link.get("href"):
            found.append(f"{where}: atom:link without href")
        if link.get("rel", "alternate") == "alternate":
            key = (link.get("type"), link.get("hreflang"))
            if key in seen:
                found.append(f"{where}: two alternate links with the same type and hreflang")
            seen.add(key)
    return found


def _common(parent, where: str) -> list[str]:
    found = _alternates(parent, where)
    for name in TEXT_CONSTRUCTS:
        for element in parent.findall(q(name)):
            found += _text_construct(element, f"{where} atom:{name}")
    for name in ("updated", "published"):
        for element in parent.findall(q(name)):
            if not DATE_TIME.match((element.text or "").strip()):
                found.append(f"{where}: atom:{name} {element.text!r} is not an RFC 3339 date")
    for element in parent.findall(q("id")):
        if not SCHEME.match((element.text or "").strip()):
            found.append(f"{where}: atom:id {element.text!r} is not an absolute IRI")
    for name in ("author", "contributor"):
        for element in parent.findall(q(name)):
            found += _person(element, f"{where} atom:{name}")
    found += [
        f"{where}: atom:category without term"
        for c in parent.findall(q("category"))
        if not c.get("term")
    ]
    return found


def _entry(entry, where: str) -> list[str]:
    found = _cardinality(
        entry,
        where,
        ("id", "title", "updated"),
        ("content", "published", "rights", "source", "summary"),
    )
    found += _common(entry, where)
    alternate = [k for k in entry.findall(q("link")) if k.get("rel", "alternate") == "alternate"]
    if _count(entry, "content") == 0 and not alternate:
        found.append(f"{where}: no atom:content and no alternate link")
    return found


def problems(document: bytes) -> list[str]:
    root = etree.fromstring(document)
    if root.tag != q("feed"):
        return [f"the root is {root.tag}, not atom:feed"]
    found = _cardinality(
        root,
        "feed",
        ("id", "title", "updated"),
        ("generator", "icon", "logo", "rights", "subtitle"),
    )
    found += _common(root, "feed")
    entries = root.findall(q("entry"))
    if _count(root, "author") == 0 and not all(_count(e, "author") for e in entries):
        found.append("feed: no atom:author, and not every entry has one")
    for number, entry in enumerate(entries, 1):
        found += _entry(entry, f"entry {number}")
    return found
