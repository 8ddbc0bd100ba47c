from __future__ import annotations

from django.apps import AppConfig
from django.conf import settings


class AlertsConfig(AppConfig):
    name = "tracker.alerts"
    label = "alerts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from celery.schedules import crontab

        schedule = settings.CELERY_BEAT_SCHEDULE
        schedule.setdefault(
            "alerts-daily-digest",
            {
                "task": "tracker.alerts.tasks.digests_send",
                "schedule": crontab(minute=0, hour=7),
                "kwargs": {"frequency": "daily"},
            },
        )
        schedule.setdefault(
            "alerts-requeue",
            {"task": "tracker.alerts.tasks.deliveries_requeue", "schedule": 600.0},
        )
        schedule.setdefault(
            "alerts-weekly-digest",
            {
                "task": "tracker.alerts.tasks.digests_send",
                "schedule": crontab(minute=0, hour=7, day_of_week=1),
                "kwargs": {"frequency": "weekly"},
            },
        )
