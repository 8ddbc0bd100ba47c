"""`manage.py docket attach SLUG URL_OR_ID` and `manage.py docket refresh SLUG`."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tracker.cases.models import Case
from tracker.sources.courtlistener import Client
from tracker.sources.models import DocketSync
from tracker.sources.recorded import recorded_transport
from tracker.sources.services import AttachError, docket_attach, docket_refresh


class Command(BaseCommand):
    help = "Attach a case to its CourtListener docket and keep it in step."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        attach = sub.add_parser("attach", help="attach SLUG to a docket (id or URL) and read it")
        attach.add_argument("slug")
        attach.add_argument("url_or_id")
        attach.add_argument(
            "--no-refresh", action="store_true", help="attach only; the schedule reads it later"
        )
        attach.add_argument(
            "--recorded",
            metavar="DIR",
            help="read a recording (docket.json, docket-entries.json, parties.json) instead of "
            "the API: the demo, or work without a network",
        )
        refresh = sub.add_parser("refresh", help="read what changed on SLUG's docket")
        refresh.add_argument("slug")

    def handle(self, *args, action: str, slug: str, **options) -> None:
        case = Case.objects.filter(slug=slug).first()
        if case is None:
            raise CommandError(f"no case {slug!r}")
        client = None
        if options.get("recorded"):
            directory = Path(options["recorded"])
            if not (directory / "docket.json").is_file():
                raise CommandError(f"{directory} holds no docket.json")
            client = Client(transport=recorded_transport(directory))
        if action == "attach":
            try:
                sync = docket_attach(case=case, url_or_id=options["url_or_id"])
            except AttachError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"{case.slug}: attached to CourtListener docket {sync.docket_id}")
            if options["no_refresh"]:
                return
        else:
            sync = DocketSync.objects.filter(case=case).first()
            if sync is None:
                raise CommandError(f"{slug} has no docket: run `docket attach {slug} URL_OR_ID`")
        report = docket_refresh(sync=sync, client=client)
        self.stdout.write(json.dumps(report.as_json()))
        if sync.last_error:
            raise CommandError(f"{case.slug}: {sync.last_error}")
