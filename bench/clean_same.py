"""Cleaning unchanged: this tree's cleaning gives byte-identical output to a git ref's, and how fast.

The cleaning modules (tracker/news/clean.py and furniture.py) of REF (default `main`; pass
`--against <ref>`) are loaded from git beside this tree's, and both clean the same bodies:
  * every article of the real-news corpus (tests/fixtures/realnews, as `ingest` reads the file)
    and of tests/fixtures/corpus, one source per folder;
  * bench/ingest.py's generated feed (BENCH_INGEST_ENTRIES entries, default 3000), one source,
    and the same entries once more with their HTML lightly damaged (unclosed tags, stray text
    before the first block, an attribute holding markup, nested blocks) to reach the HTML
    stripper's less usual paths.
Per source: sanitised HTML, text lines and keys (`body_read`), repeated keys, clean HTML, text
and hash (`body_clean`), and `html_strip` without the text's verdicts. Any difference is printed
and the script exits 1. Then each side's seconds for reading and cleaning the bench feed, the
ratio against REF's in the same run. Run: `.venv/bin/python bench/clean_same.py [--against REF]`.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _bench  # noqa: E402  (puts the repository on sys.path)
from _bench import note, result  # noqa: E402
from _newsfeed import feed_generate  # noqa: E402

N_ENTRIES = int(os.environ.get("BENCH_INGEST_ENTRIES", "3000"))
MODULES = ("furniture", "clean")


def modules_at(ref: str) -> types.ModuleType:
    """REF's clean module (with REF's furniture beside it), loaded under another name."""
    package = f"_clean_at_{abs(hash(ref))}"
    pkg = types.ModuleType(package)
    pkg.__path__ = []
    sys.modules[package] = pkg
    for name in MODULES:
        source = subprocess.run(
            ["git", "-C", str(_bench.REPO), "show", f"{ref}:tracker/news/{name}.py"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        source = source.replace("tracker.news.furniture", f"{package}.furniture")
        spec = importlib.util.spec_from_loader(f"{package}.{name}", loader=None)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        exec(compile(source, f"{ref}:tracker/news/{name}.py", "exec"), module.__dict__)  # noqa: S102
    return sys.modules[f"{package}.clean"]


def corpus_sources() -> dict[str, list]:
    """The fixture articles as `ingest` reads them, one list of entries per folder."""
    from tracker.news.files import article_file_read, article_files

    fixtures = _bench.REPO / "tests/fixtures"
    folders = sorted(p for p in (fixtures / "realnews").iterdir() if p.is_dir())
    folders.append(fixtures / "corpus")
    out = {}
    for folder in folders:
        out[folder.name] = [article_file_read(path=p)[0] for p in article_files(directory=folder)]
    return out


def _damaged(content: str, n: int) -> str:
    """The entry's HTML with a few of the shapes real feeds send."""
    shapes = (
        lambda c: "Lead text before any block " + c,
        lambda c: c.replace("</p>", "", 2),
        lambda c: c.replace("<p>", '<p><a title="<p>x</p>" href="/rel?a=1&b=2">link</a> ', 1),
        lambda c: "<div><blockquote>" + c + "</blockquote>Tail text</div>",
        lambda c: c.replace("<ul>", "<ul><li><p>Nested block</p></li>", 1) + "<br>after<br>",
        lambda c: c + "<p>Comments</p><p>Reader one says hello.</p>",
    )
    return shapes[n % len(shapes)](content)


def feed_sources(tmp: Path) -> dict[str, list]:
    from tracker.news.parse import ParsedEntry, feed_parse

    path = tmp / "bench-feed.xml"
    feed_generate(path, n=N_ENTRIES)
    entries = feed_parse(data=path.read_bytes()).entries
    damaged = [
        ParsedEntry(title=e.title, link=e.link, content=_damaged(e.content, n))
        for n, e in enumerate(entries)
    ]
    return {"bench-feed": entries, "bench-feed-damaged": damaged}


def clean_all(module, entries: list) -> list:
    """Everything cleaning derives from the entries of one source, in comparable form."""
    bodies = [
        module.body_read(content=e.content, content_type=e.content_type, base_url=e.link)
        for e in entries
    ]
    repeated = module.repeated_keys(bodies)
    out = [("repeated", sorted(repeated))]
    for entry, body in zip(entries, bodies, strict=True):
        title = module.title_clean(entry.title) or "(untitled)"
        cleaned = module.body_clean(body, title=title, repeated=repeated)
        stripped = module.html_strip(body.html, title=title, repeated=repeated)
        out.append((body.html, body.lines, body.keys, cleaned.html, cleaned.text, stripped))
        out.append(cleaned.content_hash)
    return out


def _seconds(module, entries: list) -> float:
    module.is_furniture.cache_clear()  # as a worker meets a feed's lines the first time
    start = time.process_time()
    clean_all(module, entries)
    return time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--against", default="main", help="git ref to compare with (main)")
    args = parser.parse_args()
    _bench.django_setup()
    from tracker.news import clean as ours

    try:
        theirs = modules_at(args.against)
    except subprocess.CalledProcessError as exc:
        note(f"cannot read {args.against}'s cleaning from git ({exc.stderr.strip()}): skipped")
        return 0
    sources = {**corpus_sources(), **feed_sources(Path(tempfile.mkdtemp(prefix="clean-same-")))}
    differ = 0
    for name, entries in sources.items():
        mine, ref = clean_all(ours, entries), clean_all(theirs, entries)
        bad = [n for n, (a, b) in enumerate(zip(mine, ref, strict=True)) if a != b]
        differ += len(bad)
        if bad:
            print(f"DIFFERENT {name}: {len(bad)} of {len(mine)} items, first {mine[bad[0]]!r} "
                  f"!= {ref[bad[0]]!r}")  # fmt: skip
    total = sum(len(e) for e in sources.values())
    note(f"{total} entries in {len(sources)} sources compared with {args.against}: {differ} differ")
    result("clean_differences", differ, "items")
    bench = sources["bench-feed"]
    ref_s = min(_seconds(theirs, bench) for _ in range(2))
    ours_s = min(_seconds(ours, bench) for _ in range(2))
    note(f"load average {os.getloadavg()[0]:.2f}; CPU seconds over {len(bench)} entries")
    result(f"clean_{args.against}_entries_per_s", len(bench) / ref_s, "entries/s")
    result(
        "clean_entries_per_s",
        len(bench) / ours_s,
        "entries/s",
        baseline=f"clean_{args.against}_entries_per_s",
        ratio=ref_s / ours_s,
    )
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
