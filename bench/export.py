"""Benchmark: exporting 100,000 links through the real export view vs a raw DB cursor.

    .venv/bin/python bench/export.py [--links 100000] [--keep]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker_api .venv/bin/python bench/export.py

Builds a fresh database (a temp SQLite file, or a `<name>_bench` database next to DATABASE_URL's),
bulk-creates articles, parties, links and one evidence quote per link, then in the same run:
- streams /api/v1/export/links.{ndjson,csv} through Django's test Client (middleware, auth,
  filters, the view's generator) and counts the rows that come out;
- dumps the same rows with one raw cursor query (links joined to their target and evidence),
  fetchmany(), building the same objects with the same encoders (no ORM, no view, no
  formula guard): the baseline;
and prints rows/s, the ratio to the raw cursor (goal >= 0.3x) and the peak memory traced while
each export ran and how far the process's resident set rose (goal: growth < 50 MB however
many rows).

Then the articles export of a case (CSV and NDJSON) at two sizes: one case has a tenth of the articles filed
under it, another all of them (each article also linked to parties, so membership is "filed
or linked"). Rows/s of the big case over the small one's is 1.0 when the export is linear in
rows (it fell with size while each chunk evaluated the whole membership again), and the traced
peak of each shows memory does not grow with the rows.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(tmp: Path) -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    os.environ["TRACKER_VAR_DIR"] = str(tmp)
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver"  # Django's test Client's host
    os.environ["TRACKER_THROTTLE_ANON"] = "100000/minute"
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        base, _, name = url.rpartition("/")
        os.environ["DATABASE_URL"] = f"{base}/{name.split('?')[0]}_bench"
        kind = "postgresql"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
        kind = "sqlite"
    import django

    django.setup()
    return kind


def create_postgres_db() -> None:
    from django.db import connection

    name = connection.settings_dict["NAME"]
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')


def cases_file(n_articles: int) -> tuple[str, str]:
    """Two cases: a tenth of the articles filed under "small", all of them under "big"."""
    from tracker.cases.models import Case
    from tracker.linking.membership import memberships_refresh
    from tracker.news.models import Article

    small = Case.objects.create(slug="small", title="A case with a tenth of the articles")
    big = Case.objects.create(slug="big", title="A case with every article")
    through = Article.cases.through
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True)[:n_articles])
    for at in range(0, len(ids), 5000):
        chunk = ids[at : at + 5000]
        rows = [through(article_id=pk, case_id=big.pk) for pk in chunk]
        rows += [through(article_id=pk, case_id=small.pk) for pk in chunk if pk % 10 == 0]
        through.objects.bulk_create(rows)
        memberships_refresh(chunk)  # bulk writes send no signal: record the filings
    return small.slug, big.slug


def case_dump(slug: str):
    """The articles export of one case through the real view; returns (rows, bytes)."""

    def dump(fmt: str) -> tuple[int, int]:
        from django.test import Client

        response = Client().get(f"/api/v1/export/articles.{fmt}", {"case": slug})
        assert response.status_code == 200, response.status_code
        rows = size = 0
        for piece in response.streaming_content:
            rows += piece.count(b"\n")
            size += len(piece)
        response.close()
        return rows - (fmt == "csv"), size

    return dump


def result(name: str, value: float, unit: str, **extra: object) -> None:
    tail = "".join(f" {k}={v}" for k, v in extra.items())
    print(f"RESULT {name}={value:.4g} {unit}{tail}", flush=True)


def case_exports(n_articles: int, repeat: int) -> None:
    small, big = cases_file(n_articles)
    print()
    print(f"{'case export':<25}{'rows':>9}{'seconds':>9}{'rows/s':>10}{'peak MB':>9}{'RSS +MB':>9}")
    for fmt in ("csv", "ndjson"):
        rates = {}
        for slug in (small, big):
            got = measure(case_dump(slug), fmt, repeat)
            rates[slug] = got["rows"] / got["seconds"]
            print(
                f"{f'articles.{fmt}?case={slug}':<25}{got['rows']:>9,}{got['seconds']:>9.2f}"
                f"{rates[slug]:>10,.0f}{got['peak_mb']:>9.1f}{got['rss_mb']:>9.1f}"
            )
            name = f"export_case_{slug}" + ("" if fmt == "csv" else f"_{fmt}")
            result(f"{name}_rows_per_s", rates[slug], "rows/s", rows=got["rows"])
            result(f"{name}_peak_mb", got["peak_mb"], "MB")
            result(f"{name}_rss_growth_mb", got["rss_mb"], "MB")
        result(
            "export_case_linearity" + ("" if fmt == "csv" else f"_{fmt}"),
            rates[big] / rates[small],
            "x",
            note="rows/s of the big case over the small one's; 1.0 = linear",
        )
    print("NOTE articles export of a case filed with 1/10 and all of the articles", flush=True)


def links_linearity(n_links: int, repeat: int) -> None:
    """The links export of one party's links (a tenth) against all of them, in the same run, so
    the machine's load cancels: rows/s of all over the tenth's is 1.0 when the export is linear
    in rows, and the traced peak stays that of one chunk."""
    print()
    print(
        f"{'links export':<25}{'rows':>9}{'seconds':>9}{'rows/s':>10}{'peak MB':>9}{'RSS +MB':>9}"
    )
    for fmt in ("ndjson", "csv"):
        rates = {}
        for label, params in (("tenth", {"party": "party-0"}), ("all", {})):
            got = measure(lambda fmt, params=params: view_dump(fmt, params), fmt, repeat)
            rates[label] = got["rows"] / got["seconds"]
            print(
                f"{f'links.{fmt} {label}':<25}{got['rows']:>9,}{got['seconds']:>9.2f}"
                f"{rates[label]:>10,.0f}{got['peak_mb']:>9.1f}{got['rss_mb']:>9.1f}"
            )
        assert got["rows"] == n_links, got["rows"]
        result(
            f"export_links_linearity_{fmt}",
            rates["all"] / rates["tenth"],
            "x",
            note=f"rows/s of all {n_links:,} links over one party's tenth; 1.0 = linear",
        )


def populate(n_links: int, per_article: int = 10) -> None:
    from django.utils import timezone

    from tracker.cases.models import Party
    from tracker.linking.models import Evidence, Link
    from tracker.news.models import Article

    text = "On Thursday, =SUM(A1) Acme said the rival had partly used its models, a claim. " * 3
    parties = Party.objects.bulk_create(
        [
            Party(name=f"Party {i}", slug=f"party-{i}", kind="organization")
            for i in range(per_article)
        ]
    )
    n_articles = n_links // per_article
    now = timezone.now()
    batch = 2000
    for first in range(0, n_articles, batch):
        articles = Article.objects.bulk_create(
            [
                Article(
                    source_key="bench",
                    entry_key=f"id:{i}",
                    identity=hashlib.sha256(f"bench\n{i}".encode()).hexdigest(),
                    url=f"https://news.example.org/{i}",
                    title=f"Article {i}: Acme and the rival",
                    source="Example News",
                    published=now,
                    text=text,
                    content_hash=hashlib.sha256(text.encode()).hexdigest(),
                )
                for i in range(first, min(first + batch, n_articles))
            ]
        )
        links = Link.objects.bulk_create(
            [
                Link(
                    article=article,
                    target_type="party",
                    party=party,
                    status=("suggested", "accepted", "rejected")[(article.pk + party.pk) % 3],
                    confidence=0.75,
                )
                for article in articles
                for party in parties
            ]
        )
        Evidence.objects.bulk_create(
            [
                Evidence(
                    link=link,
                    exact="Acme",
                    prefix="On Thursday, =SUM(A1) ",
                    suffix=" said",
                    start=22,
                    end=26,
                )
                for link in links
            ]
        )


RAW_SQL = """
SELECT l.id, l.article_id, l.target_type, p.name, l.status, l.origin, l.confidence,
       e.exact, e.prefix, e.suffix, e.start, e."end", l.stale, l.version, u.username,
       l.reviewed_at
