"""Cleaning: sanitised HTML (nh3) and the clean plain text that evidence offsets index into.

The text is one paragraph per block, paragraphs separated by a blank line, NFC-normalised, with
site boilerplate removed: related-article blocks and comment prompts (and everything after
them), share / subscribe / "Open in app" lines, lines that repeat across many articles of one
source, and the title when the body repeats it at the top. A missing space after a sentence end
("said.He") is put back where that is safe. Quotes, dashes and words in other scripts stay as
they are: evidence must quote the text exactly.
"""

from __future__ import annotations

import hashlib
import html as htmllib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.etree
import nh3

from tracker.news.commentary import names_genre
from tracker.news.furniture import BAR_SPLIT, ends_like_sentence, is_furniture

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dl", "dt",
    "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "li", "ol", "p", "pre", "q", "s", "small", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
}
URL_SCHEMES = {"http", "https", "mailto"}

# A line that starts a comment section: it and everything after it go (only after some text).
_COMMENT_MARKERS = re.compile(
    r"^(join the (discussion|conversation)|comments?|leave a (comment|reply)|discuss this story|"
    r"show comments|reader comments|\d+ comments?|conversation)\s*[:.→»›-]?\s*$",
    re.I,
)
# A line that starts a block of other stories' headlines: it and the headlines (and teasers cut
# short with an ellipsis) after it go; a line of prose after them is article text again.
_RELATED_MARKERS = re.compile(
    r"^(other topics you may (also )?be interested in|you may also (like|be interested in)|"
    r"you might (also )?like|related( (articles|stories|posts|news|reading|coverage|content|links))?|"
    r"recommended( for you| stories| reading)?|more (from|on|in) [\w .'’&-]{1,40}|"
    r"read (more|next|also)|also read|more (stories|news|coverage|to read|to explore|explainers|guides)|"
    r"trending( now| stories)?|most (read|popular|viewed|shared|emailed)( news| stories| articles| now| today)?|"
    r"popular( now| stories| news)?|(suggested |related |popular )?(topics|tags)|"
    r"top stories|latest( news| stories)?|up next|what to read next|editor['’]s picks|"
    r"further reading|around the web|from (our|the) (partners|web)|in other news|"
    r"see also|keep reading|more (headlines|reviews|articles|videos|podcasts|features|analysis|"
    r"opinion|like this))\s*[:.→»›-]?\s*$",
    re.I,
)
# Single lines of site furniture (see also tracker.news.furniture).
_SOCIAL = r"(x|twitter|facebook|linkedin|e-?mail|whatsapp|reddit|bluesky|threads|mastodon|telegram|print|copy link)"
_LINE_NOISE = re.compile(
    r"^(open in app|get the app|download (the|our) app|"
    rf"share( this| the)?( article| story| post| page)?( on {_SOCIAL})?\s*:?( {_SOCIAL})?|{_SOCIAL}|"
    r"tweet( this)?|email this|print( this)?( article| page)?|"
    r"subscribe( now| today| here)?|subscribe (to|for) [\w ,'’-]{1,60}|sign up (for|to) [\w ,'’-]{1,60}|"
    r"follow us\b[\w ,&@'’-]{0,60}|advertisement|sponsored( content)?|click here to [\w ]{1,40}|"
    r"be the first to (comment|share)[^.]*\.?( subscribe to [\w ]{1,40}\.?)?|"
    r"(log|sign) in to comment|comments are closed[\w ]*|"
    r"community comments coming[\w ]*|skip to (main )?content|listen to (this )?article|"
    r"\d+ min(ute)? read)"
    r"\s*[.!:→»›]*\s*$",
    re.I,
)
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# "word.Next" -> "word. Next": two lower-case letters, the sentence end and any closing quote,
# then an optional opening quote and a capital followed by a lower-case letter.
_GLUED = re.compile(
    r"(?:(?<=[a-z\u00e0-\u00ff]{2}[.!?])|(?<=[a-z][\"”’)][.!?]))([\"”’)]?)([\"“‘]?[A-Z](?:[a-z]|\.[A-Z]))"
)
_GLUED_HINT = re.compile(r"[.!?][\"”’)]?[\"“‘]?[A-Z]")
_BLOCK_TAGS = re.compile(
    r"<(/?)(p|div|br|li|ul|ol|h[1-6]|blockquote|tr|table|pre|section|article|figure|"
    r"figcaption|hr|dd|dt|header|footer|aside)\b[^>]*>",
    re.I,
)
MIN_REPEAT_ARTICLES = 3
REPEAT_MAX_LINE = 300  # longer lines are paragraphs, never compared for repetition
MAX_TITLE = 300


