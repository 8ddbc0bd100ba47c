"""Roles: viewer < analyst < editor, as Django groups that carry Django permissions.

Viewers read. Analysts also review and add links, positions and events. Editors also edit cases,
parties, claims, clauses and feeds. A superuser counts as an editor.

The groups and their permissions are made by `roles_ensure()`, which is idempotent and called by
`user_set_role` (so by `manage.py createuser`). Not a data migration: Django creates Permission
rows in a post_migrate handler, after every migration has run, so on a fresh database a migration
would find no permissions to assign. Not post_migrate either: `roles_ensure()` runs where roles
are handed out, and re-running it repairs a group whose permissions were edited by hand.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group, Permission
from django.db import transaction
from django.db.models import Q
from rest_framework.authtoken.models import Token

ROLES = ("viewer", "analyst", "editor")
_RANK = {role: rank for rank, role in enumerate(ROLES)}

_READ_MODELS = {
    "cases": [
        "case",
        "party",
        "alias",
        "caseparty",
        "claim",
        "issue",
        "document",
        "clause",
        "clauseversion",
        "event",
    ],
    "news": ["feed", "story", "article", "articleversion"],
    "linking": ["link", "evidence", "position"],
}
# What each role may do beyond the role below it, as (app_label, codename) pairs.
ROLE_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    "viewer": [(app, f"view_{model}") for app, models in _READ_MODELS.items() for model in models],
    "analyst": [
        *[
            ("linking", f"{verb}_{model}")
            for verb in ("add", "change")
            for model in ("link", "evidence", "position")
        ],
        ("cases", "add_event"),
        ("cases", "change_event"),
    ],
    "editor": [
        *[
            ("cases", f"{verb}_{model}")
            for verb in ("add", "change", "delete")
            for model in _READ_MODELS["cases"]
        ],
        *[("news", f"{verb}_feed") for verb in ("add", "change", "delete")],
        *[("linking", f"delete_{model}") for model in ("link", "evidence", "position")],
    ],
}


def role_permissions(role: str) -> list[tuple[str, str]]:
    """Every permission a role holds: its own and those of the roles below it."""
    return [perm for name in ROLES[: _RANK[role] + 1] for perm in ROLE_PERMISSIONS[name]]


@transaction.atomic
def roles_ensure() -> dict[str, Group]:
    """Create the three groups and set exactly their permissions. Idempotent."""
    wanted = {perm for role in ROLES for perm in role_permissions(role)}
    query = Q()
    for app_label, codename in wanted:
        query |= Q(content_type__app_label=app_label, codename=codename)
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.filter(query).select_related("content_type")
    }
    if len(found) < len(wanted):  # e.g. a test database flushed without post_migrate
        for label in {app for app, _ in wanted}:
            create_permissions(apps.get_app_config(label), verbosity=0)
        found = {
            (p.content_type.app_label, p.codename): p
            for p in Permission.objects.filter(query).select_related("content_type")
        }
    groups = {}
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set([found[perm] for perm in role_permissions(role) if perm in found])
        groups[role] = group
    return groups


def role_of(user: AbstractBaseUser | AnonymousUser | None) -> str | None:
    """The user's highest role, or None for anonymous users and users with no role."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return "editor"
    names = getattr(user, "_tracker_roles", None)
    if names is None:
        names = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        user._tracker_roles = names
    ranked = sorted(names, key=_RANK.__getitem__)
    return ranked[-1] if ranked else None


def has_role(user: AbstractBaseUser | AnonymousUser | None, role: str) -> bool:
    """True when the user's role is `role` or above it."""
    current = role_of(user)
    return current is not None and _RANK[current] >= _RANK[role]


def can_read(user) -> bool:
    """Whether the user may read cases, articles, links and the rest (pages, feeds, API).

    Everyone may while settings.TRACKER_PUBLIC_READ is on; otherwise a role is needed (viewer or
    above): a logged-in account with no role reads nothing private."""
    return bool(settings.TRACKER_PUBLIC_READ) or has_role(user, "viewer")


def can_see_people(user) -> bool:
    """Who reviewed or changed what (history, reviewer usernames): readers with a role, as the
    history page; anonymous readers and accounts with no role see the items, not the people."""
    return has_role(user, "viewer")


def can_review(user) -> bool:
    return has_role(user, "analyst")


def can_edit(user) -> bool:
    return has_role(user, "editor")


@transaction.atomic
def user_set_role(*, username: str, role: str, password: str | None = None) -> tuple[object, str]:
    """Create the user or change its role; return (user, API token key)."""
    if role not in ROLES:
        raise ValueError(f"role {role!r} is not one of {', '.join(ROLES)}")
    groups = roles_ensure()
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=username)
    if password is not None:
        user.set_password(password)
    elif created:
        user.set_unusable_password()
    user.save()
    user.groups.remove(*groups.values())
    user.groups.add(groups[role])
    user.__dict__.pop("_tracker_roles", None)
    token, _ = Token.objects.get_or_create(user=user)
    return user, token.key