FROM linking_link l
LEFT JOIN cases_party p ON p.id = l.party_id
LEFT JOIN linking_evidence e ON e.link_id = l.id
LEFT JOIN auth_user u ON u.id = l.reviewed_by_id
ORDER BY l.id, e.start
"""
CSV_COLUMNS = (
    "id", "article", "target_type", "target", "status", "origin", "confidence", "evidence",
    "evidence_spans", "stale", "version", "reviewed_by", "reviewed_at",
)  # fmt: skip


def raw_rows(cursor) -> list[dict]:
    """One fetchmany() of RAW_SQL as the export's objects (evidence rows folded per link).

    A link whose evidence straddles two fetches is split in two; fine for a baseline."""
    out: list[dict] = []
    for (pk, article, kind, target, status, origin, confidence, exact, prefix, suffix, start,
         end, stale, version, reviewer, reviewed_at) in cursor.fetchmany(2000):  # fmt: skip
        quote = {"exact": exact, "prefix": prefix, "suffix": suffix, "start": start, "end": end}
        if out and out[-1]["id"] == pk:
            out[-1]["evidence"].append(quote)
            continue
        out.append(
            {
                "id": pk, "target_type": kind, "target": target, "status": status,
                "origin": origin, "confidence": confidence,
                "evidence": [quote] if exact is not None else [], "article": article,
                "stale": bool(stale), "version": version, "reviewed_by": reviewer,
                "reviewed_at": reviewed_at and str(reviewed_at),
            }
        )  # fmt: skip
    return out


def raw_dump(fmt: str) -> tuple[int, int]:
    """The baseline: one raw query, fetchmany, the same objects and encoders as the export;
    returns (rows, bytes)."""
    from django.db import connection

    rows = size = 0
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(RAW_SQL)
        while True:
            chunk = raw_rows(cursor)
            if not chunk:
                break
            if fmt == "ndjson":
                out = "".join(dumps(row) + "\n" for row in chunk)
            else:
                for row in chunk:
                    ev = row["evidence"]
                    writer.writerow(
                        [row["id"], row["article"], row["target_type"], row["target"],
                         row["status"], row["origin"], row["confidence"],
                         " | ".join(e["exact"] for e in ev),
                         " ".join(f"{e['start']}-{e['end']}" for e in ev), row["stale"],
                         row["version"], row["reviewed_by"], row["reviewed_at"]]
                    )  # fmt: skip
                out = buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
            rows += len(chunk)
            size += len(out)
    return rows, size


def view_dump(fmt: str, params: dict | None = None) -> tuple[int, int]:
    """Through the real view, middleware and all; returns (rows, bytes)."""
    from django.http import StreamingHttpResponse
    from django.test import Client

    response = Client().get(f"/api/v1/export/links.{fmt}", params or {})
    assert response.status_code == 200, response.status_code
    assert isinstance(response, StreamingHttpResponse)
    rows = size = 0
    for piece in response.streaming_content:
        rows += piece.count(b"\n")
        size += len(piece)
    response.close()
    return rows - (fmt == "csv"), size


def measure(fn, fmt: str, repeat: int) -> dict:
    """Best wall time of `repeat` runs (the machine may be shared), then one traced run.

    Two memory figures: the peak of Python's allocations while the export ran (tracemalloc),
    and how far the process's resident set rose above where it stood before the run (its
    high-water mark, reset first: what the server would grow by, the database driver's and
    SQLite's own buffers included), measured on the first, untraced run."""
    seconds = float("inf")
    rss = None
    for _ in range(repeat):
        before = _rss_reset()
        start = time.perf_counter()
        rows, size = fn(fmt)
        seconds = min(seconds, time.perf_counter() - start)
        if rss is None and before is not None:
            rss = (_status_kb("VmHWM") - before) / 1024
    tracemalloc.start()
    fn(fmt)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "rows": rows,
        "bytes": size,
        "seconds": seconds,
        "peak_mb": peak / 2**20,
        "rss_mb": float("nan") if rss is None else rss,
    }


