from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from tests.review.conftest import make_user
from tracker.review.roles import ROLES, can_edit, can_review, role_of, roles_ensure

pytestmark = pytest.mark.django_db


def test_groups_carry_django_permissions():
    viewer, analyst, editor = (
        make_user(n, r) for n, r in [("v", "viewer"), ("a", "analyst"), ("e", "editor")]
    )
    assert viewer.has_perm("linking.view_link") and not viewer.has_perm("linking.change_link")
    assert analyst.has_perm("linking.change_link") and analyst.has_perm("linking.add_position")
    assert analyst.has_perm("cases.change_event") and not analyst.has_perm("cases.change_case")
    assert editor.has_perm("cases.change_case") and editor.has_perm("news.add_feed")
    assert (can_review(viewer), can_review(analyst), can_edit(analyst), can_edit(editor)) == (
        False,
        True,
        False,
        True,
    )


def test_roles_ensure_is_idempotent_and_repairs_groups():
    groups = roles_ensure()
    before = {
        name: set(g.permissions.values_list("codename", flat=True)) for name, g in groups.items()
    }
    groups["analyst"].permissions.clear()
    roles_ensure()
    roles_ensure()
    after = {
        g.name: set(g.permissions.values_list("codename", flat=True))
        for g in Group.objects.filter(name__in=ROLES)
    }
    assert after == before
    assert Group.objects.filter(name__in=ROLES).count() == 3


def test_createuser_prints_the_token_last_and_changes_roles(capsys):
    call_command("createuser", "zoe", "--role", "analyst", "--password", "s3cret-pass")
    token = capsys.readouterr().out.strip().splitlines()[-1]
    from django.contrib.auth import get_user_model
    from rest_framework.authtoken.models import Token

    user = get_user_model().objects.get(username="zoe")
    assert Token.objects.get(user=user).key == token
    assert user.check_password("s3cret-pass")
    assert role_of(user) == "analyst"

    call_command("createuser", "zoe", "--role", "viewer")
    assert capsys.readouterr().out.strip().splitlines()[-1] == token
    user = get_user_model().objects.get(username="zoe")
    assert role_of(user) == "viewer" and user.check_password("s3cret-pass")
