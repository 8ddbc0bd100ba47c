from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from tracker.cases.casefile import CaseFileError, casefile_load_path


class Command(BaseCommand):
    help = "Create or update a case and everything in it from a case file (JSON). Idempotent."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="path to the case file")

    def handle(self, *args, file: str, **options) -> None:
        try:
            report = casefile_load_path(path=file)
        except CaseFileError as exc:
            raise CommandError(f"{file}: not loaded, nothing changed:\n{exc}") from exc
        self.stdout.write(
            f"{report.case.slug}: {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged"
        )
