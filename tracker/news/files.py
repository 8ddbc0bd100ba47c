"""Single article files: .txt (title line, then the body) and .html pages (main text extraction)."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import trafilatura

from tracker.core.dates import MONTHS, YEAR, day_or_none, month_number
from tracker.news.clean import line_key, lines_of, title_shorten
from tracker.news.commentary import names_genre
from tracker.news.furniture import ends_like_sentence, is_furniture, is_headline, is_timestamp
from tracker.news.parse import ParsedEntry
from tracker.news.signatures import features_of

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
MAX_TITLE_LINE = 160


class ArticleFileError(Exception):
    pass


def bytes_decode(data: bytes) -> str:
    for codec in (
        ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",)
    ):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace")


def _is_lede(line: str) -> bool:
    """An opening paragraph rather than a headline: long, or several sentences."""
    sentences = re.findall(r"[.!?][\"”’]?(\s|$)", line)
    return len(line) > MAX_TITLE_LINE or len(sentences) >= 2


TITLE_SCAN = 12  # lines at the top of a .txt file searched for its headline


LABEL_WORDS = 2  # a label above the headline is at most this many words; a headline is longer
HEADER_WORDS = 4  # a label under the headline is at most this many words; a dek is longer
LABEL_CHARS = 40
_QUOTED = re.compile(r"^[\"“‘'«]|[\"”»]$")


def _is_label(line: str, *, words: int = LABEL_WORDS) -> bool:
    """A label, not text: a site's or a section's name, a kicker, an author's name ("Technology",
    "AI · Policy", "Ports, briefly", "Jenna Ko"), at most `words` words, not a sentence, nothing
    quoted (a one-word answer in quote marks opens the text it explains)."""
    return (
        len(line.split()) <= words
        and len(line) <= LABEL_CHARS
        and not ends_like_sentence(line)
        and not _QUOTED.search(line)
    )


# A genre's name, a bar or a colon, then a headline: "Opinion | Users wrote the posts. Reddit
# wants to be paid for them.", "Analysis: what the ruling leaves open".
_KICKER_HEADLINE = re.compile(r"^(?P<genre>[A-Za-z][A-Za-z ]{0,30}?)\s*[|:]\s*(?P<head>\S.*)$")
KICKER_GENRE_WORDS = 3  # "Opinion", "News analysis", "Guest opinion column"


def _is_kicker_headline(line: str) -> bool:
    """A genre's name and the headline on one line. Lower in a page the same shape is a link to
    another piece ("Opinion: Why the toll is wrong" under a story), which is furniture; as the
    page's first line of text it is the headline, kicker and all."""
    m = _KICKER_HEADLINE.match(line)
    return bool(
        m
        and len(m["genre"].split()) <= KICKER_GENRE_WORDS
        and names_genre(m["genre"])
        and len(m["head"].split()) >= LABEL_WORDS + 1
    )


def _kicker_line(lines: list[str]) -> int | None:
    """Index of a "<genre> | <headline>" line with nothing but furniture above it."""
    for n, line in enumerate(lines[:TITLE_SCAN]):
        if _is_kicker_headline(line):
            return n
        if not is_furniture(line):
            return None
    return None


def _title_line(lines: list[str]) -> int | None:
    """Index of the headline: a genre's name and a headline on one line at the top; else the
    first line at the top that is neither furniture (a section menu is) nor a short label (site
    name, section), nor the site's name and tagline above the headline, when it is a headline or
    a lede; else the first line that is not furniture. None when the top holds only furniture
    (then the first line is the title, as it always was)."""
    kicker = _kicker_line(lines)
    if kicker is not None:
        return kicker
    top = [n for n, line in enumerate(lines[:TITLE_SCAN]) if not is_furniture(line)]
    if not top:
        return None
    heads = [n for n in top if not _is_label(lines[n])]
    if len(heads) > 1 and heads[0] == top[0] and _is_masthead(lines[heads[0]], lines[heads[1]]):
        heads = heads[1:]  # the site's name above the headline
    if len(heads) > 1 and heads[0] != top[0] and _is_tagline(lines, heads[0], heads[1]):
        heads = heads[1:]  # the site's motto under its name
    for n in heads[:1]:
        return n if is_headline(lines[n]) or _is_lede(lines[n]) else top[0]
    return top[0]


