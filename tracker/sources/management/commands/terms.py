"""`manage.py terms refresh SLUG` fetches a tracked terms document now;
`manage.py terms read SLUG FILE [--seen DATE]` reads a saved copy of it as if fetched then."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tracker.cases.models import Document
from tracker.sources.services import document_read_file, document_refresh, document_track_sync


class Command(BaseCommand):
    help = "Follow a terms document tracked at its URL (a document with track: true)."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        refresh = sub.add_parser("refresh", help="fetch the document now and compare its clauses")
        refresh.add_argument("slug")
        read = sub.add_parser("read", help="read a saved copy (HTML or text) as a fetch")
        read.add_argument("slug")
        read.add_argument("file")
        read.add_argument(
            "--seen",
            help="the day it was seen (YYYY-MM-DD; default now); an older copy than "
            "the last read is skipped",
        )

    def handle(self, *args, action: str, slug: str, **options) -> None:
        document = Document.objects.filter(slug=slug).first()
        if document is None:
            raise CommandError(f"no document {slug!r}")
        track = document_track_sync(document=document)
        if track is None:
            raise CommandError(f'{slug} is not tracked: give it a url and "track": true')
        if action == "refresh":
            result = document_refresh(track=track)
        else:
            seen = timezone.now()
            if options.get("seen"):
                try:
                    day = dt.date.fromisoformat(options["seen"])
                except ValueError as exc:
                    raise CommandError(f"--seen {options['seen']!r} is not a date") from exc
                seen = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
            path = Path(options["file"])
            if not path.is_file():
                raise CommandError(f"no file {path}")
            result = document_read_file(track=track, path=path, seen=seen)
        self.stdout.write(json.dumps(result))
        if result.get("error"):
            raise CommandError(f"{slug}: {result['error']}")
