"""tracker.core.versioning: one counter, one check, one bump, for every row people edit."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tests import factories as f
from tracker.core.versioning import Conflict, change_locked, related_set, version_parse
from tracker.news.models import Feed

pytestmark = pytest.mark.django_db


def test_a_new_row_starts_at_one_and_each_save_moves_it_by_one():
    issue = f.IssueFactory()
    assert issue.version == 1
    issue.title = "Retitled"
    issue.save()
    assert issue.version == 2
    issue.save(update_fields=["title"])
    issue.refresh_from_db()
    assert issue.version == 3


def test_a_save_from_a_stale_instance_never_writes_an_older_version():
    feed = f.FeedFactory()
    Feed.objects.filter(pk=feed.pk).update(title="Moved by another writer")  # version 2
    feed.error_count = 1  # this instance still says version 1
    feed.save()
    assert feed.version == 3
    assert Feed.objects.get(pk=feed.pk).version == 3


def test_change_locked_claims_from_the_version_read_and_refuses_a_stale_one():
    feed = f.FeedFactory(title="First")
    changed = change_locked(
        feed, user=None, expected_version=1, apply=lambda row: setattr(row, "title", "Second")
    )
    assert (changed.title, changed.version) == ("Second", 2)
    assert feed.version == 1  # the caller's instance is left as read
    with pytest.raises(Conflict) as raised:
        change_locked(feed, user=None, expected_version=1, apply=lambda row: None)
    # a feed keeps no history: the conflict says so rather than failing
    assert raised.value.current.title == "Second" and raised.value.changed_by is None
    assert Feed.objects.get(pk=feed.pk).version == 2


def test_a_relation_change_moves_the_version_and_an_unchanged_one_does_not():
    claim = f.ClaimFactory()
    party = f.PartyFactory()
    assert related_set(claim, "by", [party]) and claim.version == 2
    assert not related_set(claim, "by", [party]) and claim.version == 2


@pytest.mark.parametrize("value", ["one", -1, 2**63, "1.5", True])
def test_a_version_that_this_site_never_gave_is_refused(value):
    with pytest.raises(ValidationError):
        version_parse(value)


@pytest.mark.parametrize(("value", "expected"), [(None, None), ("", None), ("7", 7), (0, 0)])
def test_no_version_is_none_and_a_number_is_itself(value, expected):
    assert version_parse(value) == expected