TAGLINE_WORDS = 8  # a site's tagline is at most this many words
LEAD_LINES = 2  # the opening paragraphs whose words a headline shares
TERM_LENGTH = 4
_LOWER_OR_ACRONYM = re.compile(r"^[\W\d]*(?:[a-z][\w'’-]*|[A-Z]{2,4}s?)\W*$")


def _terms(line: str) -> set[str]:
    """The telling words of a line (`features_of`), four letters or more: a short word ("AI",
    "law") is shared by any two lines on the subject."""
    return {w for w in features_of(line) if len(w) >= TERM_LENGTH}


def _is_tagline(lines: list[str], n: int, below: int) -> bool:
    """A site's tagline under its name ("Notes on AI, law and policy"): a short line in lower
    case after its first word (no name in it but an acronym), sharing no telling word with the
    opening paragraphs, above a headline that shares some."""
    words = lines[n].split()
    if len(words) > TAGLINE_WORDS or not is_headline(lines[below]):
        return False
    if not all(_LOWER_OR_ACRONYM.match(w) for w in words[1:]):
        return False
    ledes = itertools.islice((line for line in lines[below + 1 :] if _is_lede(line)), LEAD_LINES)
    lead = set().union(*(_terms(line) for line in ledes))
    return not _terms(lines[n]) & lead and bool(_terms(lines[below]) & lead)


_MASTHEAD_WORD = re.compile(r"^(?:[A-Z][\w'’&-]*|&|and|of|the|on|for|in)$")


def _is_masthead(line: str, below: str) -> bool:
    """A site's name at the very top ("The Albion Herald", "Levant Business Daily"): two to four
    capitalised words, above a longer headline that shares none of its words (a short
    headline is followed by a dek that does)."""
    words = line.split()
    if not 2 <= len(words) <= 4 or not all(_MASTHEAD_WORD.match(w) for w in words):
        return False
    if not is_headline(below) or len(below.split()) <= len(words):
        return False
    own = {w.lower().strip("'’") for w in words if len(w) > 3}
    return not own & {w.lower().strip(".,:;'’\"“”") for w in below.split()}


def _without_masthead(above: list[str], body: list[str]) -> list[str]:
    """The body without repeats of the short lines above the title (the site's name or section
    printed again under the headline), nor the short labels between the headline and the first
    sentence; a sentence is never one of them."""
    top = {line_key(line) for line in above if len(line) <= 60 and not ends_like_sentence(line)}
    top.discard("")
    return [line for line in _without_header(body) if not top or line_key(line) not in top]


def _without_header(body: list[str]) -> list[str]:
    """The body without the short lines between the headline and the first sentence: the site's
    name, its tagline, a bare author name, a section ("Courtroom Notes", "Tech policy, briefly",
    "Jenna Ko"). A dek (longer) stays, and so does everything from the first sentence on; in an
    article with subheads, a short line above the first sentence is one of them and stays."""
    for n, line in enumerate(body[:TITLE_SCAN]):
        if ends_like_sentence(line) or _is_lede(line):
            if any(_is_label(x, words=HEADER_WORDS) and not is_furniture(x) for x in body[n + 1 :]):
                return body
            return [x for x in body[:n] if not _is_label(x, words=HEADER_WORDS)] + body[n:]
    return body


def text_article(*, text: str) -> ParsedEntry:
    """The title is the first line at the top that is not page furniture ("Skip to content", a
    byline, a date, a section label), or a genre and the headline on one line ("Opinion | ...",
    kept whole); when that line is a lede, a title is derived from it and
    the lede stays in the body. The furniture above the title is left out of the body (the
    original file is stored as it came); a title printed twice is dropped by the cleaner."""
    lines = lines_of(text)
    if not lines:
        raise ArticleFileError("the file is empty")
    n = _title_line(lines)
    if n is None or n == len(lines) - 1:
        n = 0
    first, rest = lines[n], _without_masthead(lines[:n], lines[n + 1 :])
    if _is_lede(first) and not _is_kicker_headline(first):
        title, body = title_shorten(first, limit=100), "\n".join([first, *rest])
    else:
        title, body = first, "\n".join(rest)
    if not body.strip():
        raise ArticleFileError("the file has a title but no text")
    return ParsedEntry(
        title=title, content=body, content_type="text/plain", published=page_date(lines)
    )


