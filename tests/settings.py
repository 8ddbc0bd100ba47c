"""Test settings: tracker's own, served over plain http on loopback, with a fast hasher."""

from __future__ import annotations

from tracker.settings import *

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
}

# loadcase queues no relink in tests unless a test asks for it (tests/linking/test_case_load.py).
TRACKER_AFTER_CASE_LOAD: list[str] = []