def _status_kb(field: str) -> int:
    """A field of /proc/self/status in kB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def _rss_reset() -> int | None:
    """Reset the resident set's high-water mark to the current size (Linux: clear_refs 5);
    the current size in kB, None where that cannot be done."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return _status_kb("VmRSS")
    except (OSError, KeyError):
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="best of N timed runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as tmp:
        kind = setup_django(Path(tmp))
        from django.core.management import call_command
        from django.db import connection

        if kind == "postgresql":
            create_postgres_db()
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        populate(args.links)
        print(f"{kind}: {args.links:,} links created in {time.perf_counter() - started:.1f}s")
        print()
        header = (
            f"{'export':<14}{'rows':>9}{'MB':>8}{'seconds':>9}{'rows/s':>10}{'vs raw':>8}"
            f"{'peak MB':>9}{'RSS +MB':>9}"
        )
        print(header)
        print("-" * len(header))
        for fmt in ("ndjson", "csv"):
            raw = measure(raw_dump, fmt, args.repeat)
            view = measure(view_dump, fmt, args.repeat)
            assert view["rows"] == raw["rows"] == args.links, (view["rows"], raw["rows"])
            for name, result in ((f"raw {fmt}", raw), (f"view {fmt}", view)):
                rate = result["rows"] / result["seconds"]
                ratio = rate / (raw["rows"] / raw["seconds"])
                print(
                    f"{name:<14}{result['rows']:>9,}{result['bytes'] / 2**20:>8.1f}"
                    f"{result['seconds']:>9.2f}{rate:>10,.0f}{ratio:>7.2f}x{result['peak_mb']:>9.1f}"
                    f"{result['rss_mb']:>9.1f}"
                )
            key = f"export_links_{fmt}"
            print(f"RESULT {key}_raw_rows_per_s={raw['rows'] / raw['seconds']:.4g} rows/s")
            print(
                f"RESULT {key}_rows_per_s={view['rows'] / view['seconds']:.4g} rows/s "
                f"baseline={key}_raw_rows_per_s"
            )
            print(f"RESULT {key}_peak_mb={view['peak_mb']:.3g} MB")
            print(f"RESULT {key}_rss_growth_mb={view['rss_mb']:.3g} MB", flush=True)
        links_linearity(args.links, args.repeat)
        case_exports(args.links // 10, args.repeat)
        print()
        print("goal: view >= 0.30x the raw cursor; the view's peak and RSS growth < 50 MB")
        if kind == "postgresql":
            connection.close()
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{connection.settings_dict["NAME"]}"')


if __name__ == "__main__":
    main()
