from __future__ import annotations

from django.core.management.base import BaseCommand

from tracker.linking.membership import memberships_recount


class Command(BaseCommand):
    help = (
        "Record again which cases every article belongs to, with the copies the timeline counts "
        "(date, story, ties to events), and recount each case's reviewed articles. A repair: "
        "ingest, linking and review keep these on every write."
    )

    def handle(self, *args, **options) -> None:
        articles, wrong = memberships_recount()
        self.stdout.write(
            f"{articles} articles recorded again; {wrong} case counts corrected; "
            "every case's cached coverage retired"
        )