@dataclass
class Cleaned:
    html: str
    text: str
    content_hash: str


_URL_ATTRIBUTES = frozenset({"href", "src", "cite"})


def _resolver(base_url: str):
    """An nh3 attribute filter making relative links absolute against `base_url`.

    Only scheme-less values are joined, so a URL with a scheme is left for nh3's own scheme
    allowlist to judge (javascript: stays refused)."""

    def resolve(_tag: str, attribute: str, value: str) -> str:
        if attribute in _URL_ATTRIBUTES and value and not urlsplit(value).scheme:
            return urljoin(base_url, value)
        return value

    return resolve


def html_sanitise(html: str, *, base_url: str = "") -> str:
    """Allowlisted HTML; with an http(s) `base_url`, relative links are made absolute
    (feedparser's own resolver is off: this is cheaper, and nh3 walks the tree anyway)."""
    resolve = _resolver(base_url) if urlsplit(base_url).scheme in ("http", "https") else None
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener nofollow",
        strip_comments=True,
        attribute_filter=resolve,
    )


def html_to_text(html: str) -> str:
    """Plain text of (sanitised) HTML: one line per block element."""
    marked = _BLOCK_TAGS.sub("\n", html)
    return htmllib.unescape(nh3.clean(marked, tags=set(), attributes={}))


def normalise_line(line: str) -> str:
    return " ".join(line.split())  # str.split() splits on every Unicode space


_NON_WORD = re.compile(r"\W+")


def line_key(line: str) -> str:
    """How lines compare for repetition: case-folded, spaces collapsed, quotes unified."""
    folded = unicodedata.normalize("NFKC", line).casefold()
    return _NON_WORD.sub(" ", folded).strip()


def lines_of(text: str) -> list[str]:
    """The text's non-empty lines, each as `normalise_line` makes it."""
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for raw in text.split("\n"):
        line = raw.strip()
        # An ASCII line's only white space left here is " " and "\t" (_INVISIBLE took the
        # other control characters): with no tab nor double space it is normalised already,
        # and splitting it into words to join them again was most of the time.
        if not line.isascii() or "  " in line or "\t" in line:
            line = normalise_line(line)
        if line:
            lines.append(line)
    return lines


def _keys_of(lines: list[str]) -> list[str]:
    """Each line's `line_key`; a paragraph (REPEAT_MAX_LINE or longer) is its own key."""
    return [line_key(line) if len(line) < REPEAT_MAX_LINE else line for line in lines]


def repeated_keys(bodies: Iterable[Body]) -> set[str]:
    """Line keys found in at least MIN_REPEAT_ARTICLES bodies and in over half of them."""
    counts: Counter[str] = Counter()
    n = 0
    for body in bodies:
        n += 1
        counts.update(
            {
                k
                for line, k in zip(body.lines, body.keys, strict=True)
                if len(line) < REPEAT_MAX_LINE
            }
        )
    if n < MIN_REPEAT_ARTICLES:
        return set()
    return {k for k, c in counts.items() if k and c >= MIN_REPEAT_ARTICLES and c * 2 > n}


def repeated_lines(texts: Iterable[str]) -> set[str]:
    """Line keys found in at least MIN_REPEAT_ARTICLES texts and in over half of them."""
    return repeated_keys(text_body(text) for text in texts)


def _is_noise(line: str) -> bool:
    if len(line) > 200:  # site furniture is short
        return False
    return all(_LINE_NOISE.match(part) for part in BAR_SPLIT.split(line)) or is_furniture(line)


KEEP, DROP, CUT = 0, 1, 2
_NAME_LABEL = re.compile(r"^[A-Z][\w'’.&-]*(?: (?:[A-Z][\w'’.&-]*|of|the|and|&)){0,3}$")


def _leaves_block(line: str) -> bool:
    """A sentence after a block of headlines is article text again; a headline that asks a
    question, or a teaser cut short, is not."""
    if line.endswith(("…", "...")) or not ends_like_sentence(line):
        return False
    return len(line) >= 100 or not line.rstrip('"”’)').endswith("?")


