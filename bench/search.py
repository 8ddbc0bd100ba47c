"""/search/ on many articles (issue 18, finding 2): the queries an attacker used, timed against
a trivial view in the same process.

    python bench/search.py [--articles 30000] [-n 10]

Seeds the demo case and --articles articles (bench/_seed.py), indexes them with the search app's
own hook, then times N anonymous GETs of /search/?q=musk, /search/?q=a* (a prefix that matches
nearly every article) and the same two scoped to the case, each against the trivial view
(same middleware, no query). Prints median ms and the ratio, plus the search selector alone.
"""

# bench-timeout: 1200

from __future__ import annotations

import argparse

import _bench
from _bench import compare, note, timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=30000)
    parser.add_argument("-n", type=int, default=10, help="requests per URL")
    args = parser.parse_args()

    with _bench.test_database(label="search") as db:
        import _seed
        from django.conf import settings
        from django.test import Client
        from django.test.utils import override_settings
        from django.urls import reverse

        from tracker.search.selectors import search

        case = _seed.demo_case_load()
        ids = _seed.articles_seed(case=case, n=args.articles)
        _seed.search_index(ids)
        note(f"database {db}; {len(ids)} articles indexed; {args.n} requests per URL")
        client = Client()
        with override_settings(ROOT_URLCONF="_urls", DEBUG=False):
            settings.ALLOWED_HOSTS = ["testserver"]
            base = timings(lambda: client.get("/__bench/trivial/"), n=args.n)
            page = reverse("search:search")
            for name, params in (
                ("search_musk", {"q": "musk"}),
                ("search_prefix_a", {"q": "a*"}),
                ("search_musk_in_case", {"q": "musk", "case": case.slug}),
                ("search_prefix_a_in_case", {"q": "a*", "case": case.slug}),
            ):
                status = client.get(page, params).status_code
                if status != 200:
                    note(f"{name}: answered {status}; not measured")
                    continue
                samples = timings(lambda p=params: client.get(page, p), n=args.n, warmup=1)
                compare(f"{name}_ms", samples, "trivial_view_ms", base)
        for q in ("musk", "a*"):
            samples = timings(lambda q=q: search(q=q), n=args.n, warmup=1)
            label = "prefix_a" if q == "a*" else q
            compare(f"search_selector_{label}_ms", samples, "trivial_view_ms", base)


if __name__ == "__main__":
    main()
