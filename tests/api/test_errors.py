"""Errors under /api/ are JSON, name the bad field, and are never a 500."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from tracker import errors
from tracker.cases.models import Issue, Party


def assert_json_error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


@pytest.mark.parametrize(
    "path",
    [
        "/api/nothing-here/",
        "/api/v1/unknown/",
        "/api/v1/articles/999999/",
        "/api/v1/articles/99999999999999999999999999/",
        "/api/v1/links/abc/",
        "/api/v1/cases/no-such-case/",
        "/api/v1/links/99999999999999999999/history/",
    ],
)
def test_unknown_urls_and_ids_are_json_404s(anon, world, path):
    body = assert_json_error(anon.get(path), 404)
    assert "detail" in body


def test_method_not_allowed_is_json(analyst, world):
    url = reverse("api:link-detail", args=[world.link.id])
    body = assert_json_error(analyst.delete(url), 405)
    assert "DELETE" in body["detail"]
    assert_json_error(analyst.put(url, {}, format="json"), 405)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"cursor": "cD1hYmM="}, "cursor"),  # base64 of "p=abc": a forged position
        ({"published_after": "yesterday"}, "published_after"),
        ({"published_before": "2026-13-45"}, "published_before"),
        ({"status": "maybe"}, "status"),
        ({"target_type": "planet"}, "target_type"),
        ({"story": "x"}, "story"),
        ({"page_size": "false"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "501"}, "page_size"),
        ({"target_type": ""}, "target_type"),
    ],
)
def test_bad_query_parameters_are_400s_naming_them(anon, world, params, field):
    body = assert_json_error(anon.get(reverse("api:article-list"), params), 400)
    assert field in body


@pytest.mark.parametrize("status", ["maybe", "", "ACCEPTED"])
def test_bad_status_filter_on_links(anon, world, status):
    # Blank too: the schema's enum has no empty value, and reading `?status=` as no filter
    # would silently widen the answer.
    response = anon.get(reverse("api:link-list"), {"status": status})
    assert "status" in assert_json_error(response, 400)


@pytest.mark.parametrize("value", ["null", "maybe", ""])
def test_a_boolean_filter_takes_true_or_false_only(anon, world, value):
    for name in ("api:link-list", "api:export-links-csv"):
        response = anon.get(reverse(name), {"stale": value})
        assert "stale" in assert_json_error(response, 400)
    assert anon.get(reverse("api:link-list"), {"stale": "false"}).status_code == 200


def test_blank_free_text_filters_are_no_filter(anon, world):
    response = anon.get(reverse("api:link-list"), {"q": "", "party": ""})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 4  # every link of the world


def test_huge_ids_in_filters_are_400s(anon, world):
    body = assert_json_error(anon.get(reverse("api:article-list"), {"story": str(10**30)}), 400)
    assert "story" in body
    body = assert_json_error(anon.get(reverse("api:link-list"), {"min_confidence": "1e999"}), 400)
    assert "min_confidence" in body


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        "[]",
        '"a string"',
        '{"status": 5}',
        '{"status": ["accepted"]}',
        '{"status": null}',
        '{"status": "accepted", "version": "one"}',
        '{"status": "accepted", "version": 99999999999999999999999}',
    ],
)
def test_malformed_patch_bodies_are_400s(analyst, world, body):
    url = reverse("api:link-detail", args=[world.link.id])
    response = analyst.patch(url, body, content_type="application/json")
    assert_json_error(response, 400)
    world.link.refresh_from_db()
    assert world.link.status == "suggested"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"article": "one", "target_type": "party", "target": "OpenAI", "evidence": []},
        {
            "article": 10**30,
            "target_type": "party",
            "target": "OpenAI",
            "evidence": [{"exact": "x"}],
        },
        {"article": -1, "target_type": "party", "target": "OpenAI", "evidence": [{"exact": "x"}]},
        {"target_type": "unicorn", "target": "OpenAI", "evidence": [{"exact": "x"}]},
        {"target_type": "party", "target": ["OpenAI"], "evidence": "quote"},
        {"target_type": "party", "target": "OpenAI", "evidence": [{"prefix": "x"}]},
        {"target_type": "party", "target": "", "evidence": [{"exact": "Grok"}]},
    ],
)
def test_malformed_link_posts_are_400s(analyst, world, body):
    body = {"article": world.article.id, **body}
    response = analyst.post(reverse("api:link-list"), body, format="json")
    assert_json_error(response, 400)


def test_wrong_content_type_is_a_415(analyst, world):
    url = reverse("api:link-detail", args=[world.link.id])
    response = analyst.patch(url, "status=accepted", content_type="text/plain")
    assert_json_error(response, 415)


def test_exports_reject_bad_filters_with_json(anon, world):
    body = assert_json_error(anon.get("/api/v1/export/links.csv?status=nope"), 400)
    assert "status" in body
    assert_json_error(anon.get("/api/v1/export/widgets.csv"), 404)


def test_django_level_handlers_answer_json_under_api(rf):
    from django.core.exceptions import PermissionDenied

    api = rf.get("/api/v1/anything/")
    page = rf.get("/cases/x/")
    assert errors.server_error(api).status_code == 500
    assert errors.server_error(api)["Content-Type"] == "application/json"
    assert errors.bad_request(api, ValueError("x"))["Content-Type"] == "application/json"
    denied = errors.permission_denied(api, PermissionDenied("no"))
    assert (denied.status_code, denied["Content-Type"]) == (403, "application/json")
    assert errors.page_not_found(api, Exception())["Content-Type"] == "application/json"
    assert errors.server_error(page)["Content-Type"].startswith("text/html")


def test_throttling_answers_429_in_json(anon, world, monkeypatch):
    from django.core.cache import cache
    from rest_framework.throttling import AnonRateThrottle

    cache.clear()
    monkeypatch.setattr(AnonRateThrottle, "rate", "2/minute", raising=False)
    url = reverse("api:article-list")
    assert [anon.get(url).status_code for _ in range(2)] == [200, 200]
    body = assert_json_error(anon.get(url), 429)
    assert "throttled" in body["detail"].lower()
    cache.clear()


@pytest.mark.parametrize(
    "value", ["0582-06-26T16:20:04-18:31", "0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-12:00"]
)
def test_odd_offsets_and_edge_years_never_crash(anon, world, value):
    response = anon.get(reverse("api:story-list"), {"published_before": value})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "published_before" in response.json()


@pytest.mark.django_db
def test_handlers_are_wired_and_pages_use_the_site_layout(client, settings):
    from django.urls import get_resolver

    resolver = get_resolver()
    assert resolver.resolve_error_handler(404) is errors.page_not_found
    assert resolver.resolve_error_handler(500) is errors.server_error
    settings.DEBUG = False
    response = client.get("/no-such-page/<script>x</script>")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Nothing here" in body and 'class="site-header"' in body
    assert "<script>x" not in body  # the path is shown escaped
    page = errors.server_error(RequestFactory().get("/cases/x/"))
    assert page.status_code == 500 and b"Something went wrong on our side" in page.content


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "Acme", "slug": "acme", "kind": "organization", "description": 0}, "description"),
        ({"name": 7, "slug": "acme", "kind": "organization"}, "name"),
    ],
)
def test_bodies_keep_their_json_types(editor, world, body, field):
    # DRF would store 0 as "0": the schema says string, so a number is a 400 naming the field.
    response = editor.post(reverse("api:party-list"), body, format="json")
    assert field in assert_json_error(response, 400)
    assert not Party.objects.filter(slug="acme").exists()


def test_list_items_keep_their_json_types(editor, world):
    body = {"case": "musk-v-openai", "slug": "new-issue", "title": "New", "keywords": ["a", 1]}
    response = editor.post(reverse("api:issue-list"), body, format="json")
    assert "keywords" in assert_json_error(response, 400)
    assert not Issue.objects.filter(slug="new-issue").exists()


def test_review_status_must_be_a_string(analyst, world):
    url = reverse("api:link-detail", args=[world.link.pk])
    response = analyst.patch(url, {"status": 1}, format="json")
    assert "status" in assert_json_error(response, 400)


def test_a_list_field_takes_a_list_only(editor, world):
    body = {"url": "https://example.org/feed.xml", "cases": {}}
    response = editor.post(reverse("api:feed-list"), body, format="json")
    assert "cases" in assert_json_error(response, 400)