def _is_name_label(line: str) -> bool:
    """A short run of capitalised words: an author's or a site's name ("Jenna Ko", "Bay Report")."""
    return len(line) <= 40 and not ends_like_sentence(line) and bool(_NAME_LABEL.match(line))


DUPLICATE_MIN = 20  # a line this long met again in one article is a repeat (embed, pull quote)


def _verdicts(
    lines: list[str], keys: list[str], *, title_key: str, repeated: frozenset[str] | set[str]
) -> list[int]:
    """KEEP, DROP or CUT (this line and all after it) for each line of one article.

    Before the first kept line, a line equal to the title goes (a title printed twice, or after
    a "Skip to content"). A comment marker after some text cuts; a related-stories marker after
    some text drops its block of headlines (and teasers cut short), up to the next sentence.
    Furniture lines, lines repeated across the source and repeats of a line met before in the
    article go; so does a short name next to furniture above the first sentence (the author's
    or the site's name beside a byline or a date)."""
    out: list[int] = []
    started = in_block = prose = False
    seen = {title_key} if title_key else set()
    noise = _Noise(lines)
    for n, (line, key) in enumerate(zip(lines, keys, strict=True)):
        if started and _COMMENT_MARKERS.match(line):
            return out + [CUT] * (len(lines) - len(out))
        if _RELATED_MARKERS.match(line):
            in_block = started
            out.append(DROP)
            continue
        if in_block:
            in_block = not _leaves_block(line)
        repeat = key in seen and (len(line) >= DUPLICATE_MIN or not started)
        if (
            in_block
            or repeat
            or _dropped(line, key, n, noise=noise, prose=prose, repeated=repeated)
        ):
            out.append(DROP)
        elif key or len(line) >= 3:
            out.append(KEEP)
            started = True
            prose = prose or ends_like_sentence(line)
            seen.add(key)
        else:
            out.append(DROP)
    return out


class _Noise:
    """Whether each line is noise (`_is_noise`), worked out only for the lines asked about: a
    line already dropped (a repeat of the title, a related-stories headline) is not read for
    furniture unless a neighbour's verdict needs it."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.known: dict[int, bool] = {}

    def __getitem__(self, n: int) -> bool:
        if not 0 <= n < len(self.lines):
            return False
        if n not in self.known:
            self.known[n] = _is_noise(self.lines[n])
        return self.known[n]


def _dropped(
    line: str, key: str, n: int, *, noise: _Noise, prose: bool, repeated: frozenset[str] | set[str]
) -> bool:
    """A line that goes although nothing before it said so: a short name beside furniture above
    the first sentence, furniture, or a line repeated across the source."""
    if not prose and _is_name_label(line) and (noise[n - 1] or noise[n + 1]):
        return True
    return noise[n] or bool(key and key in repeated)


def fix_glued_sentences(line: str) -> str:
    if "http" in line or "www." in line or not _GLUED_HINT.search(line):
        return line  # URLs and domains are not sentences
    return _GLUED.sub(r"\1 \2", line)


def text_clean(
    text: str, *, title: str = "", repeated: frozenset[str] | set[str] = frozenset()
) -> str:
    """The clean plain text of an article body (see the module docstring)."""
    return _lines_clean(text_body(text), title=title, repeated=repeated)[0]


def _lines_clean(
    body: Body, *, title: str, repeated: frozenset[str] | set[str]
) -> tuple[str, list[int]]:
    """The clean text of a body, and each line's verdict (when every line is kept, html_strip
    would find nothing to strip either)."""
    title_key = line_key(title) if title else ""
    verdicts = _verdicts(body.lines, body.keys, title_key=title_key, repeated=repeated)
    kept = [
        fix_glued_sentences(line)
        for line, verdict in zip(body.lines, verdicts, strict=True)
        if verdict == KEEP
    ]
    return "\n\n".join(kept), verdicts


def text_to_html(text: str) -> str:
    return "".join(f"<p>{htmllib.escape(p)}</p>" for p in text.split("\n\n") if p)


def content_hash(*, title: str, text: str) -> str:
    return hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()


@dataclass
class Body:
    """An entry's content read once: its sanitised HTML ("" for plain text) and the lines of its
    text with their `line_key`s, which repetition counting and cleaning both read."""

    html: str
    lines: list[str]
    keys: list[str]
    plain: bool = False


def text_body(text: str) -> Body:
    lines = lines_of(text)
    return Body(html="", lines=lines, keys=_keys_of(lines), plain=True)


def body_read(*, content: str, content_type: str = "text/html", base_url: str = "") -> Body:
    """Sanitise the content (relative links resolved against `base_url`, the article's own
    address) and split its text into lines."""
    if content_type == "text/plain":
        return text_body(content)
    html = html_sanitise(content, base_url=base_url)
    lines = lines_of(html_to_text(html))
    return Body(html=html, lines=lines, keys=_keys_of(lines))


def body_clean(
    body: Body, *, title: str = "", repeated: frozenset[str] | set[str] = frozenset()
) -> Cleaned:
    """Sanitised HTML and clean text of a body, without title, boilerplate and repeated lines."""
    text, verdicts = _lines_clean(body, title=title, repeated=repeated)
    if body.plain:
        html = text_to_html(text)
    else:
        html = body.html
        if any(v != KEEP for v in verdicts):  # a clean feed's entries mostly have none: no parse
            known = _Known(lines=body.lines, verdicts=verdicts)
            html = html_strip(html, title=title, repeated=repeated, known=known)
    return Cleaned(html=html, text=text, content_hash=content_hash(title=title, text=text))


def entry_clean(
    *,
    content: str,
    content_type: str = "text/html",
    title: str = "",
    repeated: frozenset[str] | set[str] = frozenset(),
    base_url: str = "",
) -> Cleaned:
    """Sanitised HTML and clean text for one entry or article; relative links in the HTML
    are resolved against `base_url` (the article's own address)."""
    body = body_read(content=content, content_type=content_type, base_url=base_url)
    return body_clean(body, title=title, repeated=repeated)


_LEAF_BLOCKS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption", "dt", "dd",
}  # fmt: skip


