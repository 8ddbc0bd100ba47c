"""Accepting something calls the TRACKER_ON_ACCEPTED hooks (alerts) once the change commits."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from tests.factories import LinkFactory
from tracker.review.roles import user_set_role
from tracker.review.services import Conflict, link_review

CALLS: list[dict] = []


def record(**kwargs) -> None:
    CALLS.append(kwargs)


def explode(**kwargs) -> None:
    raise RuntimeError("the hook failed")


@pytest.fixture
def analyst(db):
    user, _ = user_set_role(username="ana", role="analyst")
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture(autouse=True)
def _hooks(settings):
    CALLS.clear()
    settings.TRACKER_ON_ACCEPTED = [f"{__name__}.record"]


@pytest.mark.django_db
def test_accepting_calls_the_hook_after_commit(analyst, django_capture_on_commit_callbacks):
    link = LinkFactory()
    with django_capture_on_commit_callbacks(execute=True):
        link_review(link=link, user=analyst, status="accepted")
        assert CALLS == []  # nothing before the commit
    assert [{"kind": "link", "obj_id": link.pk}] == CALLS


@pytest.mark.django_db
def test_rejecting_or_a_conflict_calls_nothing(analyst, django_capture_on_commit_callbacks):
    link = LinkFactory()
    with django_capture_on_commit_callbacks(execute=True):
        link_review(link=link, user=analyst, status="rejected")
        with pytest.raises(Conflict):
            link_review(
                link=link, user=analyst, status="accepted", expected_version=link.version - 1
            )
    assert CALLS == []


@pytest.mark.django_db
def test_a_failing_hook_does_not_fail_the_review(
    analyst, settings, django_capture_on_commit_callbacks
):
    settings.TRACKER_ON_ACCEPTED = [f"{__name__}.explode", f"{__name__}.record"]
    link = LinkFactory()
    with django_capture_on_commit_callbacks(execute=True):
        reviewed = link_review(link=link, user=analyst, status="accepted")
    assert reviewed.status == "accepted"
    assert [{"kind": "link", "obj_id": link.pk}] == CALLS
