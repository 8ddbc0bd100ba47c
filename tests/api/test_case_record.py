"""The court record of a case through the API: read by anyone, written by editors."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from tests import factories as f
from tracker.cases.models import CaseParty


def test_case_detail_carries_the_court_record_and_judge(anon, world):
    case = world.case
    case.caption, case.date_filed, case.cause = "Musk v. Altman", dt.date(2024, 8, 5), "RICO"
    case.courtlistener_docket = 123
    case.save()
    judge = f.PartyFactory(name="Judge One", kind="person")
    f.CasePartyFactory(case=case, party=judge, role=CaseParty.Role.JUDGE)
    detail = anon.get(reverse("api:case-detail", args=[case.slug])).json()
    assert detail["caption"] == "Musk v. Altman"
    assert detail["date_filed"] == "2024-08-05" and detail["date_terminated"] is None
    assert detail["cause"] == "RICO" and detail["courtlistener_docket"] == 123
    assert detail["judge"] == "Judge One"
    other = anon.get(reverse("api:case-detail", args=[world.other_case.slug])).json()
    assert other["judge"] is None


def test_editor_sets_dates_and_a_termination_before_filing_is_a_400(editor, world):
    url = reverse("api:case-detail", args=[world.case.slug])
    ok = editor.patch(url, {"date_filed": "2024-08-05", "jury_demand": "Both"}, format="json")
    assert ok.status_code == 200, ok.json()
    bad = editor.patch(url, {"date_terminated": "2024-01-01"}, format="json")
    assert bad.status_code == 400
    assert "before date_filed" in str(bad.json())
    world.case.refresh_from_db()
    assert world.case.date_terminated is None and world.case.jury_demand == "Both"


def test_judge_is_read_only(editor, world):
    url = reverse("api:case-detail", args=[world.case.slug])
    response = editor.patch(url, {"judge": "Someone"}, format="json")
    assert response.status_code == 200
    assert response.json()["judge"] is None
