"""The Celery application.

With no CELERY_BROKER_URL the broker is kombu's filesystem transport under var/, so a worker runs
with no server installed. Set CELERY_BROKER_URL=redis://... or amqp://... to scale out.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

app = Celery("tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
