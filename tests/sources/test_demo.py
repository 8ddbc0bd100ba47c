"""What `make demo` does for sources, offline: the recorded docket and two recorded reads of the
tracked terms document; running it again changes nothing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tracker.cases.models import Clause, Event
from tracker.sources.models import DocketEntry, DocketSync, DocumentChange

DEMO = Path(__file__).resolve().parents[2] / "tracker" / "demo"


def demo_sources(capsys) -> list[dict]:
    call_command(
        "docket", "attach", "musk-v-openai", "69013420", "--recorded", str(DEMO / "courtlistener")
    )
    terms = DEMO / "terms"
    call_command(
        "terms", "read", "openai-terms-of-use", str(terms / "openai-terms-1.html"),
        "--seen", "2024-02-01",
    )  # fmt: skip
    call_command("terms", "read", "openai-terms-of-use", str(terms / "openai-terms-2.html"))
    lines = capsys.readouterr().out.splitlines()
    return [json.loads(line) for line in lines if line.startswith("{")]


@pytest.mark.django_db
def test_demo_docket_and_terms_load_offline_and_twice_changes_nothing(capsys):
    call_command("loadcase", str(DEMO / "musk-v-openai.json"))
    docket, first, second = demo_sources(capsys)
    assert docket["entries_created"] == 8 and docket["requests"] == 3
    sync = DocketSync.objects.get(case__slug="musk-v-openai")
    assert sync.last_error == "" and sync.page_url.endswith("/docket/69013420/musk-v-altman/")
    ruling = Event.objects.get(case__slug="musk-v-openai", date=dt.date(2025, 3, 4))
    assert [e.number for e in ruling.docket_entries.all()] == [121]
    testimony = Event.objects.get(case__slug="musk-v-openai", date=dt.date(2026, 4, 30))
    assert [e.number for e in testimony.docket_entries.all()] == [402]  # a trial day's minutes
    assert first["change"] and second["change"]
    output = Clause.objects.get(document__slug="openai-terms-of-use", ref="use-of-output")
    assert output.versions.count() == 2 and "automated" in output.versions.latest().text

    again = demo_sources(capsys)
    assert again[0]["entries_created"] == again[0]["entries_updated"] == 0
    assert again[1] == {"document": "openai-terms-of-use", "skipped": "older than the last read"}
    assert again[2]["change"] is None
    assert DocumentChange.objects.count() == 2 and DocketEntry.objects.count() == 8


@pytest.mark.django_db
def test_terms_command_errors(tmp_path):
    call_command("loadcase", str(DEMO / "musk-v-openai.json"))
    with pytest.raises(CommandError, match="is not tracked"):
        call_command("terms", "refresh", "gemini-api-additional-terms")
    with pytest.raises(CommandError, match="no document"):
        call_command("terms", "refresh", "nope")
    page = tmp_path / "oops.html"
    page.write_text("<html><body><h1>Moved</h1><p>See elsewhere.</p></body></html>")
    with pytest.raises(CommandError, match="does not look like a terms document"):
        call_command("terms", "read", "openai-terms-of-use", str(page))
    with pytest.raises(CommandError, match="holds no docket.json"):
        call_command("docket", "attach", "musk-v-openai", "1", "--recorded", str(tmp_path))
    assert not DocketSync.objects.exists()
