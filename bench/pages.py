"""Pages and search against baselines measured in the same process, through Django's test Client.

    python bench/pages.py [--articles 1000] [-n 50]

Seeds the demo case and --articles articles (bench/_seed.py) into a throwaway database, then
times N requests of each page and of its baseline: a trivial view (the same middleware, no
query) for pages, and a primary-key lookup view for search. Prints RESULT lines with the ratios.
Pages that do not exist yet (404) are reported as NOTE lines and skipped.
"""

from __future__ import annotations

import argparse

import _bench
from _bench import compare, note, timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("-n", type=int, default=50, help="requests per URL")
    args = parser.parse_args()

    with _bench.test_database(label="pages") as db:
        import _seed
        from django.conf import settings
        from django.test import Client
        from django.test.utils import override_settings

        note(f"database {db}; {args.articles} articles; {args.n} requests per URL")
        case = _seed.demo_case_load()
        ids = _seed.articles_seed(case=case, n=args.articles)
        _seed.search_index(ids)
        article_id = ids[len(ids) // 2]
        client = Client()

        def get(url: str):
            return lambda: client.get(url)

        with override_settings(ROOT_URLCONF="_urls", DEBUG=False):
            settings.ALLOWED_HOSTS = ["testserver"]
            trivial = timings(get("/__bench/trivial/"), n=args.n)
            pk = timings(get(f"/__bench/article/{article_id}/"), n=args.n)
            subjects = [
                ("timeline", f"/cases/{case.slug}/", "trivial_view", trivial),
                ("home", "/", "trivial_view", trivial),
                ("article_page", f"/articles/{article_id}/", "trivial_view", trivial),
                ("positions_page", f"/cases/{case.slug}/positions/", "trivial_view", trivial),
                ("search_page", "/search/?q=distillation", "pk_lookup_view", pk),
                ("api_articles", f"/api/v1/articles/?case={case.slug}", "trivial_view", trivial),
                ("atom_feed", f"/cases/{case.slug}/feed.atom", "trivial_view", trivial),
            ]
            for name, url, base_name, base in subjects:
                status = client.get(url).status_code
                if status != 200:
                    note(f"{name}: {url} answered {status}; not measured")
                    continue
                compare(f"{name}_ms", timings(get(url), n=args.n), f"{base_name}_ms", base)
        _search_selector(case, article_id, args.n)


def _search_selector(case, article_id: int, n: int) -> None:
    """tracker.search.selectors.search(q) against Article.objects.get(pk=...), if it exists."""
    try:
        from tracker.search.selectors import search
    except ImportError:
        note("tracker.search.selectors.search does not exist yet; selector not measured")
        return
    from tracker.news.models import Article

    def run_search():
        found = search(q="distillation")
        return list(found[:20]) if hasattr(found, "__getitem__") else found

    def lookup():
        return Article.objects.only("id", "title").get(pk=article_id)

    compare("search_selector_ms", timings(run_search, n=n), "pk_get_ms", timings(lookup, n=n))


if __name__ == "__main__":
    main()
