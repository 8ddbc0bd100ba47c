"""Test settings: tracker's own, served over plain http on loopback, with a fast hasher."""

from __future__ import annotations

from tracker.settings import *

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Page and login throttles out of the way; tests/security/test_throttles.py sets its own.
TRACKER_THROTTLE_PAGES = TRACKER_THROTTLE_PAGES_USER = TRACKER_THROTTLE_SEARCH = "1000000/minute"
TRACKER_LOGIN_FAILURES = TRACKER_LOGIN_FAILURES_PER_ADDRESS = "1000000/minute"
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
}

# loadcase queues no relink in tests unless a test asks for it (tests/linking/test_case_load.py).
TRACKER_AFTER_CASE_LOAD: list[str] = []
