from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from tests.factories import (
    AliasFactory,
    CaseFactory,
    CasePartyFactory,
    ClaimFactory,
    ClauseFactory,
    ClauseVersionFactory,
    EventFactory,
    PartyFactory,
)
from tracker.cases.models import Alias, Case, Event, Party


def raises_integrity(fn) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        fn()


@pytest.mark.django_db
def test_case_slug_is_unique():
    CaseFactory(slug="same")
    raises_integrity(lambda: Case.objects.create(slug="same", title="Again"))


@pytest.mark.django_db
def test_party_names_are_unique_ignoring_case():
    PartyFactory(name="OpenAI", slug="openai")
    raises_integrity(
        lambda: Party.objects.create(name="openai", slug="openai-2", kind="organization")
    )


@pytest.mark.django_db
def test_an_alias_belongs_to_one_party():
    AliasFactory(name="Musk")
    other = PartyFactory()
    raises_integrity(lambda: Alias.objects.create(party=other, name="MUSK"))


@pytest.mark.django_db
def test_no_duplicate_role_rows_but_several_roles_allowed():
    role = CasePartyFactory(role="plaintiff")
    CasePartyFactory(case=role.case, party=role.party, role="witness")
    raises_integrity(lambda: CasePartyFactory(case=role.case, party=role.party, role="plaintiff"))


@pytest.mark.django_db
def test_claim_slug_unique_within_a_case_only():
    claim = ClaimFactory(slug="fraud")
    ClaimFactory(slug="fraud")  # another case
    raises_integrity(lambda: ClaimFactory(case=claim.case, slug="fraud"))


@pytest.mark.django_db
def test_clause_text_at_a_date():
    clause = ClauseFactory()
    ClauseVersionFactory(clause=clause, text="old", effective=dt.date(2024, 1, 31))
    ClauseVersionFactory(clause=clause, text="new", effective=dt.date(2025, 6, 1))
    assert clause.version_at(dt.date(2024, 1, 30)) is None
    assert clause.version_at(dt.date(2024, 1, 31)).text == "old"
    assert clause.version_at(dt.date(2025, 5, 31)).text == "old"
    assert clause.version_at(dt.date(2025, 6, 1)).text == "new"
    raises_integrity(lambda: ClauseVersionFactory(clause=clause, effective=dt.date(2025, 6, 1)))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("precision", "display", "iso"),
    [
        ("day", "April 30, 2026", "2026-04-30"),
        ("month", "April 2026", "2026-04"),
        ("year", "2026", "2026"),
    ],
)
def test_event_dates_at_their_precision(precision, display, iso):
    event = EventFactory(date=dt.date(2026, 4, 30), precision=precision)
    assert (event.date_display, event.date_iso) == (display, iso)


@pytest.mark.django_db
def test_event_title_unique_per_case_and_date():
    event = EventFactory(title="Ruling")
    raises_integrity(lambda: Event.objects.create(case=event.case, date=event.date, title="Ruling"))