# Plain lxml elements: lxml.html's per-element class lookup (Python) was a fifth of the strip.
_PARSER = lxml.etree.HTMLParser()
_text_content = lxml.etree.XPath("string()")  # what lxml.html's text_content() runs


def _fragment(html: str) -> lxml.etree._Element:
    """The <body> holding the parsed fragment (as lxml.html.fragment_fromstring's parent <div>
    would: leading text only when it is more than white space)."""
    doc = lxml.etree.fromstring(f"<html><body>{html}</body></html>", _PARSER)
    if doc is None or doc.tag != "html":
        raise lxml.etree.ParserError("not an HTML fragment")
    bodies = [el for el in doc if el.tag == "body"]
    if len(bodies) != 1:
        raise lxml.etree.ParserError("not an HTML fragment")
    root = bodies[0]
    if root.text is not None and not root.text.strip():
        root.text = None
    return root


def _drop_tree(el: lxml.etree._Element) -> None:
    """Remove el and its content, keeping its tail text (lxml.html's drop_tree)."""
    parent = el.getparent()
    if el.tail:
        previous = el.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + el.tail
        else:
            previous.tail = (previous.tail or "") + el.tail
    parent.remove(el)


def _leaf_blocks(root: lxml.etree._Element) -> list[lxml.etree._Element]:
    """The blocks holding no other block; one with no child at all (most) is not searched."""
    return [
        el
        for el in root.iter(*_LEAF_BLOCKS)
        if not len(el) or not any(True for _ in el.iterdescendants(*_LEAF_BLOCKS))
    ]


def _cut_from(el: lxml.etree._Element, root: lxml.etree._Element) -> None:
    """Remove el and everything after it in document order."""
    node = el
    while node is not None and node is not root:
        for sibling in list(node.itersiblings()):
            sibling.getparent().remove(sibling)
        node.tail = None
        node = node.getparent()
    el.getparent().remove(el)


_CONTAINERS = frozenset({"ul", "ol", "dl", "div", "table", "tbody", "tr", "figure", "blockquote"})


def _prune_empty(root: lxml.etree._Element) -> None:
    """Drop the lists, tables and other containers left without text or images."""
    for el in reversed(list(root.iter(*_CONTAINERS))):
        if el is root or el.getparent() is None:
            continue
        if not _text_content(el).strip() and next(el.iter("img"), None) is None:
            _drop_tree(el)


