"""tracker's settings: one module, read from the environment.

Nothing needs to be set: the defaults run on SQLite under var/ with an embedded Celery broker.
See README.md ("Settings") for every variable.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.urls import reverse

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "").strip()
    return [item.strip() for item in value.split(",") if item.strip()] if value else default


VAR_DIR = Path(env_str("TRACKER_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one made once and kept in var/secret_key."""
    key = env_str("SECRET_KEY")
    if key:
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# The project's apps, lowest first: an app imports, and names the URLs of, only apps in lower
# layers (and its own layer-mates' URLs in the top layer, the site that links them together).
# Lower apps reach higher ones only through the hooks and ABSOLUTE_URL_OVERRIDES below. The README
# states this order; tests/test_architecture.py enforces it.
TRACKER_LAYERS = (
    ("core",),
    ("cases",),
    ("news",),
    ("linking",),
    ("search",),
    ("review",),
    ("sources",),
    ("alerts", "api", "web"),
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "template_partials",
    "simple_history",
    *(f"tracker.{app}" for layer in TRACKER_LAYERS for app in layer),
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tracker.web.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tracker.web.throttle.ThrottleMiddleware",
    "tracker.web.middleware.PrivateReadMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

# Database: SQLite under var/ (WAL, immediate transactions) unless DATABASE_URL says otherwise.
# Connections are kept for DB_CONN_MAX_AGE seconds (0: a new one per request, which costs a
# PostgreSQL server process and an authentication each time) and checked before each reuse.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'tracker.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool(
    "TRACKER_PG_JIT", False
):
    # An interactive site: JIT compilation costs up to a second on a query whose row estimate
    # is high (a case's membership) and saves nothing on the pages' small results, so it is off
    # on the connection unless TRACKER_PG_JIT is set. Any `options` DATABASE_URL carries stay.
    _pg_options = DATABASES["default"].setdefault("OPTIONS", {})
    _pg_options["options"] = f"{_pg_options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Each process keeps its own cache unless CACHE_URL names a Redis server to share (what is
# cached is keyed by versions read from the database, so a per-process cache is never stale).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "tracker",
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 1000)},
    }
}
if env_str("CACHE_URL").startswith(("redis://", "rediss://", "unix://")):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env_str("CACHE_URL"),
        "KEY_PREFIX": "tracker",
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Security: strict by default when DEBUG is off; each can be relaxed from the environment
# (e.g. SECURE_SSL_REDIRECT=0 behind a proxy that already redirects).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Health probes often come over plain HTTP from inside the network: /healthz answers them.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
# A JSON 403 under /api/, Django's page elsewhere.
CSRF_FAILURE_VIEW = "tracker.errors.csrf_failure"
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy sent on every response (tracker.web.middleware).
CONTENT_SECURITY_POLICY = env_str(
    "CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'",
)

