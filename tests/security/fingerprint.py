"""A fingerprint of everything stored, to prove a request changed nothing."""

from __future__ import annotations

import hashlib

from django.apps import apps

SKIP_MODELS = {"sessions.session", "admin.logentry", "contenttypes.contenttype"}
SKIP_FIELDS = {"auth.user": {"last_login"}}


def database_fingerprint() -> dict[str, str]:
    out: dict[str, str] = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in SKIP_MODELS:
            continue
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if f.attname not in SKIP_FIELDS.get(label, set())
        ]
        rows = model._default_manager.order_by("pk").values_list(*fields)
        out[label] = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
        for m2m in model._meta.local_many_to_many:
            through = m2m.remote_field.through
            rows = through._default_manager.order_by("pk").values_list()
            out[f"{label}.{m2m.name}"] = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
    return out


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
