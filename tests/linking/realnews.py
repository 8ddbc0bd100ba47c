"""The real-news corpus (tests/fixtures/realnews): read it, check it, ingest it as production does.

Every dispute folder holds a case file, articles and a gold file; `decoys/` holds unrelated news
that names the same companies (README.md in the corpus describes the format). `corpus_ingest`
loads each case file with the real loader and gives every article to the real ingest service:
`via: file` articles as the files they are, `via: feed` articles wrapped into one generated RSS
feed per outlet per dispute. Ingest then cleans, clusters and links them as it would in
production; tests/linking/realnews_score.py compares the result with the gold labels.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import json
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from tracker.cases.casefile import casefile_load_path
from tracker.linking.matcher import matcher_invalidate
from tracker.news.models import Article
from tracker.news.services import source_ingest

REALNEWS = Path(__file__).resolve().parents[1] / "fixtures" / "realnews"
DECOYS = "decoys"
STANCES = {"supports", "opposes", "mixed", "neutral"}


@dataclass
class Gold:
    """One article of the corpus and its labels; `key` is "<folder>/<file name>"."""

    key: str
    folder: str
    path: Path
    labels: dict

    @property
    def input(self) -> dict:
        return self.labels["input"]

    @property
    def via(self) -> str:
        return self.input["via"]

    @property
    def raw(self) -> str:
        return self.path.read_text(encoding="utf-8")


@dataclass
class Corpus:
    articles: list[Gold]
    cases: dict[str, dict] = field(default_factory=dict)  # slug -> case file

    @property
    def by_key(self) -> dict[str, Gold]:
        return {g.key: g for g in self.articles}


def corpus_read(root: Path = REALNEWS) -> Corpus:
    """Every folder with a gold.json, in name order; a folder with a case.json is a dispute."""
    corpus = Corpus(articles=[])
    for folder in sorted(p for p in root.iterdir() if (p / "gold.json").exists()):
        if (folder / "case.json").exists():
            case = json.loads((folder / "case.json").read_text(encoding="utf-8"))
            corpus.cases[case["slug"]] = case
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        for name, labels in sorted(gold["articles"].items()):
            corpus.articles.append(
                Gold(f"{folder.name}/{name}", folder.name, folder / name, labels)
            )
    return corpus


# --- what an article's text is, line by line -------------------------------------------------

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "blockquote"}


class _Blocks(HTMLParser):
    """The text of each block element of a page (scripts and styles skipped)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._depth = 0
        self._skip = 0
        self._buf: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in {"script", "style", "head"}:
            self._skip += 1
        elif tag in _BLOCKS:
            self._flush()
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "head"}:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS and self._depth:
            self._flush()
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth and not self._skip:
            self._buf.append(data)

    def _flush(self) -> None:
        text = norm("".join(self._buf))
        if text:
            self.blocks.append(text)
        self._buf = []


def norm(text: str) -> str:
    """Whitespace collapsed, typographic quotes and dashes made plain."""
    text = text.translate(
        str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
    )
    return re.sub(r"\s+", " ", text).strip()


def article_lines(gold: Gold) -> list[str]:
    """The lines of the input a reader sees: a .txt's lines, a page's block elements."""
    if gold.path.suffix == ".html":
        parser = _Blocks()
        parser.feed(gold.raw)
        return parser.blocks
    return [norm(line) for line in gold.raw.splitlines() if line.strip()]


def body_lines(gold: Gold) -> list[str]:
    """Lines that must survive cleaning: neither furniture nor the headline."""
    furniture = {norm(f) for f in gold.labels["furniture"]}
    title = norm(gold.labels["title"])
    return [line for line in article_lines(gold) if line not in furniture and line != title]


# --- generated feeds --------------------------------------------------------------------------


def _item(gold: Gold) -> str:
    inp = gold.input
    raw = gold.raw
    if gold.path.suffix == ".html":
        content = raw
    else:
        content = "".join(
            f"<p>{html.escape(line.strip())}</p>" for line in raw.splitlines() if line.strip()
        )
    parts = [
        f"<title>{html.escape(inp['title'])}</title>",
        f"<link>{html.escape(inp['url'])}</link>",
        f"<guid>{html.escape(inp['url'])}</guid>",
        f"<content:encoded><![CDATA[{content}]]></content:encoded>",
    ]
    if inp.get("published"):
        when = dt.datetime.fromisoformat(inp["published"].replace("Z", "+00:00"))
        parts.append(f"<pubDate>{email.utils.format_datetime(when)}</pubDate>")
    return "<item>" + "".join(parts) + "</item>"


def feed_xml(*, folder: str, source: str, items: list[Gold]) -> str:
    """An RSS 2.0 feed named after the outlet, one per outlet per dispute."""
    slug = re.sub(r"[^a-z0-9]+", "-", source.lower()).strip("-")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{html.escape(source)}</title>"
        f"<link>https://{slug}.example/feeds/{folder}</link>"
        f"<description>{html.escape(source)}</description>"
        + "".join(_item(g) for g in items)
        + "</channel></rss>\n"
    )


