"""The home page as a directory of cases, the issue shared by several cases, and party pages
that list each case and each quote once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import (
    ArticleFactory,
    CaseFactory,
    CasePartyFactory,
    EventFactory,
    IssueFactory,
    PositionFactory,
)
from tests.web.builders import demo_build
from tests.web.test_views import parse
from tracker.web.templatetags.web_text import percent, quote_marked

pytestmark = pytest.mark.django_db


def cases_listed(client, **params) -> list[str]:
    html = client.get(reverse("web:home"), params).content.decode()
    return [line.split('">', 1)[1].split("<", 1)[0] for line in html.split('<h2><a href="')[1:]]


@pytest.fixture
def many(db):
    demo = demo_build()
    openai = demo.parties["openai"]
    nyt = CaseFactory(
        slug="nyt-v-openai", title="NYT v. OpenAI", court="S.D.N.Y.", status="open",
        date_filed=dt.date(2023, 12, 27),
    )  # fmt: skip
    CasePartyFactory(case=nyt, party=openai, role="defendant")
    IssueFactory(case=nyt, slug="distillation", title="Is distilling a rival's model fair use?")
    EventFactory(case=nyt, date=dt.date(2026, 6, 1), title="Summary judgment hearing")
    quiet = CaseFactory(slug="quiet-case", title="A quiet case", court="D. Del.", status="settled")
    old = ArticleFactory(published=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    old.cases.add(quiet)
    return demo, nyt, quiet


def test_directory_sorts_by_latest_activity_and_filters(client, many):
    demo, nyt, quiet = many
    assert cases_listed(client) == ["NYT v. OpenAI", "Musk v. OpenAI", "A quiet case"]
    assert cases_listed(client, sort="title") == ["A quiet case", "Musk v. OpenAI", "NYT v. OpenAI"]
    assert cases_listed(client, sort="filed")[0] == "NYT v. OpenAI"  # the only one filed
    assert cases_listed(client, party="openai") == ["NYT v. OpenAI", "Musk v. OpenAI"]
    assert cases_listed(client, issue="distillation") == ["NYT v. OpenAI", "Musk v. OpenAI"]
    assert cases_listed(client, court="D. Del.") == ["A quiet case"]
    assert cases_listed(client, status="settled") == ["A quiet case"]
    assert cases_listed(client, status="bogus") == cases_listed(client)  # ignored, not an error
    html = client.get(reverse("web:home"), {"party": "nobody"}).content.decode()
    assert "No case matches these filters" in html
    page = parse(client.get(reverse("web:home"), {"party": "openai"}))
    assert [a for a in page.find("option", value="openai") if "selected" in a]
    assert "OpenAI (2 cases)" in "".join(page.text)
    partial = client.get(reverse("web:home"), {"court": "S.D.N.Y."}, headers={"HX-Request": "true"})
    assert partial.content.decode().lstrip().startswith('<section id="directory"')


@pytest.mark.parametrize("n", [2, 40])
def test_directory_queries_do_not_grow_with_cases(client, db, django_assert_max_num_queries, n):
    for i in range(n):
        case = CaseFactory(slug=f"case-{i}", title=f"Case {i}", court=f"Court {i % 3}")
        EventFactory(case=case, date=dt.date(2025, 1, 1) + dt.timedelta(days=i))
        IssueFactory(case=case, slug="shared", title="A shared question")
    with django_assert_max_num_queries(4):
        response = client.get(reverse("web:home"), {"issue": "shared"})
    assert len(cases_listed(client, issue="shared")) == n
    assert response.status_code == 200


def test_an_issue_across_cases(client, many):
    demo, nyt, _ = many
    response = client.get(reverse("web:issue-across", args=["distillation"]))
    assert response.status_code == 200
    text = "".join(parse(response).text)
    assert "Musk v. OpenAI" in text and "NYT v. OpenAI" in text
    assert "Is distilling a rival's model fair use?" in text
    assert client.get(reverse("web:issue-across", args=["no-such"])).status_code == 404
    page = client.get(reverse("web:issue", args=[demo.case.slug, "distillation"])).content
    assert reverse("web:issue-across", args=["distillation"]).encode() in page


def test_party_page_lists_each_case_and_quote_once(client, many):
    demo, nyt, _ = many
    musk = demo.parties["elon-musk"]
    CasePartyFactory(case=demo.case, party=musk, role="witness")
    for article in demo.articles[:3]:  # the same words, syndicated
        PositionFactory(
            party=musk, issue=demo.issue, stance="supports", status="accepted", article=article,
            quote="distillation is a standard practice", date=dt.date(2026, 5, 1),
        )  # fmt: skip
    html = client.get(reverse("web:party", args=[musk.slug])).content.decode()
    assert html.count(f'href="/cases/{demo.case.slug}/">Musk v. OpenAI</a>') == 1
    assert "Plaintiff" in html and "Witness" in html
    assert html.count("distillation is a standard practice") == 1
    assert "The same words in 3 articles." in html


def test_quotes_cut_mid_clause_get_an_ellipsis_and_percentages_have_no_float_noise():
    assert quote_marked("the company said it would appeal") == "…the company said it would appeal…"
    assert quote_marked("Musk testified on Monday.") == "Musk testified on Monday."
    assert quote_marked("“We will appeal,” it said") == "“We will appeal,” it said…"
    assert quote_marked("") == ""
    assert percent(0.30000000000000004) == "30%" and percent(0.35) == "35%"
    assert percent(None) == ""


def test_history_values_have_no_float_noise():
    from tracker.review.templatetags.review_tags import history_value

    assert history_value(0.1 + 0.2) == "0.3"
    assert history_value(1.0) == "1" and history_value(0.955) == "0.955"
