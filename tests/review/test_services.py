from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import EventFactory, EvidenceFactory, LinkFactory, PositionFactory
from tests.review.conftest import ARTICLE_TEXT
from tracker.cases.models import Event
from tracker.linking.models import Link, Position
from tracker.review import services
from tracker.review.selectors import history_of

pytestmark = pytest.mark.django_db


def test_accept_reject_undo_sets_reviewer_and_bumps_version(analyst, article, parties):
    link = LinkFactory(article=article, party=parties["openai"])
    assert link.version == 1

    accepted = services.link_review(link=link, user=analyst, status="accepted", expected_version=1)
    assert (accepted.status, accepted.reviewed_by, accepted.version) == ("accepted", analyst, 2)
    assert accepted.reviewed_at is not None

    rejected = services.link_review(link=accepted, user=analyst, status="rejected")
    assert (rejected.status, rejected.version) == ("rejected", 3)

    undone = services.link_review(link=rejected, user=analyst, status="suggested")
    assert (undone.status, undone.reviewed_by, undone.reviewed_at) == ("suggested", None, None)
    assert Link.objects.get(pk=link.pk).version == 4


def test_stale_version_is_a_conflict_and_keeps_the_first_change(
    analyst, analyst2, article, parties
):
    link = LinkFactory(article=article, party=parties["openai"])
    services.link_review(link=link, user=analyst, status="accepted", expected_version=1)

    with pytest.raises(services.Conflict) as raised:
        # bob read version 1 too, before ana's change
        services.link_review(link=link, user=analyst2, status="rejected", expected_version=1)

    conflict = raised.value
    assert conflict.current.status == "accepted"
    assert conflict.current.version == 2
    assert conflict.changed_by == "ana"
    assert "Changed by ana at" in conflict.message
    stored = Link.objects.get(pk=link.pk)
    assert (stored.status, stored.reviewed_by) == ("accepted", analyst)


def test_viewer_cannot_review(viewer, article, parties):
    link = LinkFactory(article=article, party=parties["openai"])
    with pytest.raises(PermissionDenied):
        services.link_review(link=link, user=viewer, status="accepted")
    assert Link.objects.get(pk=link.pk).status == "suggested"


def test_unknown_status_is_rejected(analyst, article, parties):
    link = LinkFactory(article=article, party=parties["openai"])
    with pytest.raises(ValidationError, match="Unknown status"):
        services.link_review(link=link, user=analyst, status="maybe")


def test_link_create_finds_the_quote_and_fills_the_selector(analyst, article, parties):
    link = services.link_create(
        article=article,
        target_type="party",
        target="openai",  # a slug, case-insensitively
        quotes=["is theft of its work"],
        user=analyst,
    )
    assert (link.origin, link.status, link.created_by, link.reviewed_by) == (
        "analyst",
        "accepted",
        analyst,
        analyst,
    )
    (evidence,) = link.evidence.all()
    assert ARTICLE_TEXT[evidence.start : evidence.end] == evidence.exact == "is theft of its work"
    assert ARTICLE_TEXT[: evidence.start].endswith(evidence.prefix)
    assert ARTICLE_TEXT[evidence.end :].startswith(evidence.suffix)
    assert evidence.prefix and evidence.suffix == "."


def test_link_create_tolerates_whitespace_from_a_selection(analyst, article, parties):
    quote = "blunt terms.\n Asked whether"  # paragraphs joined differently by the browser
    link = services.link_create(
        article=article, target_type="party", target="Elon Musk", quotes=[quote], user=analyst
    )
    evidence = link.evidence.get()
    assert ARTICLE_TEXT[evidence.start : evidence.end] == "blunt terms.\n\nAsked whether"


def test_link_create_uses_prefix_to_pick_the_right_place(analyst, article, issue):
    second = ARTICLE_TEXT.index("distillation of its")
    link = services.link_create(
        article=article,
        target_type="issue",
        target="distillation",
        quotes=["distillation"],
        contexts=[("The rival lab said ", " of its models")],
        user=analyst,
    )
    assert link.evidence.get().start == second


def test_link_create_quote_not_in_text_says_so_and_stores_nothing(analyst, article, parties):
    with pytest.raises(ValidationError) as raised:
        services.link_create(
            article=article,
            target_type="party",
            target="OpenAI",
            quotes=["a sentence the article never had"],
            user=analyst,
        )
    (problem,) = raised.value.error_dict["evidence"]
    assert problem.code == "quote_not_found"
    assert (
        "Quote not found" in problem.message
        and "a sentence the article never had" in problem.message
    )
    assert not Link.objects.exists()


def test_link_create_on_a_suggested_link_accepts_it_with_the_new_evidence(
    analyst, article, parties
):
    """The analyst wins: their tag accepts the automatic suggestion for the same target."""
    link = LinkFactory(article=article, party=parties["openai"], confidence=0.3)
    EvidenceFactory(link=link, exact="A federal", start=0, end=9)
    again = services.link_create(
        article=article, target_type="party", target="OpenAI", quotes=["rival lab"], user=analyst
    )
    assert again.pk == link.pk
    assert (again.status, again.reviewed_by, again.version) == ("accepted", analyst, 2)
    assert sorted(e.exact for e in again.evidence.all()) == ["A federal", "rival lab"]


def test_link_create_unknown_target_names_the_problem(analyst, article):
    with pytest.raises(ValidationError, match="No party called 'Nobody'"):
        services.link_create(
            article=article, target_type="party", target="Nobody", quotes=["jury"], user=analyst
        )


def test_link_retarget_moves_the_link_and_accepts_it(analyst, article, parties):
    link = LinkFactory(article=article, party=parties["musk"])
    moved = services.link_retarget(
        link=link, user=analyst, target_type="party", target="OpenAI", expected_version=1
    )
    assert (moved.party, moved.status, moved.version) == (parties["openai"], "accepted", 2)


