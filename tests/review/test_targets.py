from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tests.factories import AliasFactory, ClaimFactory, ClauseFactory, EventFactory
from tracker.review.targets import target_resolve

pytestmark = pytest.mark.django_db


def test_party_by_name_alias_or_slug(parties):
    AliasFactory(party=parties["musk"], name="Musk")
    for name in ("Elon Musk", "elon musk", "Musk", "elon-musk"):
        assert target_resolve(target_type="party", target=name) == parties["musk"]


def test_claim_issue_clause_event_case(case, issue):
    claim = ClaimFactory(case=case, slug="breach")
    clause = ClauseFactory(ref="use-of-output")
    event = EventFactory(case=case, title="Musk testifies")
    assert target_resolve(target_type="claim", target="breach", case=case) == claim
    assert target_resolve(target_type="issue", target="Distillation") == issue
    doc = clause.document.slug
    assert target_resolve(target_type="clause", target=f"{doc}#use-of-output") == clause
    assert target_resolve(target_type="clause", target="use-of-output") == clause
    assert target_resolve(target_type="event", target=str(event.pk)) == event
    assert target_resolve(target_type="event", target="musk testifies", case=case) == event
    assert target_resolve(target_type="case", target="musk-v-openai") == case


def test_problems_are_named(case, issue):
    ClaimFactory(slug="same")
    ClaimFactory(slug="same")
    with pytest.raises(ValidationError, match="names more than one claim"):
        target_resolve(target_type="claim", target="same")
    with pytest.raises(ValidationError, match="Unknown target type 'story'"):
        target_resolve(target_type="story", target="x")
    with pytest.raises(ValidationError, match="No issue called 'nope' in case 'musk-v-openai'"):
        target_resolve(target_type="issue", target="nope", case=case)
    with pytest.raises(ValidationError, match="is a Issue, not a party"):
        target_resolve(target_type="party", target=issue)
    with pytest.raises(ValidationError, match="Say which party"):
        target_resolve(target_type="party", target="  ")
