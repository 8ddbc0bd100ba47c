from __future__ import annotations

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "tracker.web"
    label = "web"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed

        from .throttle import login_failed

        def count_failure(sender, credentials=None, request=None, **kwargs) -> None:
            login_failed(request=request, username=str((credentials or {}).get("username", "")))

        user_login_failed.connect(
            count_failure, dispatch_uid="tracker.web.login_failed", weak=False
        )