def _block_lines(root: lxml.etree._Element, known: list[str]) -> list[tuple]:
    """Each leaf block holding text, with its line. A block whose text already is the known
    line at its place (the usual case: no spaces to fold) is not normalised again."""
    blocks: list[tuple] = []
    for el in _leaf_blocks(root):
        text = _text_content(el)
        n = len(blocks)
        line = text if n < len(known) and text == known[n] else normalise_line(text)
        if line:
            blocks.append((el, line))
    return blocks


@dataclass
class _Known:
    """The verdicts already given to a body's text lines (`_lines_clean`)."""

    lines: list[str]
    verdicts: list[int]


def html_strip(
    html: str,
    *,
    title: str = "",
    repeated: frozenset[str] | set[str] = frozenset(),
    known: _Known | None = None,
) -> str:
    """Sanitised HTML without the boilerplate that text_clean drops from the text.

    `known`: the verdicts on the same HTML's text lines, reused when its blocks read as the same
    lines (the usual case: verdicts depend only on the lines, title and repeated keys)."""
    if not html.strip():
        return html
    try:
        root = _fragment(html)
    except (ValueError, lxml.etree.ParserError):
        return html
    blocks = _block_lines(root, known.lines if known is not None else [])
    lines = [line for _, line in blocks]
    if known is not None and known.lines == lines:
        verdicts = known.verdicts
    else:
        title_key = line_key(title) if title else ""
        verdicts = _verdicts(lines, _keys_of(lines), title_key=title_key, repeated=repeated)
    for (el, _), verdict in zip(blocks, verdicts, strict=True):
        if verdict == CUT:
            _cut_from(el, root)
            break
        if verdict == DROP:
            _drop_tree(el)
    _prune_empty(root)
    # root.text is parsed text: escaped again, or "&lt;img onerror=...&gt;" would come back as markup
    lead = htmllib.escape(root.text or "", quote=False)
    root.text = None
    return (lead + _children_html(root)).strip()


def _children_html(root: lxml.etree._Element) -> str:
    """The HTML of root's children (and their tails): root serialised once, its own tags cut
    off, rather than one serialisation per child."""
    whole = lxml.etree.tostring(root, method="html", encoding="unicode", with_tail=False)
    start, end = f"<{root.tag}>", f"</{root.tag}>"
    if root.attrib or not whole.startswith(start) or not whole.endswith(end):
        return "".join(lxml.etree.tostring(c, method="html", encoding="unicode") for c in root)
    return whole[len(start) : -len(end)]


# A site's or a section's name after a headline: "... | The Verge", "... · Harbour Memo" (a few
# capitalised words, no digits: "| Day 3" and "| Mayor defends the toll" are part of the title,
# and so is a genre, "| Opinion", which tells commentary from a report)
_SITE_TAIL = re.compile(
    r"\s+[|·•]\s+[A-Z][\w'’.&-]*(?:\s+(?:[A-Z][\w'’.&-]*|of|the|and|&|on|for|in)){0,4}$"
)
HEADLINE_WORDS = 3  # what is left of a title without its site's name is at least this long


def title_clean(title: str) -> str:
    """A stored title: markup and invisible characters out, a site's name after a bar off, a
    long title shortened."""
    title = normalise_line(unicodedata.normalize("NFC", _INVISIBLE.sub("", title)))
    if "<" in title or "&" in title:
        title = normalise_line(htmllib.unescape(nh3.clean(title, tags=set(), attributes={})))
    for _ in range(2):  # "Headline | Section | Site"
        tail = _SITE_TAIL.search(title)
        keep = not tail or re.search(r"\d", tail.group()) or names_genre(tail.group())
        head = "" if keep else title[: tail.start()]
        if len(head.split()) < HEADLINE_WORDS:
            break
        title = head
    return title_shorten(title)


def title_shorten(text: str, *, limit: int = 120) -> str:
    """A title from a long line: its first sentence, cut at a word boundary if still too long."""
    if len(text) <= MAX_TITLE and len(text) <= limit:
        return text
    first = re.split(r"(?<=[.!?])\s+(?=[\"“‘]?[A-Z])", text, maxsplit=1)[0]
    if len(first) <= limit:
        return first.rstrip(".")
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:-–— ")
    return cut + "…"
