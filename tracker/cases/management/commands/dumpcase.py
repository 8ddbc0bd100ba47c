from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from tracker.cases.casefile import case_dump
from tracker.cases.models import Case


class Command(BaseCommand):
    help = "Print a case as a case file (the format loadcase reads)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug")

    def handle(self, *args, slug: str, **options) -> None:
        case = Case.objects.filter(slug=slug).first()
        if case is None:
            raise CommandError(f"no case with slug {slug!r}")
        self.stdout.write(json.dumps(case_dump(case=case), indent=2, ensure_ascii=False))
