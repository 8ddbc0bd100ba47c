"""`manage.py alertsdigest daily|weekly [--send]`: build the digests now (what the beat runs).

With --send the deliveries are attempted in this process (one try each; failures are retried
by the worker when one runs), else they are queued for the worker after commit.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tracker.alerts import services
from tracker.alerts.models import Delivery


class Command(BaseCommand):
    help = "Build the daily or weekly alert digests of pending notifications."

    def add_arguments(self, parser) -> None:
        parser.add_argument("frequency", choices=["daily", "weekly"])
        parser.add_argument("--send", action="store_true", help="send now, in this process")

    def handle(self, *args, frequency: str, send: bool, **options) -> None:
        deliveries = services.digests_send(frequency=frequency)
        sent = 0
        if send:
            for delivery in deliveries:
                done = services.delivery_attempt(delivery_id=delivery.pk)
                sent += bool(done and done.status == Delivery.Status.SENT)
        self.stdout.write(f"{len(deliveries)} digest deliveries built, {sent} sent now")
