from __future__ import annotations

from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "tracker.sources"
    verbose_name = "Primary sources"
    default_auto_field = "django.db.models.BigAutoField"