def test_link_retarget_refuses_a_duplicate_target(analyst, article, parties):
    link = LinkFactory(article=article, party=parties["musk"])
    LinkFactory(article=article, party=parties["openai"])
    with pytest.raises(ValidationError, match="already has a link to OpenAI"):
        services.link_retarget(link=link, user=analyst, target_type="party", target="OpenAI")
    assert Link.objects.get(pk=link.pk).party == parties["musk"]


def test_position_create_and_review(analyst, analyst2, article, parties, issue):
    position = services.position_create(
        article=article,
        party="OpenAI",
        issue="distillation",
        stance="opposes",
        quote="is theft of its work",
        user=analyst,
    )
    assert (position.origin, position.status, position.stance) == ("analyst", "accepted", "opposes")
    assert ARTICLE_TEXT[position.start : position.end] == position.quote
    assert position.date == article.published.date()

    undone = services.position_review(
        position=position, user=analyst2, status="suggested", expected_version=position.version
    )
    assert undone.status == "suggested"
    with pytest.raises(services.Conflict):
        services.position_review(
            position=position, user=analyst, status="rejected", expected_version=position.version
        )


def test_position_create_rejects_a_missing_quote(analyst, article, parties, issue):
    with pytest.raises(ValidationError, match="does not contain the quote “nope”"):
        services.position_create(
            article=article,
            party="OpenAI",
            issue=issue,
            stance="opposes",
            quote="nope",
            user=analyst,
        )
    assert not Position.objects.exists()


def test_event_review_is_locked_on_its_version_as_links_are(analyst, analyst2, case):
    event = EventFactory(case=case, status="suggested", origin="auto")
    seen = event.version
    reviewed = services.event_review(
        event=event, user=analyst, status="accepted", expected_version=seen
    )
    assert (reviewed.status, reviewed.reviewed_by) == ("accepted", analyst)
    assert reviewed.version == seen + 1
    with pytest.raises(services.Conflict) as raised:
        services.event_review(event=event, user=analyst2, status="rejected", expected_version=seen)
    assert raised.value.changed_by == "ana"
    assert Event.objects.get(pk=event.pk).status == "accepted"


def test_bulk_review_commits_each_and_reports_conflicts(analyst, article, parties, issue, case):
    fresh = LinkFactory(article=article, party=parties["musk"])
    stale = LinkFactory(article=article, party=parties["openai"])
    stale_version = stale.version
    services.link_review(link=stale, user=analyst, status="rejected")
    position = PositionFactory(party=parties["openai"], issue=issue)
    event = EventFactory(case=case, status="suggested")

    result = services.bulk_review(
        items=[(fresh, 1), (stale, stale_version), position, (event, None)],
        user=analyst,
        status="accepted",
    )
    assert sorted(type(o).__name__ for o in result.done) == ["Event", "Link", "Position"]
    assert [c.current.pk for c in result.conflicts] == [stale.pk]
    assert Link.objects.get(pk=fresh.pk).status == "accepted"
    assert Link.objects.get(pk=stale.pk).status == "rejected"


def test_every_review_is_in_the_history_with_its_user(analyst, analyst2, article, parties):
    link = LinkFactory(article=article, party=parties["openai"])
    link = services.link_review(link=link, user=analyst, status="accepted")
    services.link_review(link=link, user=analyst2, status="rejected")

    entries = history_of(link)
    assert [e["action"] for e in entries] == ["created", "changed", "changed"]
    assert [e["who"] for e in entries[1:]] == ["ana", "bob"]
    last = {c["field"]: (c["old"], c["new"]) for c in entries[-1]["changes"]}
    assert last["status"] == ("accepted", "rejected")
    assert last["reviewed_by"] == ("ana", "bob")  # related users by name, not id


def test_history_creation_lists_initial_values_and_the_api_names(analyst, article, parties):
    link = services.link_create(
        article=article, target_type="party", target="OpenAI", quotes=["rival lab"], user=analyst
    )
    (created,) = history_of(link)
    assert (created["action"], created["who"], created["changes"]) == ("created", "ana", [])
    initial = {item["field"]: item["value"] for item in created["initial"]}
    assert initial["party"] == "OpenAI" and initial["origin"] == "analyst"
    assert initial["created_by"] == "ana" and "version" not in initial

    services.link_review(link=link, user=analyst, status="rejected")
    change = next(c for c in history_of(link)[-1]["changes"] if c["field"] == "status")
    assert (
        (change["from"], change["to"])
        == (change["old"], change["new"])
        == (
            "accepted",
            "rejected",
        )
    )


def test_link_create_accepts_the_api_evidence_items(analyst, article, issue):
    link = services.link_create(
        article=article,
        target_type="issue",
        target="distillation",
        quotes=[{"exact": "distillation", "prefix": "The rival lab said "}],
        user=analyst,
    )
    assert link.evidence.get().start == ARTICLE_TEXT.index("distillation of its")


def test_event_create_stands_accepted_by_the_analyst_and_is_in_the_history(analyst, viewer, case):
    import datetime as dt

    values = {"case": case, "date": dt.date(2026, 4, 30), "title": "Testimony on distillation"}
    with pytest.raises(PermissionDenied):
        services.event_create(user=viewer, values=values)
    assert not Event.objects.filter(title=values["title"]).exists()
    event = services.event_create(user=analyst, values=values)
    event.refresh_from_db()
    assert (event.status, event.origin, event.confidence) == ("accepted", "analyst", 1.0)
    assert event.reviewed_by == analyst and event.reviewed_at is not None
    assert event.history.first().history_user == analyst
