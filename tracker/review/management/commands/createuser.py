from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from tracker.review.roles import ROLES, user_set_role


class Command(BaseCommand):
    help = "Create a user or change its role. The last line printed is the user's API token."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=ROLES)
        parser.add_argument("--password", default=None, help="Set this password (else unchanged).")

    def handle(self, *args, username: str, role: str, password: str | None, **options) -> None:
        try:
            user, token = user_set_role(username=username, role=role, password=password)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write(f"{user.username}: {role}")
        self.stdout.write(token)
