from __future__ import annotations

from django.contrib import admin

from .models import Delivery, Endpoint, Notification, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["user", "case", "target_type", "frequency", "email", "endpoint", "active"]
    list_filter = ["target_type", "frequency", "active"]
    raw_id_fields = ["user", "case", "party", "claim", "issue", "clause", "endpoint"]


@admin.register(Endpoint)
class EndpointAdmin(admin.ModelAdmin):
    list_display = ["url", "user", "active", "consecutive_failures", "disabled_at"]
    list_filter = ["active"]
    raw_id_fields = ["user"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "subscription", "created_at", "sent_at"]
    list_filter = ["kind"]
    raw_id_fields = ["subscription"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "subject",
        "user",
        "channel",
        "status",
        "attempts",
        "response_code",
        "created_at",
    ]
    list_filter = ["channel", "status", "kind"]
    raw_id_fields = ["user", "endpoint"]
    filter_horizontal = ["notifications"]
