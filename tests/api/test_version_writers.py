"""Every writer of a row people edit moves its `version` (tracker.core.versioning), so an editor
who read it before any of them wrote gets a 409, never a silent overwrite.

Each case below writes through one writer the way it runs in production (the admin's change
form, a case-file load, an editor's PATCH, a review, a feed fetch, a docket-sync style save of
a few fields, a bulk update), then checks that the counter moved and that a PATCH sending the
version read before is refused with the current state.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse

from tests import factories as f
from tracker.cases.casefile import case_dump, case_load
from tracker.cases.models import Case, Issue, Party
from tracker.news.feeds import feed_add, feed_error_record
from tracker.news.models import Feed

pytestmark = pytest.mark.django_db


def _admin_save(client, obj) -> None:
    """POST the admin's change form of `obj` back with its title changed."""
    url = reverse(f"admin:cases_{obj._meta.model_name}_change", args=[obj.pk])
    page = client.get(url).context
    forms = [page["adminform"].form]
    for inline in page["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        forms += [management, *formset.forms]
    data = {form.add_prefix(name): form[name].value() for form in forms for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["title"] = "Retitled in the admin"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def _casefile_edit(case: Case, edit: Callable[[dict], None]) -> None:
    data = case_dump(case=case)
    edit(data)
    case_load(data=data)


def _claim_retitled(data: dict) -> None:
    data["claims"][0]["title"] = "Retitled in the case file"


def _claim_parties(data: dict) -> None:
    data["claims"][0]["by"] = ["Elon Musk"]


def _alias_added(data: dict) -> None:
    party = next(p for p in data["parties"] if p["name"] == "OpenAI")
    party["aliases"] = [*party.get("aliases", []), "OpenAI Global"]


def _feed_filed(data: dict) -> None:
    data["feeds"] = [{"url": "https://news.example.org/feed.xml", "title": "Example"}]


# writer name -> (the model written, how to find the row in the world, the write)
WRITERS: dict[str, tuple[str, Callable, Callable]] = {
    "admin: issue": ("issue", lambda w: w.issue, lambda w, c: _admin_save(c, w.issue)),
    "admin: claim": ("claim", lambda w: w.claim, lambda w, c: _admin_save(c, w.claim)),
    "case file: case": (
        "case",
        lambda w: w.case,
        lambda w, c: _casefile_edit(w.case, lambda d: d.update(summary="New summary")),
    ),
    "case file: claim": (
        "claim",
        lambda w: w.claim,
        lambda w, c: _casefile_edit(w.case, _claim_retitled),
    ),
    "case file: claim's parties": (
        "claim",
        lambda w: w.claim,
        lambda w, c: _casefile_edit(w.case, _claim_parties),
    ),
    "case file: party's aliases": (
        "party",
        lambda w: w.openai,
        lambda w, c: _casefile_edit(w.case, _alias_added),
    ),
    "case file: feed filed": (
        "feed",
        lambda w: Feed.objects.get_or_create(url="https://news.example.org/feed.xml")[0],
        lambda w, c: _casefile_edit(w.case, _feed_filed),
    ),
    "save of a few fields (docket sync, terms tracking)": (
        "case",
        lambda w: w.case,
        lambda w, c: _fields_save(Case.objects.get(pk=w.case.pk), caption="Musk v. OpenAI et al."),
    ),
    "feed fetch: a failure recorded": (
        "feed",
        lambda w: f.FeedFactory(),
        lambda w, c: feed_error_record(feed=Feed.objects.get(), message="timed out"),
    ),
    "feed_add: filed under another case": (
        "feed",
        lambda w: f.FeedFactory(url="https://news.example.org/other.xml"),
        lambda w, c: feed_add(url="https://news.example.org/other.xml", cases=[w.other_case]),
    ),
    "queryset update": (
        "issue",
        lambda w: w.issue,
        lambda w, c: Issue.objects.filter(pk=w.issue.pk).update(description="bulk"),
    ),
    "bulk_update": (
        "party",
        lambda w: w.musk,
        lambda w, c: Party.objects.bulk_update(
            [Party(pk=w.musk.pk, name=w.musk.name, slug=w.musk.slug, description="bulk")],
            ["description"],
        ),
    ),
}


def _fields_save(obj, **values) -> None:
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save(update_fields=[*values, "updated_at"])


def _detail(kind: str, obj) -> str:
    return reverse(f"api:{kind}-detail", args=[obj.slug if kind == "case" else obj.pk])


@pytest.mark.parametrize("writer", list(WRITERS))
def test_each_writer_moves_the_version_and_a_stale_if_match_is_a_409(
    writer, world, editor, admin_client
):
    kind, find, write = WRITERS[writer]
    obj = find(world)
    url = _detail(kind, obj)
    read = editor.get(url)
    before = read.json()["version"]
    assert read["ETag"] == f'"{before}"'

    write(world, admin_client)

    after = editor.get(url).json()
    assert after["version"] > before, writer
    field = "description" if kind == "party" else "title"
    body = {field: "An editor's words"}
    stale = editor.patch(url, body, format="json", HTTP_IF_MATCH=f'"{before}"')
    assert stale.status_code == 409, stale.content
    body = stale.json()
    assert body["current"] == after and stale["ETag"] == f'"{after["version"]}"'
    assert editor.get(url).json() == after  # the stale PATCH changed nothing


def test_an_editor_patch_and_a_review_move_the_counter_by_one(world, editor, analyst):
    url = _detail("claim", world.claim)
    version = editor.get(url).json()["version"]
    saved = editor.patch(url, {"title": "Breach"}, format="json", HTTP_IF_MATCH=f'"{version}"')
    assert saved.status_code == 200 and saved.json()["version"] == version + 1
    assert saved["ETag"] == f'"{version + 1}"'

    event = world.event
    url = reverse("api:event-detail", args=[event.pk])
    reviewed = analyst.patch(url, {"status": "rejected", "version": event.version}, format="json")
    assert reviewed.status_code == 200 and reviewed.json()["version"] == event.version + 1
