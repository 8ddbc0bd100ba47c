"""The review queue under each of its filters, and the bulk review of 50 items, against the
trivial view measured in the same run (an analyst's session, Django test Client).

    DATABASE_URL=postgres://... python bench/review_queue.py --keep DBNAME --articles N [-n 20]

Uses a kept database seeded as bench/pages.py seeds it (run pages.py --keep DBNAME first, or
copy a prebuilt one). Prints each variant's query count (NOTE) and its p50 and p95 with ratios
to the trivial view (RESULT). The bulk POST accepts 50 waiting links and its pair puts them back
in the queue (undo), so repeated runs leave the queue as it was.
"""

from __future__ import annotations

import argparse

import _bench
from _bench import note
from pages import _seeded, report

VARIANTS = [
    ("default", {}),
    ("case", {"case": "{case}"}),
    ("newest", {"order": "newest"}),
    ("case_newest", {"case": "{case}", "order": "newest"}),
    ("links", {"show": "links"}),
    ("target_issue", {"show": "links", "target": "issue"}),
    ("target_clause", {"show": "links", "target": "clause"}),
    ("target_claim_case", {"target": "claim", "case": "{case}", "order": "newest"}),
    ("accepted", {"status": "accepted"}),
    ("rejected_newest", {"status": "rejected", "order": "newest"}),
    ("any", {"status": "any"}),
    ("any_case_newest", {"status": "any", "case": "{case}", "order": "newest"}),
    ("stale", {"status": "stale"}),
    ("positions", {"show": "positions", "status": "any"}),
    ("events_any", {"show": "events", "status": "any"}),
    ("limit_500", {"show": "links", "limit": "500"}),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", metavar="DBNAME", required=True)
    parser.add_argument("--articles", type=int, default=100000)
    parser.add_argument("-n", type=int, default=20, help="requests per variant")
    parser.add_argument("--only", nargs="*", help="measure only these variants (and bulk)")
    args = parser.parse_args()

    with _bench.kept_database(args.keep) as db:
        from django.conf import settings
        from django.contrib.auth import get_user_model
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext, override_settings
        from django.urls import reverse

        from tracker.review.roles import roles_ensure

        note(f"database {db}; {args.articles} articles; {args.n} requests per variant")
        case, _ids = _seeded(args.articles)
        analyst = get_user_model().objects.filter(username="bench-analyst").first()
        analyst = analyst or get_user_model().objects.create_user("bench-analyst", password="x")
        analyst.groups.add(roles_ensure()["analyst"])
        client = Client()
        client.force_login(analyst)

        with override_settings(ROOT_URLCONF="_urls", DEBUG=False):
            settings.ALLOWED_HOSTS = ["testserver"]
            base = _bench.timings(lambda: client.get("/__bench/trivial/"), n=args.n)
            queue = reverse("review:queue")
            for name, params in VARIANTS:
                if args.only and name not in args.only:
                    continue
                params = {k: v.format(case=case.slug) for k, v in params.items()}
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(queue, params)
                if response.status_code != 200:
                    note(f"queue_{name}: answered {response.status_code}; not measured")
                    continue
                rows = response.content.decode().count('class="q-item')
                note(f"queue_{name}: {params} ({len(queries)} queries, {rows} rows)")
                samples = _bench.timings(lambda p=params: client.get(queue, p), n=args.n)
                report(f"queue_{name}", samples, "trivial_view_login", base)
            _bulk(client, args.n, base)


def _bulk(client, n: int, base: list[float]) -> None:
    """Accept 50 waiting links at once (htmx), then undo them, each timed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from tracker.linking.models import Link

    def post(status: str):
        rows = Link.objects.filter(status="accepted" if status == "suggested" else "suggested")
        if status == "suggested":
            rows = rows.filter(reviewed_by__username="bench-analyst")
        items = [
            f"link:{pk}:{version}"
            for pk, version in rows.order_by("-confidence", "-created_at", "-id").values_list(
                "pk", "version"
            )[:50]
        ]
        response = client.post(
            reverse("review:bulk"),
            {"status": status, "items": items, "next": reverse("review:queue")},
            HTTP_HX_REQUEST="true",
        )
        assert response.status_code == 200, response.status_code

    with CaptureQueriesContext(connection) as queries:
        post("accepted")
    note(f"bulk_accept_50: {len(queries)} queries (the 50 items' ids read first included)")
    post("suggested")
    accept, undo = [], []
    for _ in range(max(1, n // 4)):
        accept += _bench.timings(lambda: post("accepted"), n=1, warmup=0)
        undo += _bench.timings(lambda: post("suggested"), n=1, warmup=0)
    report("bulk_accept_50", accept, "trivial_view_login", base)
    report("bulk_undo_50", undo, "trivial_view_login", base)


if __name__ == "__main__":
    main()
