"""`manage.py ingest [--case SLUG] [--json] SOURCE...` (see design.md, "Contracts")."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from tracker.cases.models import Case
from tracker.news.services import source_ingest, statistics_refresh, stories_count
from tracker.news.store import IngestReport


class Command(BaseCommand):
    help = (
        "Ingest feed URLs, feed files (RSS, Atom, RDF, JSON Feed), OPML files, article files "
        "(.txt, .html) or directories of them; returns when every article is stored, cleaned, "
        "clustered and linked. Exit status 1 when any source failed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("sources", nargs="+", metavar="SOURCE")
        parser.add_argument("--case", metavar="SLUG", help="add the articles to this case")
        parser.add_argument(
            "--json", action="store_true", help="print a JSON summary as the last line"
        )
        parser.add_argument(
            "--full-text",
            action="store_true",
            help="for feeds added from URLs or OPML: fetch the page of each entry that carries "
            "only a summary (same safety rules as feeds)",
        )
        parser.add_argument(
            "--defer",
            action="store_true",
            help="store the entries and return: clustering, linking and indexing are queued as "
            'tasks in batches that any worker takes (the JSON summary adds "queued": N)',
        )

    def handle(self, *args, **options) -> None:
        case = None
        if options["case"]:
            case = Case.objects.filter(slug=options["case"]).first()
            if case is None:
                raise CommandError(f"no case with slug {options['case']!r}")
        total = IngestReport()
        show = sys.stderr.isatty() and options["verbosity"] > 0
        with tqdm(desc="ingest", unit="entry", disable=not show, file=sys.stderr) as bar:
            for source in options["sources"]:
                bar.set_postfix_str(source[-40:])
                report = source_ingest(
                    source=source,
                    case=case,
                    progress=bar.update,
                    full_text=options["full_text"],
                    defer=options["defer"],
                    stage=lambda text, source=source: bar.set_postfix_str(
                        f"{source[-30:]}: {text}"
                    ),
                )
                total.merge(report)
                for error in report.errors:
                    self.stderr.write(f"error: {error['source']}: {error['error']}")
        total.stories = stories_count(report=total)
        statistics_refresh(report=total)
        if options["defer"]:
            total.queued = total.queued or 0
        summary = total.as_json()
        if options["json"]:
            self.stdout.write(json.dumps(summary))
        else:
            self.stdout.write(
                "{sources} sources: {created} created, {updated} updated, {unchanged} unchanged, "
                "{duplicates} duplicates, {stories} stories, {n} errors".format(
                    n=len(total.errors), **summary
                )
                + (f", {total.queued} queued" if total.queued is not None else "")
            )
        if total.errors:
            sys.exit(1)
