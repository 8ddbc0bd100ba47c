"""Per-claim status: the case-file key (optional), its validation, dump, and the selectors."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from django.db import IntegrityError

from tests.cases.test_casefile import SMALL
from tests.factories import CaseFactory, ClaimFactory
from tracker.cases.casefile import CaseFileError, case_dump, case_load
from tracker.cases.models import Case, ClaimStatus
from tracker.cases.selectors import claim_status_histories, claim_status_on, claim_status_timeline

HISTORY = [
    {"status": "pleaded", "date": "2024-08-05", "source": "https://court.example/docket/1"},
    {"status": "survives-motion-to-dismiss", "date": "2025-03", "note": "fraud count dismissed"},
    {"status": "decided", "date": "2026-05-20"},
]


def with_history(history=HISTORY):
    data = copy.deepcopy(SMALL)
    data["claims"][0]["status_history"] = copy.deepcopy(history)
    return data


@pytest.mark.django_db
def test_older_files_without_the_key_still_load_and_dump_unchanged():
    case_load(data=copy.deepcopy(SMALL))
    assert not ClaimStatus.objects.exists()
    dumped = case_dump(case=Case.objects.get(slug=SMALL["slug"]))
    assert "status_history" not in dumped["claims"][0]


@pytest.mark.django_db
def test_load_dump_and_reload_are_idempotent():
    report = case_load(data=with_history())
    assert ClaimStatus.objects.count() == 3
    row = ClaimStatus.objects.get(status="survives-motion-to-dismiss")
    assert (row.date, row.precision, row.note) == (
        dt.date(2025, 3, 1),
        "month",
        "fraud count dismissed",
    )
    assert ClaimStatus.objects.get(status="pleaded").source_url == "https://court.example/docket/1"
    assert report.created > 0
    again = case_load(data=with_history())
    assert (again.created, again.updated) == (0, 0)
    dumped = case_dump(case=Case.objects.get(slug=SMALL["slug"]))
    assert dumped["claims"][0]["status_history"] == HISTORY
    Case.objects.all().delete()
    case_load(data=dumped)
    assert case_dump(case=Case.objects.get(slug=SMALL["slug"])) == dumped


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        (
            [{"status": "lost", "date": "2025-01-01"}],
            "claims[0].status_history[0].status: 'lost' is not one of",
        ),
        ([{"status": "pleaded"}], "claims[0].status_history[0].date: is required"),
        (
            [{"status": "pleaded", "date": "2025-01-01"}, {"status": "decided", "date": "soon"}],
            "claims[0].status_history[1].date: 'soon' is not a date",
        ),
        (
            [{"status": "pleaded", "date": "2025-01-01", "by": "x"}],
            "claims[0].status_history[0].by: unknown key",
        ),
        ("pleaded", "claims[0].status_history: expected a list"),
    ],
)
@pytest.mark.django_db
def test_bad_status_history_names_the_place(history, expected):
    with pytest.raises(CaseFileError) as info:
        case_load(data=with_history(history))
    assert any(p.startswith(expected) for p in info.value.problems), info.value.problems
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_selectors(django_assert_max_num_queries):
    case = CaseFactory()
    a, b = ClaimFactory(case=case, title="A claim"), ClaimFactory(case=case, title="B claim")
    ClaimFactory(case=CaseFactory())  # another case's claim
    rows = [
        ClaimStatus.objects.create(claim=a, status="pleaded", date=dt.date(2024, 1, 10)),
        ClaimStatus.objects.create(claim=b, status="pleaded", date=dt.date(2024, 1, 10)),
        ClaimStatus.objects.create(claim=a, status="dismissed", date=dt.date(2025, 2, 1)),
        ClaimStatus.objects.create(claim=b, status="settled", date=dt.date(2024, 9, 9)),
    ]
    with django_assert_max_num_queries(1):
        timeline = claim_status_timeline(case=case)
        assert [r.claim.title for r in timeline] == ["A claim", "B claim", "B claim", "A claim"]
    assert [r.date for r in timeline] == sorted(r.date for r in rows)
    with django_assert_max_num_queries(2):
        histories = claim_status_histories(case=case)
        assert [(h.claim, h.current.status) for h in histories] == [
            (a, "dismissed"),
            (b, "settled"),
        ]
    assert claim_status_on(claim=a, on=dt.date(2025, 1, 31)).status == "pleaded"
    assert claim_status_on(claim=a, on=dt.date(2025, 2, 1)).status == "dismissed"
    assert claim_status_on(claim=a, on=dt.date(2023, 12, 31)) is None


@pytest.mark.django_db
def test_same_status_same_day_once():
    claim = ClaimFactory()
    ClaimStatus.objects.create(claim=claim, status="amended", date=dt.date(2025, 1, 1))
    with pytest.raises(IntegrityError):
        ClaimStatus.objects.create(claim=claim, status="amended", date=dt.date(2025, 1, 1))
