"""A paper's short form ("the Post" for the Harbor Daily Post) names the party only in an
article filed under its case (analysis._short_forms_link, context._short_forms_load). The case
and the texts are invented for these tests."""

from __future__ import annotations

import pytest

from tests.factories import ArticleFactory
from tests.linking.conftest import PUBLISHED
from tracker.cases.casefile import case_load
from tracker.linking.models import Link
from tracker.linking.services import articles_link

pytestmark = pytest.mark.django_db

PAPERS = {
    "slug": "harbor-v-quillbot",
    "title": "Harbor Media v. Quillbot",
    "parties": [
        {"name": "Harbor Media", "kind": "organization", "role": "plaintiff"},
        {
            "name": "Harbor Post Holdings",
            "kind": "organization",
            "role": "plaintiff",
            "aliases": ["Harbor Daily Post"],
        },
        {"name": "Quillbot", "kind": "organization", "role": "defendant"},
        {"name": "Mara Post", "kind": "person", "role": "witness"},
    ],
    "claims": [
        {
            "slug": "copying",
            "title": "Copyright infringement",
            "by": ["Harbor Media"],
            "against": ["Quillbot"],
            "keywords": ["copyright infringement"],
        }
    ],
}


@pytest.fixture
def papers(db):
    case_load(data=dict(PAPERS))


def _parties(text: str) -> set[str]:
    article = ArticleFactory(text=text, published=PUBLISHED)
    articles_link([article.id])
    links = Link.objects.filter(article=article, target_type="party").select_related("party")
    return {link.party.name for link in links}


def test_the_short_form_names_the_paper_in_a_report_on_its_case(papers):
    text = (
        "Harbor Media sued Quillbot for copyright infringement on Monday, saying its answers "
        "copy whole stories.\nThe Post says the bot invents quotes too."
    )
    assert "Harbor Post Holdings" in _parties(text)


def test_the_short_form_names_nobody_elsewhere(papers):
    # no case filed: another paper called the Post
    assert _parties("The Post raised its cover price on Monday, Quillbot users noticed.") == {
        "Quillbot"
    }
    # filed, but "the post" is a word, not the paper
    text = (
        "Harbor Media sued Quillbot for copyright infringement on Monday.\n"
        "Quillbot removed the post that quoted the story."
    )
    assert "Harbor Post Holdings" not in _parties(text)