DATE_SCAN = TITLE_SCAN + 4  # lines at the top of a .txt file searched for its date line
# A page date line's month: any word that starts with a month's first three letters.
_MONTH = rf"(?:{'|'.join(month[:3] for month in MONTHS)})[a-z]*\.?"
# Named months; no \b after the year: a pasted page may glue the time to it ("June 4,
# 20252:48 PM PDT"). Numeric dates: ISO, day.month.year (European pages), month/day/year (US;
# day/month when the first number cannot be a month).
_PAGE_DATES = (
    ("mdy", re.compile(rf"(?i:\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}}),?\s+{YEAR})")),
    ("dmy", re.compile(rf"(?i:\b(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH}),?\s+{YEAR})")),
    ("iso", re.compile(rf"\b{YEAR}-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("dots", re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)?\d\d)\b")),
    ("slashes", re.compile(r"\b(?P<month>[0-3]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)\b")),
)
_DATE_LABEL = re.compile(r"(?i:^(?:first\s+)?(?:posted|published|updated)\b)")


def page_date(lines: list[str]) -> dt.datetime | None:
    """The date of a pasted page: the first date with its year on a date line at the top
    ("Updated 11:42 AM GMT, November 4, 2025", "Mon 9 Jun 2025 17.45 BST", "10.05.24 | 09:14",
    "Posted on November 6, 2025 by ..."), as midnight UTC of that day; None when the top holds
    none. A date in a sentence of the article is not the page's."""
    for line in lines[:DATE_SCAN]:
        if len(line) > 120 or not (_DATE_LABEL.match(line) or is_timestamp(line)):
            continue
        for kind, pattern in _PAGE_DATES:
            m = pattern.search(line)
            day = _matched_day(kind, m) if m else None
            if day is not None:
                return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    return None


def _matched_day(kind: str, m: re.Match[str]) -> dt.date | None:
    year, day = int(m["year"]), int(m["day"])
    month = month_number(m["month"][:3]) if kind in {"mdy", "dmy"} else int(m["month"])
    if kind == "slashes" and month > 12:
        month, day = day, month
    return day_or_none(year + 2000 if year < 100 else year, month, day)


def _date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def html_article(*, html: str, url: str = "") -> ParsedEntry:
    """The main text of a whole HTML page (trafilatura), with its title, date, author and URL."""
    doc = trafilatura.bare_extraction(
        html, url=url or None, with_metadata=True, include_comments=False, include_tables=True
    )
    if doc is None:
        raise ArticleFileError("no article text found in the page")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    if not text.strip():
        raise ArticleFileError("no article text found in the page")
    title, sitename = (data.get("title") or "").strip(), (data.get("sitename") or "").strip()
    if not title or (sitename and line_key(title) == line_key(sitename)):
        lines = lines_of(text)  # no title, or only the site's name: the text's headline or lede
        title = title_shorten(lines[_title_line(lines) or 0], limit=100)
    return ParsedEntry(
        title=title,
        link=(data.get("url") or url or "").strip(),
        author=(data.get("author") or "").strip(),
        published=_date(data.get("date")),
        content=text,
        content_type="text/plain",
        summary=sitename,
    )


def article_file_read(*, path: Path) -> tuple[ParsedEntry, str]:
    """(entry, original) for one article file."""
    data = path.read_bytes()
    text = bytes_decode(data)
    if path.suffix.lower() in HTML_SUFFIXES:
        return html_article(html=text), text
    return text_article(text=text), text


def article_files(*, directory: Path) -> list[Path]:
    """Article files under a directory, in a stable order (hidden files skipped)."""
    return sorted(
        p
        for p in directory.rglob("*")
        if p.is_file()
        and p.suffix.lower() in ARTICLE_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(directory).parts)
    )
