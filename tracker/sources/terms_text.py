"""A terms document reduced to text and split into clauses (pure functions, no database).

A page becomes blocks (headings, paragraphs, list items; scripts, navigation, headers, footers
and forms left out). A clause starts at a heading, or at a paragraph that opens with a section
number ("4.", "4.2", "Section 4") followed by a short title; it runs until the next one. Each
clause gets a ref, the slug of its title without the number, made unique in the document.
The document's own "Last updated" / "Effective" date is read when it states one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.utils.text import slugify

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = HEADINGS | {"p", "li", "dt", "dd", "td", "th", "blockquote", "pre", "div", "section"}
SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg", "button"}
VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source"}
NUMBERED = re.compile(
    r"^(?:(?:section|article|clause)\s+)?(\d{1,3}(?:\.\d{1,3}){0,3})[.)]?\s+"
    r"([A-Z][^.:\n]{1,100}?)(?:[.:]\s+|$)",
    re.IGNORECASE,
)
LEADING_NUMBER = re.compile(
    r"^(?:(?:section|article|clause)\s+)?\d{1,3}(?:\.\d{1,3}){0,3}[.)]?\s+", re.I
)
MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
STATED = re.compile(
    r"(?:last\s+(?:updated|modified|revised)|effective(?:\s+date)?|updated)\s*(?:on|:|as of)?\s*"
    rf"((?:{MONTHS})\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?:{MONTHS})\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})",
    re.IGNORECASE,
)
MIN_CLAUSES = 2
MIN_CHARS = 200


class NotTerms(ValueError):
    """The page cannot be read as a terms document; the message says why."""


@dataclass
class Block:
    heading: bool
    text: str


@dataclass
class ParsedClause:
    ref: str
    title: str
    text: str
    position: int


@dataclass
class ParsedDocument:
    title: str
    clauses: list[ParsedClause] = field(default_factory=list)
    stated: dt.date | None = None  # the document's own "last updated" date

    @property
    def text(self) -> str:
        return "\n\n".join(f"{c.title}\n{c.text}" for c in self.clauses)


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.title = ""
        self._skip = 0
        self._stack: list[str] = []
        self._parts: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in VOID:
            if tag == "br":
                self._parts.append(" ")
            return
        if tag in SKIP:
            self._skip += 1
        if tag == "title":
            self._in_title = True
        if tag in BLOCKS:
            self._flush()
        self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or tag not in self._stack:
            return
        while self._stack:
            open_tag = self._stack.pop()
            if open_tag in BLOCKS:
                self._flush(heading=open_tag in HEADINGS)
            if open_tag in SKIP:
                self._skip = max(0, self._skip - 1)
            if open_tag == "title":
                self._in_title = False
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip:
            self._parts.append(data)

    def _flush(self, heading: bool = False) -> None:
        text = " ".join("".join(self._parts).split())
        self._parts = []
        if text:
            self.blocks.append(Block(heading=heading, text=text))

    def close(self) -> None:
        super().close()
        self._flush()


def blocks_of(*, body: str, content_type: str) -> tuple[str, list[Block]]:
    """(page title, blocks) of an HTML page or a plain-text document."""
    if "html" in content_type or body.lstrip()[:1] == "<":
        parser = _Blocks()
        parser.feed(body)
        parser.close()
        return " ".join(parser.title.split()), parser.blocks
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", body)]
    blocks = []
    for para in filter(None, paragraphs):
        short = len(para) < 100 and not para.endswith((".", ";", ","))
        blocks.append(
            Block(heading=short and bool(LEADING_NUMBER.match(para) or para.isupper()), text=para)
        )
    return "", blocks


def clauses_split(*, blocks: list[Block], title: str = "") -> ParsedDocument:
    """Split blocks into clauses at headings and numbered sections."""
    doc = ParsedDocument(title=title)
    current: dict | None = None
    first_heading = True
    # With headings, they alone start clauses (numbered paragraphs are sub-items); without,
    # numbered paragraphs do.
    by_heading = sum(b.heading for b in blocks) >= MIN_CLAUSES
    for block in blocks:
        doc.stated = doc.stated or stated_date(block.text)
        if block.heading and first_heading and not doc.clauses and current is None:
            first_heading = False
            if not NUMBERED.match(block.text):
                doc.title = doc.title or block.text  # the document's own name, not a clause
                continue
        start = _clause_start(block, by_heading=by_heading)
        if start is not None:
            if current:
                _close(doc, current)
            heading, rest = start
            current = {"title": heading, "parts": [rest] if rest else []}
        elif current is not None:
            current["parts"].append(block.text)
    if current:
        _close(doc, current)
    _refs_assign(doc.clauses)
    return doc


def _clause_start(block: Block, *, by_heading: bool) -> tuple[str, str] | None:
    if block.heading:
        return block.text[:300], ""
    match = None if by_heading else NUMBERED.match(block.text)
    if match:
        return f"{match.group(1)}. {match.group(2).strip()}"[:300], block.text
    return None


def _close(doc: ParsedDocument, current: dict) -> None:
    text = "\n\n".join(current["parts"]).strip()
    doc.clauses.append(
        ParsedClause(ref="", title=current["title"], text=text, position=len(doc.clauses))
    )


def _refs_assign(clauses: list[ParsedClause]) -> None:
    seen: dict[str, int] = {}
    for clause in clauses:
        base = slugify(LEADING_NUMBER.sub("", clause.title))[:90] or f"clause-{clause.position + 1}"
        seen[base] = seen.get(base, 0) + 1
        clause.ref = base if seen[base] == 1 else f"{base}-{seen[base]}"


def stated_date(text: str) -> dt.date | None:
    match = STATED.search(text[:400])
    if not match:
        return None
    raw = " ".join(match.group(1).replace(",", " ").split())
    for fmt in ("%B %d %Y", "%d %B %Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    return None


def document_parse(*, body: bytes, content_type: str, url: str) -> ParsedDocument:
    """The clauses of a fetched terms document; NotTerms when it cannot be one."""
    kind = content_type.split(";")[0].strip().lower()
    if kind and not (kind.startswith("text/") or kind in ("application/xhtml+xml",)):
        raise NotTerms(f"{url} is {kind}, not a web page or text: not a terms document")
    charset = re.search(r"charset=([\w-]+)", content_type)
    try:
        text = body.decode(charset.group(1) if charset else "utf-8", errors="replace")
    except LookupError:
        text = body.decode("utf-8", errors="replace")
    title, blocks = blocks_of(body=text, content_type=kind or "text/html")
    doc = clauses_split(blocks=blocks, title=title)
    size = sum(len(c.text) + len(c.title) for c in doc.clauses)
    if len(doc.clauses) < MIN_CLAUSES or size < MIN_CHARS:
        raise NotTerms(
            f"{url} does not look like a terms document: {len(doc.clauses)} section"
            f"{'s' if len(doc.clauses) != 1 else ''} and {size} characters of text found "
            f"(a terms document has at least {MIN_CLAUSES} headed or numbered sections)"
        )
    return doc
