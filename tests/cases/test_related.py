"""Related cases: the case-file key, the constraint against self-relations, the selectors."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from django.db import IntegrityError

from tests.cases.test_casefile import SMALL
from tests.factories import CaseFactory, EventFactory
from tracker.cases.casefile import CaseFileError, case_dump, case_load
from tracker.cases.models import Case, CaseRelation, ReviewStatus
from tracker.cases.selectors import case_related_events, case_relations


def appeal_file(related):
    data = copy.deepcopy(SMALL)
    data.update(slug="acme-v-widgets-appeal", title="Acme v. Widgets (appeal)", related=related)
    data["feeds"] = []
    return data


@pytest.mark.django_db
def test_related_loads_dumps_and_is_idempotent():
    case_load(data=copy.deepcopy(SMALL))
    related = [{"case": "acme-v-widgets", "kind": "appeal-of", "note": "Ninth Circuit"}]
    case_load(data=appeal_file(related))
    rel = CaseRelation.objects.get()
    assert (rel.from_case.slug, rel.to_case.slug, rel.kind) == (
        "acme-v-widgets-appeal", "acme-v-widgets", "appeal-of",
    )  # fmt: skip
    again = case_load(data=appeal_file(related))
    assert (again.created, again.updated) == (0, 0)
    appeal = Case.objects.get(slug="acme-v-widgets-appeal")
    assert case_dump(case=appeal)["related"] == related
    assert "related" not in case_dump(case=Case.objects.get(slug="acme-v-widgets"))


@pytest.mark.django_db
def test_unknown_related_case_rolls_back():
    with pytest.raises(CaseFileError) as info:
        case_load(data=appeal_file([{"case": "nowhere", "kind": "parallel-to"}]))
    assert info.value.problems == [
        "related[0].case: no case 'nowhere' is loaded (load its file first)"
    ]
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("related", "expected"),
    [
        (
            [{"case": "acme-v-widgets-appeal", "kind": "appeal-of"}],
            "related[0].case: a case cannot be related to itself",
        ),
        ([{"case": "x", "kind": "sibling"}], "related[0].kind: 'sibling' is not one of"),
        ([{"kind": "appeal-of"}], "related[0].case: is required"),
        (
            [{"case": "not a slug", "kind": "appeal-of"}],
            "related[0].case: 'not a slug' is not a slug",
        ),
    ],
)
@pytest.mark.django_db
def test_bad_related_names_the_place(related, expected):
    with pytest.raises(CaseFileError) as info:
        case_load(data=appeal_file(related))
    assert any(p.startswith(expected) for p in info.value.problems), info.value.problems


@pytest.mark.django_db
def test_no_self_relation_in_the_database():
    case = CaseFactory()
    with pytest.raises(IntegrityError):
        CaseRelation.objects.create(from_case=case, to_case=case, kind="parallel-to")


@pytest.mark.django_db
def test_related_events_both_ways(django_assert_max_num_queries):
    trial, appeal, parallel, unrelated = (CaseFactory(title=t) for t in "ABCD")
    CaseRelation.objects.create(from_case=appeal, to_case=trial, kind="appeal-of")
    CaseRelation.objects.create(from_case=trial, to_case=parallel, kind="parallel-to")
    e1 = EventFactory(case=appeal, date=dt.date(2026, 9, 1), title="Notice of appeal")
    e2 = EventFactory(case=parallel, date=dt.date(2026, 2, 1), title="Parallel ruling")
    EventFactory(case=parallel, status=ReviewStatus.SUGGESTED, title="Unreviewed")
    EventFactory(case=unrelated, title="Elsewhere")
    EventFactory(case=trial, title="Own event")
    with django_assert_max_num_queries(3):
        events = case_related_events(case=trial)
        labels = [(r.event.title, r.related.case.title, r.related.label) for r in events]
    assert labels == [
        ("Parallel ruling", "C", "Parallel to"),
        ("Notice of appeal", "B", "Appealed in"),
    ]
    assert [r.event for r in events] == [e2, e1]
    from_appeal = case_relations(case=appeal)
    assert [(r.case, r.label) for r in from_appeal] == [(trial, "Appeal of")]
    assert case_related_events(case=unrelated) == []
