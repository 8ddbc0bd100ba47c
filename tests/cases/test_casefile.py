from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tracker.cases.casefile import CaseFileError, case_dump, case_load
from tracker.cases.models import Alias, Case, CaseParty, Claim, ClauseVersion, Event, Party
from tracker.news.models import Feed

DEMO = Path(__file__).resolve().parents[2] / "tracker" / "demo" / "musk-v-openai.json"

SMALL = {
    "slug": "acme-v-widgets",
    "title": "Acme v. Widgets",
    "summary": "A made-up dispute over a terms clause.",
    "court": "Example District Court",
    "docket": "1:25-cv-00001",
    "status": "open",
    "parties": [
        {"name": "Acme Corp", "kind": "organization", "role": "plaintiff", "aliases": ["Acme"]},
        {"name": "Widgets Ltd", "kind": "organization", "role": "defendant", "aliases": []},
        {"name": "Dana Reyes", "kind": "person", "role": "witness", "aliases": ["Reyes"]},
    ],
    "claims": [
        {
            "slug": "breach",
            "title": "Breach of contract",
            "by": ["Acme Corp"],
            "against": ["Widgets Ltd"],
            "keywords": ["breach"],
        }
    ],
    "issues": [{"slug": "scraping", "title": "Is scraping fair?", "keywords": ["scrape"]}],
    "documents": [
        {
            "slug": "widgets-terms",
            "title": "Widgets Terms",
            "owner": "Widgets Ltd",
            "url": "https://widgets.example/terms",
            "clauses": [
                {
                    "ref": "no-scraping",
                    "title": "No scraping",
                    "text": "Second wording.",
                    "effective": "2025-06-01",
                    "keywords": ["scraping"],
                    "versions": [{"text": "First wording.", "effective": "2024-01-01"}],
                }
            ],
        }
    ],
    "events": [
        {"date": "2025-03-04", "precision": "day", "kind": "filing", "title": "Complaint filed"},
        {"date": "2025-05", "precision": "month", "kind": "hearing", "title": "Hearing held"},
    ],
    "feeds": [{"url": "https://widgets.example/feed.xml", "title": "Widgets news"}],
}


def load(data):
    return case_load(data=copy.deepcopy(data))


def problems_of(data) -> list[str]:
    with pytest.raises(CaseFileError) as info:
        load(data)
    return info.value.problems


@pytest.mark.django_db
def test_load_creates_everything():
    report = load(SMALL)
    case = Case.objects.get(slug="acme-v-widgets")
    assert report.case == case and report.created > 0
    assert set(case.parties.values_list("name", flat=True)) == {
        "Acme Corp",
        "Widgets Ltd",
        "Dana Reyes",
    }
    assert Alias.objects.get(name="Acme").party.name == "Acme Corp"
    claim = Claim.objects.get(case=case, slug="breach")
    assert [p.name for p in claim.by.all()] == ["Acme Corp"]
    assert [p.name for p in claim.against.all()] == ["Widgets Ltd"]
    clause = case.documents.get().clauses.get()
    assert clause.versions.count() == 2
    hearing = Event.objects.get(title="Hearing held")
    assert (hearing.date.isoformat(), hearing.precision, hearing.date_iso) == (
        "2025-05-01",
        "month",
        "2025-05",
    )
    assert hearing.status == "accepted"
    assert Feed.objects.get(url="https://widgets.example/feed.xml").cases.get() == case


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    load(SMALL)
    counts = {
        m: m.objects.count() for m in (Case, Party, Alias, CaseParty, Claim, ClauseVersion, Event)
    }
    history = {m: m.history.count() for m in (Case, Party, Claim, Event)}
    report = load(SMALL)
    assert report.created == 0 and report.updated == 0 and report.unchanged > 0
    assert {m: m.objects.count() for m in counts} == counts
    assert {m: m.history.count() for m in history} == history


@pytest.mark.django_db
def test_reload_updates_changed_values():
    load(SMALL)
    changed = copy.deepcopy(SMALL)
    changed["title"] = "Acme Corp v. Widgets Ltd"
    changed["events"][0]["kind"] = "ruling"
    report = load(changed)
    assert report.updated == 2
    assert Case.objects.get(slug="acme-v-widgets").title == "Acme Corp v. Widgets Ltd"
    assert Event.objects.get(title="Complaint filed").kind == "ruling"


@pytest.mark.django_db
def test_dump_round_trip():
    load(SMALL)
    dumped = case_dump(case=Case.objects.get(slug="acme-v-widgets"))
    assert dumped["slug"] == SMALL["slug"]
    assert dumped["parties"] == [
        {"name": "Acme Corp", "kind": "organization", "role": "plaintiff", "aliases": ["Acme"]},
        {"name": "Widgets Ltd", "kind": "organization", "role": "defendant", "aliases": []},
        {"name": "Dana Reyes", "kind": "person", "role": "witness", "aliases": ["Reyes"]},
    ]
    assert dumped["claims"] == SMALL["claims"]
    assert dumped["issues"] == SMALL["issues"]
    assert dumped["documents"] == SMALL["documents"]
    assert dumped["events"][1]["date"] == "2025-05-01"
    assert dumped["feeds"] == SMALL["feeds"]
    # Loading the dump into a fresh database gives the same dump back.
    Case.objects.all().delete()
    Party.objects.all().delete()
    load(dumped)
    assert case_dump(case=Case.objects.get(slug="acme-v-widgets")) == dumped


