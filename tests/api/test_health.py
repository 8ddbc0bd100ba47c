"""/healthz checks the database and the broker; /favicon.ico answers with the site's icon."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.db import OperationalError

from tracker.api import health
from tracker.celery import app


def test_healthz_is_ok_when_database_and_broker_answer(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": ["broker", "database"]}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_names_an_unreachable_broker(client, db, monkeypatch):
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    # Celery reads CELERY_BROKER_URL from the environment before its configuration (CI sets
    # it); set after the attribute, so that undoing the attribute restores the real URL
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:1/0")
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    assert list(body["failing"]) == ["broker"]


def test_healthz_names_a_failing_database(client, db, monkeypatch):
    def broken() -> None:
        raise OperationalError("database is gone")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert list(response.json()["failing"]) == ["database"]


def test_favicon_leads_to_a_served_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code in (301, 302)
    path = response["Location"].removeprefix("/static/")
    found = finders.find(path)
    assert found, response["Location"]
    with open(found, "rb") as icon:
        assert icon.read().lstrip().startswith(b"<svg")


def test_health_and_icon_answer_on_a_private_site(client, db, settings):
    settings.TRACKER_PUBLIC_READ = False
    assert client.get("/healthz").status_code == 200
    assert client.get("/favicon.ico")["Location"].endswith("favicon.svg")
