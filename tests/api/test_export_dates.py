"""Event exports: every API field, and typed date columns beside the mixed-precision `date`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from tests import factories as f
from tracker.cases.models import Event

from .test_exports import body_of


def _events(anon, fmt: str) -> dict[str, dict]:
    text = body_of(anon.get(f"/api/v1/export/events.{fmt}", {"case": "musk-v-openai"}))
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
    else:
        rows = [json.loads(line) for line in text.splitlines()]
    return {row["title"]: row for row in rows}


def test_events_keep_description_and_source_url(anon, world):
    f.EventFactory(
        case=world.case,
        title="Ruling on the motion",
        description="The judge let the fraud claim go ahead.",
        source_url="https://court.example/orders/12",
    )
    for fmt in ("csv", "ndjson"):
        row = _events(anon, fmt)["Ruling on the motion"]
        assert row["description"] == "The judge let the fraud claim go ahead."
        assert row["source_url"] == "https://court.example/orders/12"


def test_date_start_and_end_give_the_span_in_iso(anon, world):
    f.EventFactory(case=world.case, title="Year", precision=Event.Precision.YEAR,
                   date=dt.date(2024, 1, 1))  # fmt: skip
    leap = f.EventFactory(case=world.case, title="Leap February",
                          precision=Event.Precision.MONTH, date=dt.date(2024, 2, 1))  # fmt: skip
    Event.objects.filter(pk=leap.pk).update(date=dt.date(2024, 2, 17))  # stored mid-month
    for fmt in ("csv", "ndjson"):
        rows = _events(anon, fmt)
        spans = {t: (r["date"], r["date_start"], r["date_end"]) for t, r in rows.items()}
        assert spans["Musk testifies"] == ("2026-04-30", "2026-04-30", "2026-04-30")
        assert spans["Complaint amended"] == ("2025-03", "2025-03-01", "2025-03-31")
        assert spans["Year"] == ("2024", "2024-01-01", "2024-12-31")
        assert spans["Leap February"] == ("2024-02", "2024-02-01", "2024-02-29")


def test_years_before_1000_have_four_digits(anon, world):
    for precision in Event.Precision.values:
        f.EventFactory(case=world.case, title=f"Ancient {precision}", precision=precision,
                       date=dt.date(800, 12, 25))  # fmt: skip
    rows = _events(anon, "csv")
    assert rows["Ancient year"]["date"] == "0800"
    assert rows["Ancient month"]["date"] == "0800-12"
    assert rows["Ancient day"]["date"] == "0800-12-25"
    assert rows["Ancient year"]["date_start"] == "0800-01-01"
    assert rows["Ancient month"]["date_end"] == "0800-12-31"