@pytest.mark.django_db
def test_demo_case_loads_and_round_trips(capsys):
    call_command("loadcase", str(DEMO))
    call_command("dumpcase", "musk-v-openai")
    out = capsys.readouterr().out
    dumped = json.loads(out[out.index("{") :])
    source = json.loads(DEMO.read_text())
    for event in source["events"]:  # a month-precise date is stored as its first day
        event["date"] = {"month": event["date"] + "-01", "day": event["date"]}[event["precision"]]
    for claim in source["claims"]:  # parties on a side of a claim come out by name
        claim["by"].sort()
        claim["against"].sort()
    assert dumped == source
    assert Event.objects.get(date="2026-04-30").kind == "testimony"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["parties"][2].update(kind="company"),
            "parties[2].kind: 'company' is not one of person, organization",
        ),
        (lambda d: d.update(colour="red"), "colour: unknown key"),
        (lambda d: d["claims"][0].update(weight=3), "claims[0].weight: unknown key"),
        (
            lambda d: d["claims"][0]["against"].append("Nobody Inc"),
            "claims[0].against[1]: party 'Nobody Inc' is not defined in this file's parties",
        ),
        (
            lambda d: d["documents"][0].update(owner="Ghost LLC"),
            "documents[0].owner: party 'Ghost LLC' is not defined",
        ),
        (
            lambda d: d["events"][0].update(date="2025-13-40"),
            "events[0].date: '2025-13-40' is not a date",
        ),
        (
            lambda d: d["events"][1].update(date=20250501),
            "events[1].date: expected a date string, got a int",
        ),
        (lambda d: d.update(parties={"name": "x"}), "parties: expected a list, got an object"),
        (
            lambda d: d["issues"][0].update(keywords="scrape"),
            "issues[0].keywords: expected a list of strings",
        ),
        (lambda d: d.pop("title"), "title: is required"),
        (lambda d: d.update(slug="not a slug!"), "slug: 'not a slug!' is not a slug"),
        (
            lambda d: d["parties"][1]["aliases"].append("Acme"),
            "parties[1].aliases[0]: 'Acme' already names Acme Corp",
        ),
        (
            lambda d: d["events"][0].update(precision="week"),
            "events[0].precision: 'week' is not one of day, month, year",
        ),
    ],
)
@pytest.mark.django_db
def test_bad_files_name_the_place_and_change_nothing(change, expected):
    load(SMALL)
    before = case_dump(case=Case.objects.get(slug="acme-v-widgets"))
    bad = copy.deepcopy(SMALL)
    bad["summary"] = "This would change the summary if anything were written."
    change(bad)
    problems = problems_of(bad)
    assert any(p.startswith(expected) for p in problems), problems
    assert case_dump(case=Case.objects.get(slug="acme-v-widgets")) == before


@pytest.mark.django_db
def test_alias_of_another_party_in_the_database_rolls_back():
    load(SMALL)
    other = copy.deepcopy(SMALL)
    other.update(slug="other-case", title="Other")
    other["parties"] = [{"name": "Someone Else", "kind": "person", "aliases": ["Acme"]}]
    for key in ("claims", "documents", "events", "feeds", "issues"):
        other[key] = []
    problems = problems_of(other)
    assert "already belongs to Acme Corp" in problems[0]
    assert not Case.objects.filter(slug="other-case").exists()
    assert not Party.objects.filter(name="Someone Else").exists()


@pytest.mark.django_db
def test_loadcase_command_reports_bad_json(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"slug": "x", "title": ')
    with pytest.raises(CommandError, match=r"not valid JSON: .*line 1"):
        call_command("loadcase", str(path))
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_top_level_must_be_an_object():
    assert problems_of([1, 2]) == ["(top): expected an object, got a list"]


@pytest.mark.django_db
def test_dumpcase_unknown_slug():
    with pytest.raises(CommandError, match="no case with slug 'nope'"):
        call_command("dumpcase", "nope")


@pytest.mark.django_db
def test_an_alias_differing_only_in_case_is_the_same_alias_and_counted():
    data = copy.deepcopy(SMALL)
    data["parties"][0]["aliases"] = ["Acme", "ACME", "AcmeBot", "Acmebot"]
    report = load(data)
    names = sorted(Alias.objects.filter(party__name="Acme Corp").values_list("name", flat=True))
    assert names == ["Acme", "AcmeBot"]
    again = load(data)
    assert (again.created, again.updated) == (0, 0)
    assert again.unchanged > report.unchanged  # the four aliases are known now
