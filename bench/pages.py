"""Every page a user hits, against baselines measured in the same process (Django test Client).

    python bench/pages.py [--articles 1000] [-n 50]

Seeds the demo case and --articles articles (bench/_seed.py) into a throwaway database, then
times N requests of each page and of its baseline: a trivial view (the same middleware, no
query) for pages, and a primary-key lookup view for search. URLs come from
django.urls.reverse() and ids from the seeded database (never guessed). Prints p50 and p95
RESULT lines with ratios; a page that does not answer 200 is a NOTE line and is skipped.
"""

from __future__ import annotations

import argparse
import statistics

import _bench
from _bench import note, result, timings


def _pct(samples: list[float], q: int) -> float:
    if len(samples) < 2:
        return samples[0] * 1000
    return statistics.quantiles(samples, n=100, method="inclusive")[q - 1] * 1000


_printed: set[str] = set()


def report(name: str, samples: list[float], base_name: str, base: list[float]) -> None:
    """p50 and p95 in ms and req/s (one client, sequential), each with its baseline ratio."""
    figures = [
        ("p50_ms", _pct(samples, 50), _pct(base, 50), "ms"),
        ("p95_ms", _pct(samples, 95), _pct(base, 95), "ms"),
        ("rps", len(samples) / sum(samples), len(base) / sum(base), "req/s"),
    ]
    for suffix, value, base_value, unit in figures:
        bname = f"{base_name}_{suffix}"
        if bname not in _printed:
            _printed.add(bname)
            result(bname, base_value, unit)
        ratio = value / base_value if base_value else None
        result(f"{name}_{suffix}", value, unit, baseline=bname, ratio=ratio)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("-n", type=int, default=50, help="requests per URL")
    parser.add_argument(
        "--keep",
        metavar="DBNAME",
        help="PostgreSQL database kept between runs: seeded once, reused when it already holds "
        "--articles articles (100k takes long to seed)",
    )
    parser.add_argument("--only", nargs="*", help="measure only these pages (by name)")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="empty the cache before each request: the first view after a change to the case",
    )
    parser.add_argument("--seed-only", action="store_true", help="seed --keep's database, exit")
    args = parser.parse_args()

    database = _bench.kept_database(args.keep) if args.keep else _bench.test_database(label="pages")
    with database as db:
        from django.conf import settings
        from django.contrib.auth import get_user_model
        from django.core.cache import cache
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext, override_settings
        from django.urls import reverse

        from tracker.linking.models import Evidence
        from tracker.review.roles import roles_ensure

        note(f"database {db}; {args.articles} articles; {args.n} requests per URL")
        case, ids = _seeded(args.articles)
        if args.seed_only:
            return
        # An article that really has evidence, looked up rather than guessed.
        article_id = (
            Evidence.objects.filter(link__article_id__in=ids)
            .order_by("link__article_id")
            .values_list("link__article_id", flat=True)[len(ids) // 2 : len(ids) // 2 + 1]
            .first()
        ) or ids[len(ids) // 2]
        analyst = get_user_model().objects.filter(username="bench-analyst").first()
        analyst = analyst or get_user_model().objects.create_user("bench-analyst", password="x")
        analyst.groups.add(roles_ensure()["analyst"])
        anon, logged_in = Client(), Client()
        logged_in.force_login(analyst)

        def get(client, url: str):
            return lambda: client.get(url)

        def drain(client, url: str):
            def go():
                if args.cold:  # every request counts the case's coverage again
                    cache.clear()
                response = client.get(url)
                if response.streaming:
                    b"".join(response.streaming_content)
                return response

            return go

        with override_settings(ROOT_URLCONF="_urls", DEBUG=False):
            settings.ALLOWED_HOSTS = ["testserver"]
            slug = {"slug": case.slug}
            q = "?q=distillation"  # a common word: in most seeded articles
            party = case.parties.order_by("slug").values_list("slug", flat=True).first()
            trivial = timings(get(anon, "/__bench/trivial/"), n=args.n)
            trivial_in = timings(get(logged_in, "/__bench/trivial/"), n=args.n)
            pk = timings(get(anon, f"/__bench/article/{article_id}/"), n=args.n)
            subjects = [
                ("home", anon, reverse("web:home"), "trivial_view", trivial),
                ("timeline", anon, reverse("web:case", kwargs=slug), "trivial_view", trivial),
                (
                    "timeline_party",
                    anon,
                    reverse("web:case", kwargs=slug) + f"?party={party}",
                    "trivial_view",
                    trivial,
                ),
                ("positions", anon, reverse("web:positions", kwargs=slug), "trivial_view", trivial),
                (
                    "article_page",
                    anon,
                    reverse("web:article", kwargs={"pk": article_id}),
                    "trivial_view",
                    trivial,
                ),
                ("search_page", anon, reverse("search:search") + q, "pk_lookup_view", pk),
                (
                    "search_case",
                    anon,
                    reverse("search:search") + f"{q}&case={case.slug}",
                    "pk_lookup_view",
                    pk,
                ),
                (
                    "review_queue",
                    logged_in,
                    reverse("review:queue"),
                    "trivial_view_login",
                    trivial_in,
                ),
                (
                    "api_articles",
                    anon,
                    reverse("api:article-list") + f"?case={case.slug}",
                    "trivial_view",
                    trivial,
                ),
                (
                    "export_articles_csv",
                    anon,
                    reverse("api:export-articles-csv") + f"?case={case.slug}",
                    "trivial_view",
                    trivial,
                ),
                (
                    "export_links_ndjson",
                    anon,
                    reverse("api:export-links-ndjson") + f"?case={case.slug}",
                    "trivial_view",
                    trivial,
                ),
                (
                    "atom_feed",
                    anon,
                    reverse("feeds:case-atom", kwargs=slug),
                    "trivial_view",
                    trivial,
                ),
                (
                    "ical_feed",
                    anon,
                    reverse("feeds:case-ics", kwargs=slug),
                    "trivial_view",
                    trivial,
                ),
            ]
            for name, client, url, base_name, base in subjects:
                if args.only and name not in args.only:
                    continue
                with CaptureQueriesContext(connection) as queries:
                    status = drain(client, url)().status_code
                if status != 200:
                    note(f"{name}: {url} answered {status}; not measured")
                    continue
                note(f"{name}: {url} ({len(queries)} queries)")
                report(name, timings(drain(client, url), n=args.n), base_name, base)
        _search_selector(case, article_id, args.n)


def _seeded(n: int):
    """The demo case and n seeded articles: those already in a kept database, else new ones."""
    import _seed

    from tracker.cases.models import Case
    from tracker.news.models import Article

    case = Case.objects.filter(slug="musk-v-openai").first()
    if case is not None:
        ids = list(
            Article.objects.filter(source_key__startswith="bench:")
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if len(ids) >= n:
            return case, ids
        raise SystemExit(f"the kept database holds {len(ids)} articles, not {n}: drop it")
    case = _seed.demo_case_load()
    ids = _seed.articles_seed(case=case, n=n)
    _seed.search_index(ids)
    _seed.analyse()
    return case, ids


def _search_selector(case, article_id: int, n: int) -> None:
    """tracker.search.selectors.search(q=...) against Article.objects.get(pk=...)."""
    from tracker.news.models import Article
    from tracker.search.selectors import search

    def run_search():
        return search(q="distillation", case=case)

    def lookup():
        return Article.objects.only("id", "title").get(pk=article_id)

    report("search_selector", timings(run_search, n=n), "pk_get", timings(lookup, n=n))


if __name__ == "__main__":
    main()