# Celery: embedded filesystem broker under var/ unless CELERY_BROKER_URL is set.
# (The host is a placeholder the transport ignores; without one kombu warns on every send.)
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://localhost/")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = VAR_DIR / "broker"
    for _sub in ("queue", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 120)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 180)
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_ROUTES = {"tracker.news.tasks.*": {"queue": "feeds"}}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE: dict = {
    # Claim the feeds that are due and queue a fetch for each (tracker.news.tasks).
    "feeds-due": {"task": "tracker.news.tasks.feeds_due", "schedule": 60.0},
    # Refresh the dockets and tracked terms documents that are due (tracker.sources.tasks).
    "sources-due": {"task": "tracker.sources.tasks.sources_due", "schedule": 300.0},
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# Fetching feeds (tracker.core.fetch).
TRACKER_FETCH_ALLOW_PRIVATE = env_bool("TRACKER_FETCH_ALLOW_PRIVATE", False)
TRACKER_FETCH_MAX_BYTES = env_int("TRACKER_FETCH_MAX_BYTES", 20 * 1024 * 1024)
TRACKER_FETCH_TIMEOUT = env_int("TRACKER_FETCH_TIMEOUT", 20)
# Feeds with fetch_full_text: at most this many article pages fetched per feed fetch.
TRACKER_FULL_TEXT_MAX_PER_FETCH = env_int("TRACKER_FULL_TEXT_MAX_PER_FETCH", 30)
TRACKER_USER_AGENT = env_str(
    "TRACKER_USER_AGENT", "tracker/0.1 (+https://github.com/tracker; feed reader for case tracking)"
)

# Primary sources (tracker.sources): CourtListener's REST API v4 for dockets; an ordinary token
# gets a few requests a minute, so a 429's Retry-After up to COURTLISTENER_MAX_WAIT seconds is
# waited out in the task, a longer one ends the refresh until then. Dockets and tracked terms
# documents are refreshed every TRACKER_SOURCES_INTERVAL seconds.
COURTLISTENER_URL = env_str("COURTLISTENER_URL", "https://www.courtlistener.com/api/rest/v4/")
COURTLISTENER_TOKEN = env_str("COURTLISTENER_TOKEN", "")
COURTLISTENER_MAX_WAIT = env_int("COURTLISTENER_MAX_WAIT", 65)
TRACKER_SOURCES_INTERVAL = env_int("TRACKER_SOURCES_INTERVAL", 6 * 3600)

# What runs on articles once ingestion has stored them, in order: each is a dotted path to a
# callable taking `article_ids: list[int]`. This keeps imports one-way (news never imports the
# apps above it) while the ingest command still returns only when articles are linked.
TRACKER_AFTER_INGEST = [
    "tracker.linking.services.articles_link",
    "tracker.search.services.articles_index",
]

# Called with `article_ids` when clustering moved stored articles into another story (a merge),
# inside its transaction: linking copies each article's story onto its memberships.
TRACKER_ON_STORIES_MOVED = ["tracker.linking.membership.memberships_refresh"]

# Called once a change to a case's names, aliases or keywords is committed (a case file that
# changed something, an admin or API edit; cases.services.cases_changed): dotted paths to
# callables taking `case_id`. Linking queues a relink of the case's articles, so new aliases,
# claims or clauses reach articles already stored.
TRACKER_AFTER_CASE_LOAD = ["tracker.linking.tasks.case_loaded"]

# Sections of a case file that apps above cases own: name -> (load, dump), dotted paths.
# cases.casefile validates the whole file, then calls load(case=, items=, report=) inside the
# load's transaction and dump(case=) -> the section's items.
TRACKER_CASEFILE_SECTIONS = {
    "feeds": ("tracker.news.casefile.feeds_load", "tracker.news.casefile.feeds_dump"),
}

# Called by the review services after something is accepted (an event, link or position), in
# order: each is a dotted path to a callable taking keyword arguments `kind` ("event", "link" or
# "position") and `obj_id`. Alerts sits above review, so review calls it by name.
TRACKER_ON_ACCEPTED = ["tracker.alerts.services.accepted_enqueue"]

# Called after a tracked terms document's clauses changed (tracker.sources), with `change_id`
# (a sources.DocumentChange): alerts tells the followers of its cases and clauses.
TRACKER_ON_TERMS_CHANGED = ["tracker.alerts.services.terms_changed_enqueue"]

# The page of each object readers follow, as obj.get_absolute_url() (Django adds the method from
# this setting): the apps below web (search, review, sources) link to pages this way without
# naming the web app's URLs.
ABSOLUTE_URL_OVERRIDES = {
    "cases.case": lambda case: reverse("web:case", args=[case.slug]),
    "cases.party": lambda party: reverse("web:party", args=[party.slug]),
    "cases.claim": lambda claim: reverse("web:claim", args=[claim.case.slug, claim.slug]),
    "cases.issue": lambda issue: reverse("web:issue", args=[issue.case.slug, issue.slug]),
    "cases.clause": lambda clause: reverse("web:clause", args=[clause.document.slug, clause.ref]),
    "cases.event": lambda event: (
        f"{reverse('web:case', args=[event.case.slug])}?at=event-{event.pk}"
    ),
    "news.article": lambda article: reverse("web:article", args=[article.pk]),
}

# Alerts: the site's address for links in e-mails and webhooks, tries per delivery, and how many
# failed attempts in a row disable a webhook endpoint.
TRACKER_SITE_URL = env_str("TRACKER_SITE_URL", "http://127.0.0.1:8000")
# Atom ids are tag URIs (RFC 4151) minted under this site's host name and a date it held that
# name, so two installations never give the same id; the feed's author is the site's name.
TRACKER_TAG_AUTHORITY = env_str(
    "TRACKER_TAG_AUTHORITY", f"{urlsplit(TRACKER_SITE_URL).hostname or 'localhost'},2026"
)
TRACKER_SITE_NAME = env_str("TRACKER_SITE_NAME", "tracker")
TRACKER_ALERTS_MAX_ATTEMPTS = env_int("TRACKER_ALERTS_MAX_ATTEMPTS", 6)
TRACKER_ALERTS_MAX_FAILURES = env_int("TRACKER_ALERTS_MAX_FAILURES", 10)
# Seconds a webhook delivery may take in all (connect, send, the answer however slow it comes).
TRACKER_WEBHOOK_TIMEOUT = env_int("TRACKER_WEBHOOK_TIMEOUT", 10)

# Public reading of the API and pages (on by default); writes always need a role.
TRACKER_PUBLIC_READ = env_bool("TRACKER_PUBLIC_READ", True)
# Where tracker/urls.py mounts what looks after its own access and throttling: the API (DRF's
# permissions and throttles, token authentication; JSON errors, tracker/errors.py), logins, the
# admin, static files, the health check and the icon. The page middleware leaves these alone.
TRACKER_API_PREFIX = "/api/"
TRACKER_PRIVATE_READ_EXEMPT = (
    "/accounts/", "/admin/", STATIC_URL, TRACKER_API_PREFIX, "/healthz", "/favicon.ico",
)  # fmt: skip
TRACKER_PAGE_THROTTLE_EXEMPT = (TRACKER_API_PREFIX, STATIC_URL, "/admin/")

# The number of proxies in front of the site that append to X-Forwarded-For (0: none; the
# client is REMOTE_ADDR and X-Forwarded-For is never read). Throttles key on the client.
TRACKER_TRUSTED_PROXIES = env_int("TRACKER_TRUSTED_PROXIES", 0)
# Page throttles (tracker.web.throttle), per client address or per logged-in user; search has
# its own stricter rate. Failed logins per username + address, and per address.
TRACKER_THROTTLE_PAGES = env_str("TRACKER_THROTTLE_PAGES", "300/minute")
TRACKER_THROTTLE_PAGES_USER = env_str("TRACKER_THROTTLE_PAGES_USER", "1200/minute")
TRACKER_THROTTLE_SEARCH = env_str("TRACKER_THROTTLE_SEARCH", "60/minute")
TRACKER_LOGIN_FAILURES = env_str("TRACKER_LOGIN_FAILURES", "5/15minute")
TRACKER_LOGIN_FAILURES_PER_ADDRESS = env_str("TRACKER_LOGIN_FAILURES_PER_ADDRESS", "50/hour")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so a missing or bad login is a 401 with `WWW-Authenticate: Token`.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["tracker.api.permissions.ReadOrRoleWrite"],
    "DEFAULT_PAGINATION_CLASS": "tracker.api.pagination.CursorPagination",
    # JSON only (415 for forms, so the schema advertises JSON bodies alone), capped at
    # DATA_UPLOAD_MAX_MEMORY_SIZE (413 beyond) and with nesting errors as 400s.
    "DEFAULT_PARSER_CLASSES": ["tracker.api.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "tracker.api.schema.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("TRACKER_THROTTLE_ANON", "600/minute"),
        "user": env_str("TRACKER_THROTTLE_USER", "3000/minute"),
    },
    "EXCEPTION_HANDLER": "tracker.api.errors.exception_handler",
    # The client address for throttling: X-Forwarded-For only through trusted proxies.
    "NUM_PROXIES": TRACKER_TRUSTED_PROXIES,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "tracker API",
    "DESCRIPTION": "Cases, articles, evidence links, positions and events, with exports.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ReviewStatusEnum": "tracker.cases.models.ReviewStatus",
        "CaseStatusEnum": "tracker.cases.models.Case.Status",
        "FeedStatusEnum": "tracker.news.models.Feed.Status",
        "PartyKindEnum": "tracker.cases.models.Party.Kind",
        "EventKindEnum": "tracker.cases.models.Event.Kind",
    },
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "tracker@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