def corpus_stage(corpus: Corpus, tmp: Path) -> Path:
    """Lay the corpus out as ingest input: article files per folder, one feed per outlet."""
    out = tmp / "realnews"
    feeds: dict[tuple[str, str], list[Gold]] = {}
    for gold in corpus.articles:
        if gold.via == "feed":
            feeds.setdefault((gold.folder, gold.input["source"]), []).append(gold)
            continue
        target = out / gold.folder / gold.path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(gold.path, target)
    for n, ((folder, source), items) in enumerate(sorted(feeds.items())):
        path = out / folder / f"feed-{n:02d}.xml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(feed_xml(folder=folder, source=source, items=items), encoding="utf-8")
    return out


# --- ingest -------------------------------------------------------------------------------------


@dataclass
class Ingested:
    ids: dict[str, int]  # gold key -> article id
    errors: list[dict]


def corpus_ingest(corpus: Corpus, *, tmp: Path) -> Ingested:
    """Load every case file, then ingest the whole corpus in one run, as `ingest DIR` would."""
    for folder in sorted({g.folder for g in corpus.articles}):
        if (REALNEWS / folder / "case.json").exists():
            casefile_load_path(path=str(REALNEWS / folder / "case.json"))
    matcher_invalidate()
    report = source_ingest(source=str(corpus_stage(corpus, tmp)))
    articles = Article.objects.filter(pk__in=report.changed_ids).only("id", "url", "original")
    by_url = {a.url: a.id for a in articles if a.url}
    by_original = {a.original: a.id for a in articles}
    ids = {}
    for gold in corpus.articles:
        found = by_url.get(gold.input["url"]) if gold.via == "feed" else by_original.get(gold.raw)
        if found is not None:
            ids[gold.key] = found
    return Ingested(ids=ids, errors=report.errors)


# --- the gold file's own consistency ------------------------------------------------------------


def gold_problems(corpus: Corpus) -> list[str]:
    """What is wrong with the labels themselves (a quote not in the article, an unknown slug...)."""
    problems: list[str] = []
    for gold in corpus.articles:
        problems += [f"{gold.key}: {p}" for p in _article_problems(gold, corpus)]
    return problems


def _party_names(corpus: Corpus) -> dict[str, str]:
    """Every name and alias of every case file's parties -> the party's name."""
    return {
        name: party["name"]
        for case in corpus.cases.values()
        for party in case["parties"]
        for name in [party["name"], *party.get("aliases", [])]
    }


def _named_parties(body: str, names: dict[str, str]) -> set[str]:
    """The parties a text names, longest name first: a name inside a longer one is the longer
    name's party ("Universal Music Group" is not the party named "Universal")."""
    named = set()
    for name in sorted(names, key=len, reverse=True):
        pattern = rf"(?<!\w){re.escape(name)}(?!\w)"
        if re.search(pattern, body):
            named.add(names[name])
            body = re.sub(pattern, "\n", body)
    return named


def _article_problems(gold: Gold, corpus: Corpus) -> list[str]:
    labels, text = gold.labels, norm(gold.raw)
    problems = []
    inp = labels["input"]
    if inp.get("via") not in {"file", "feed"}:
        problems.append(f"input.via {inp.get('via')!r}")
    if inp.get("via") == "feed" and not inp.get("title"):
        problems.append("a feed article needs input.title")
    case = corpus.cases.get(labels["case"]) if labels["case"] else None
    if labels["case"] and case is None:
        problems.append(f"case {labels['case']!r} has no case.json")
    names = _party_names(corpus)
    problems += [
        f"party {p!r} is in no case file" for p in labels["parties"] if p not in names.values()
    ]
    named = _named_parties("\n".join(body_lines(gold)), names)
    problems += [
        f"names {p!r} but does not label it" for p in sorted(named - set(labels["parties"]))
    ]
    if case is not None:
        claims = {c["slug"] for c in case.get("claims", [])}
        issues = {i["slug"] for i in case.get("issues", [])}
        events = {e["title"] for e in case.get("events", [])}
        problems += [f"claim {c!r}" for c in labels["claims"] if c not in claims]
        problems += [f"issue {i!r}" for i in labels["issues"] if i not in issues]
        problems += [f"event {e!r}" for e in labels["events"] if e not in events]
    for pos in labels["positions"]:
        if pos["stance"] not in STANCES or pos["party"] not in labels["parties"]:
            problems.append(f"position {pos['party']}/{pos['stance']}")
        if pos["issue"] not in labels["issues"]:
            problems.append(f"position on {pos['issue']!r}, not one of the article's issues")
        if norm(pos["quote"]) not in text:
            problems.append(f"quote not in the article: {pos['quote'][:60]!r}")
    lines = set(article_lines(gold))
    page = norm(html.unescape(re.sub(r"<[^>]+>", "\n", gold.raw)))
    for item in labels["furniture"]:
        if norm(item) not in lines and not (gold.path.suffix == ".html" and norm(item) in page):
            problems.append(f"furniture not a line: {item!r}")
    return problems
