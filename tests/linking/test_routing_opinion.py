"""An opinion page about a case: its two sides joined by a word of their quarrel ("its fight
with ..."), in a lead that a writer's note may precede (routing._quarrel, _lead_paragraph).
The texts are invented for these tests; the cases are test_routing's."""

from __future__ import annotations

import pytest

from tests.factories import ArticleFactory
from tests.linking.conftest import PUBLISHED
from tests.linking.test_routing import FORUM, NOVELISTS
from tracker.cases.casefile import case_load
from tracker.linking.models import Link
from tracker.linking.routing import LEAD_MIN, _lead_paragraph
from tracker.linking.services import articles_link

pytestmark = pytest.mark.django_db

NOTE = "The author teaches contract law in Leeds.\n"
BODY = (
    "Lumen Labs has a tidy answer in its fight with Mara Quill: a novel is a pile of facts "
    "about people who never lived, and facts belong to everyone.\n"
    "It is a clever line. It is also wrong, because Beacon does not learn facts from a novel; "
    "it learns the sentences, and it can give them back.\n"
    "Lumen Labs should pay for what it reads, as it pays for its chips."
)


@pytest.fixture
def cases(db):
    case_load(data=dict(NOVELISTS))
    case_load(data=dict(FORUM))


def _filed(text: str) -> list[str]:
    article = ArticleFactory(text=text, published=PUBLISHED, title="The sentences are not free")
    articles_link([article.id])
    links = Link.objects.filter(article=article, target_type="case").select_related("case")
    return [link.case.slug for link in links]


def test_a_column_on_the_two_sides_fight_is_about_their_case(cases):
    assert _filed(BODY) == ["quill-v-lumen"]
    # a writer's note above the column is not its lead
    assert _filed(NOTE + BODY) == ["quill-v-lumen"]


def test_a_fight_with_someone_else_or_sides_apart_is_no_case(cases):
    # the quarrel is with a regulator; the other side is named in another sentence
    text = (
        "Lumen Labs is in a fight with the trade commission over its chips. Mara Quill, the "
        "novelist, praised its new reader app on Tuesday.\nShares rose."
    )
    assert _filed(text) == []
    # both sides in one sentence, but a battle for readers, not with each other
    text = (
        "Mara Quill joined Lumen Labs' battle for readers, narrating a novel for its app.\n"
        "Shares rose."
    )
    assert _filed(text) == []


def test_the_lead_is_the_first_long_paragraph_or_the_first_naming_a_party():
    text = NOTE + BODY
    assert _lead_paragraph(text, text.index("Lumen")) == 1
    assert _lead_paragraph(BODY, BODY.index("Lumen")) == 0
    # a long first paragraph naming no party is the lead (a guide's introduction)
    intro = "x" * LEAD_MIN + "\n"
    assert _lead_paragraph(intro + BODY, len(intro)) == 0
    # a short line naming the party is the lead too, and so is one naming suits
    assert _lead_paragraph("Lumen Labs.\n" + BODY, 0) == 0
    assert _lead_paragraph("Where the lawsuits stand.\n" + BODY, 26) == 0
