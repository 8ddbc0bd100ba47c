"""The user's query, parsed once: words, "phrases", OR and -exclusions.

`fts5_match` turns it into FTS5 syntax in which every term is a quoted string, so no input can
produce an FTS5 syntax error or reach SQL (the match expression is also a bound parameter);
`tsquery_text` does the same for PostgreSQL's to_tsquery.
`mark_snippet` escapes a snippet first, then wraps the engine's match markers in <mark>.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

START, STOP = "\x02", "\x03"
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 32


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or a phrase
    prefix: bool = False  # word* : match words starting with it


@dataclass
class Query:
    groups: list[list[Term]] = field(default_factory=list)  # AND of ORs
    excluded: list[Term] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.groups

    def words(self) -> list[str]:
        return [w for group in self.groups for term in group for w in term.words]


def query_parse(q: str) -> Query:
    """Parse web-search syntax: words, "quoted phrases", OR, -word, -"phrase", word*."""
    query = Query()
    pending_or = False
    count = 0
    for match in _TOKEN.finditer(q or ""):
        if count >= MAX_TERMS:
            break
        negated, phrase, bare = match.group(1), match.group(2), match.group(3)
        prefix = False
        if phrase is None:
            if bare == "OR":
                pending_or = bool(query.groups)
                continue
            negated = "-" if bare.startswith("-") and len(bare) > 1 else ""
            prefix = bare.endswith("*")
            text = bare.lstrip("-")
        else:
            text = phrase
        words = tuple(w.lower() for w in _WORD.findall(text))
        if not words:
            continue
        count += 1
        term = Term(words, prefix=prefix and len(words) == 1)
        if negated:
            query.excluded.append(term)
        elif pending_or:
            query.groups[-1].append(term)
        else:
            query.groups.append([term])
        pending_or = False
    return query


def _fts5_term(term: Term) -> str:
    quoted = '"' + " ".join(term.words).replace('"', '""') + '"'
    return quoted + ("*" if term.prefix else "")


def fts5_match(query: Query) -> str:
    """The FTS5 MATCH expression for a parsed query ("" when it has no positive term)."""
    if query.empty:
        return ""
    parts = []
    for group in query.groups:
        alts = [_fts5_term(t) for t in group]
        parts.append(alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")")
    expression = " AND ".join(parts)
    for term in query.excluded:
        expression = f"({expression}) NOT {_fts5_term(term)}"
    return expression


def _tsquery_term(term: Term) -> str:
    # Every word is \w+ (no quote, backslash or operator can be in one), quoted all the same.
    words = [f"'{word}'" for word in term.words]
    if len(words) > 1:
        return "(" + " <-> ".join(words) + ")"
    return words[0] + (":*" if term.prefix else "")


def tsquery_text(query: Query) -> str:
    """The query in PostgreSQL to_tsquery syntax ("" when it has no positive term): the same
    AND of ORs, phrases, word* prefixes and exclusions as `fts5_match`, so both databases
    find the same articles (websearch_to_tsquery knows no prefix: `zep*` found nothing)."""
    if query.empty:
        return ""
    parts = []
    for group in query.groups:
        alts = [_tsquery_term(t) for t in group]
        parts.append(alts[0] if len(alts) == 1 else "(" + " | ".join(alts) + ")")
    parts += [f"!{_tsquery_term(term)}" for term in query.excluded]
    return " & ".join(parts)


def mark_snippet(snippet: str | None) -> SafeString:
    """Escape the snippet, then turn START/STOP markers into balanced <mark> elements."""
    out: list[str] = []
    inside = False
    for piece in re.split(f"([{START}{STOP}])", snippet or ""):
        if piece == START:
            if not inside:
                out.append("<mark>")
                inside = True
        elif piece == STOP:
            if inside:
                out.append("</mark>")
                inside = False
        elif piece:
            out.append(escape(piece))
    if inside:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308 - every text piece is escaped above


def highlight_words(text: str, words: list[str]) -> SafeString:
    """Escape `text`, marking whole-word occurrences of `words` (for titles, events, parties)."""
    stems = sorted({w for w in words if w}, key=len, reverse=True)
    if not stems or not text:
        return mark_safe(escape(text or ""))  # noqa: S308 - escaped
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in stems) + r")\w*", re.I)
    marked = pattern.sub(
        lambda m: f"{START}{m.group(0)}{STOP}", text.replace(START, "").replace(STOP, "")
    )
    return mark_snippet(marked)
