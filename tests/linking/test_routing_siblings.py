"""Several cases between the same parties (routing.routes_foremost, routes_covering,
suits.sides_suing, matcher.Matcher._captions): an article is filed under the case whose own title,
claims, events, judge or suit it reports first, not under the other suit it recalls as
background, and the other suit's claims do not leak into it."""

from __future__ import annotations

import pytest

from tests.factories import ArticleFactory
from tests.linking.conftest import PUBLISHED
from tracker.cases.casefile import case_load
from tracker.linking.matcher import matcher_build
from tracker.linking.models import Link
from tracker.linking.services import articles_link

pytestmark = pytest.mark.django_db

# A founder's suit against a lab (Lumen Labs countersued her and her company, Corvid AI), her
# company's own trade secrets suit against the same lab, and a newspaper's suit against it.
FOUNDER = {
    "slug": "vance-v-lumen",
    "title": "Vance v. Lumen Labs",
    "parties": [
        {"name": "Ada Vance", "kind": "person", "roles": ["plaintiff", "counter-defendant"]},
        {"name": "Lumen Labs", "kind": "organization", "roles": ["defendant", "counter-plaintiff"]},
        {"name": "Corvid AI", "kind": "organization", "role": "counter-defendant",
         "aliases": ["Corvid"]},
        {"name": "Omar Reyes", "kind": "person", "role": "judge", "aliases": ["Judge Reyes"]},
    ],
    "claims": [
        {"slug": "charity", "title": "Breach of charitable trust", "by": ["Ada Vance"],
         "against": ["Lumen Labs"], "keywords": ["non-profit mission"]},
        {"slug": "counter-harassment", "title": "Counterclaim: harassment", "by": ["Lumen Labs"],
         "against": ["Ada Vance"], "keywords": ["harassment"]},
    ],
}  # fmt: skip
COMPANY = {
    "slug": "corvid-v-lumen",
    "title": "Corvid AI Inc. v. Lumen Labs",
    "parties": [
        {"name": "Corvid AI", "kind": "organization", "role": "plaintiff", "aliases": ["Corvid"]},
        {"name": "Lumen Labs", "kind": "organization", "role": "defendant"},
        {"name": "Nora Pell", "kind": "person", "role": "judge", "aliases": ["Judge Pell"]},
    ],
    "claims": [
        {"slug": "secrets", "title": "Misappropriation of trade secrets", "by": ["Corvid AI"],
         "against": ["Lumen Labs"], "keywords": ["trade secrets"]},
    ],
}  # fmt: skip
PAPER = {
    "slug": "ledger-v-lumen",
    "title": "Daily Ledger v. Lumen Labs",
    "parties": [
        {"name": "Daily Ledger", "kind": "organization", "role": "plaintiff"},
        {"name": "Lumen Labs", "kind": "organization", "role": "defendant"},
    ],
}


@pytest.fixture
def siblings(db):
    for data in (FOUNDER, COMPANY, PAPER):
        case_load(data=dict(data))


def _linked(text: str, title: str) -> dict[str, set[str]]:
    article = ArticleFactory(text=text, title=title, published=PUBLISHED)
    articles_link([article.id])
    out: dict[str, set[str]] = {}
    for link in Link.objects.filter(article=article).select_related("case", "claim"):
        target = link.case or link.claim
        if target is not None:
            out.setdefault(link.target_type, set()).add(target.slug)
    return out


def test_a_short_caption_names_the_case_but_not_one_where_its_plaintiff_was_only_sued(siblings):
    found = matcher_build().find("In Corvid v. Lumen Labs, the judge ruled on Monday.")
    assert {m.target_id for m in found if m.kind == "case"} == {
        _case_id("corvid-v-lumen")
    }  # not Vance v. Lumen Labs, where Corvid AI is only a counter-defendant


def _case_id(slug: str) -> int:
    from tracker.cases.models import Case

    return Case.objects.get(slug=slug).id


def test_each_report_is_filed_under_the_suit_it_tells_not_the_one_it_recalls(siblings):
    text = (
        "Ada Vance's artificial intelligence startup Corvid AI has sued Lumen Labs in federal "
        "court, accusing it of hiring away engineers to get at its trade secrets.\n\n"
        "The complaint says the lab approached people who knew Corvid's code and urged them to "
        "bring it along.\n\n"
        "The suit is the latest front in Vance's long fight with Lumen Labs. She is also suing "
        "the lab over its non-profit mission, and Lumen Labs has countersued her, accusing her "
        "of harassment."
    )
    linked = _linked(text, "Vance's Corvid AI sues Lumen Labs over poached engineers")
    assert linked["case"] == {"corvid-v-lumen"}
    assert linked["claim"] == {"secrets"}  # not the founder's charity or the counterclaim
    # The other way round: the trial is the news, the trade secrets suit background.
    text = (
        "Ada Vance told the jury in Oakland on Thursday that Lumen Labs abandoned the non-profit "
        "mission she paid for, and Judge Omar Reyes let her lawyers read old e-mails aloud.\n\n"
        "Her startup Corvid AI separately sued Lumen Labs last year over trade secrets."
    )
    linked = _linked(text, "Vance takes the stand against Lumen Labs")
    assert linked["case"] == {"vance-v-lumen"}
    assert "secrets" not in linked.get("claim", set())


def test_the_ruling_reported_first_beats_the_other_suit_recalled_later(siblings):
    # No suit verb in the headline; the founder is named as her company's owner in the lead.
    text = (
        "Lumen Labs has won the dismissal of Corvid AI's lawsuit, though the judge left the door "
        "open for Ada Vance's company to try again.\n\n"
        "Judge Nora Pell ruled on Tuesday that the complaint described what departing employees "
        "did but not what the lab did, and dismissed it.\n\n"
        "It is a setback for Vance. Her main case against Lumen Labs, which accuses the lab of "
        "abandoning its non-profit mission, goes to trial in April before Judge Omar Reyes, and "
        "the lab has called the trade secrets suit more of the same harassment."
    )
    linked = _linked(text, "Vance's Corvid AI loses first round against Lumen Labs")
    assert linked["case"] == {"corvid-v-lumen"}


def test_a_digest_goes_to_the_suit_it_tells_not_to_a_third_case_of_the_defendant(siblings):
    # Lumen Labs is all that Daily Ledger's case has here: the digest's items are the other two.
    text = (
        "1. Corvid v. Lumen Labs ends\n\n"
        "Judge Nora Pell ended Corvid AI's trade secrets suit against Lumen Labs on Monday, "
        "dismissing it for good.\n\n"
        "2. Elsewhere\n\n"
        "The Vance v. Lumen Labs jury trial, where Vance testified in April, remains the bigger "
        "fight between the two sides."
    )
    assert _linked(text, "The week in AI and the courts")["case"] == {"corvid-v-lumen"}
