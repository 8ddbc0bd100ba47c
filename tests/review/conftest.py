"""Users with each role, and a small case with an article to review."""

from __future__ import annotations

import pytest

from tests.factories import (
    ArticleFactory,
    CaseFactory,
    CasePartyFactory,
    IssueFactory,
    PartyFactory,
)
from tracker.review.roles import user_set_role

ARTICLE_TEXT = (
    "A federal jury in Oakland heard the billionaire describe his rival lab in blunt terms.\n\n"
    "Asked whether his company had relied on the rival's models, he said it had done so partly, "
    "through distillation, a practice the rival's terms of use forbid.\n\n"
    "The rival lab said distillation of its models by competitors is theft of its work."
)


def make_user(username: str, role: str):
    user, _ = user_set_role(username=username, role=role, password="pw-" + username)
    return user


@pytest.fixture
def analyst(db):
    return make_user("ana", "analyst")


@pytest.fixture
def analyst2(db):
    return make_user("bob", "analyst")


@pytest.fixture
def viewer(db):
    return make_user("vic", "viewer")


@pytest.fixture
def editor(db):
    return make_user("eda", "editor")


@pytest.fixture
def case(db):
    return CaseFactory(slug="musk-v-openai", title="Musk v. OpenAI")


@pytest.fixture
def parties(case):
    musk = PartyFactory(name="Elon Musk", slug="elon-musk", kind="person")
    openai = PartyFactory(name="OpenAI", slug="openai")
    CasePartyFactory(case=case, party=musk, role="plaintiff")
    CasePartyFactory(case=case, party=openai, role="defendant")
    return {"musk": musk, "openai": openai}


@pytest.fixture
def issue(case):
    return IssueFactory(case=case, slug="distillation", title="Is distillation legitimate?")


@pytest.fixture
def article(case):
    article = ArticleFactory(text=ARTICLE_TEXT, title="Jury hears testimony on distillation")
    article.cases.add(case)
    return article
