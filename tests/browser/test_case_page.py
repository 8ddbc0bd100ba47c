"""Issue 15 in a real browser, as a reader and as an analyst: the directory of cases, what an
analyst sees on the timeline, a link from an article to its place on the timeline, following a
case, /feeds/ and search. Every page also fails its test on a console error, a failed request
or a dialog (page.problems); screenshots go to test-artifacts/."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.browser.test_pages import no_horizontal_scroll, open_page, search_index_clear, shoot
from tests.factories import CaseFactory, CasePartyFactory, EventFactory, IssueFactory
from tests.web.builders import demo_build
from tracker.review.roles import user_set_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = ["page", "phone_page"]


@pytest.fixture
def demo(db):
    search_index_clear()
    demo = demo_build(hostile=False)
    other = CaseFactory(
        slug="nyt-v-openai", title="NYT v. OpenAI", court="S.D.N.Y.", summary="Copyright."
    )
    CasePartyFactory(case=other, party=demo.parties["openai"], role="defendant")
    IssueFactory(case=other, slug="distillation", title="Is distillation fair use?")
    EventFactory(case=other, date=dt.date(2026, 6, 2), title="Summary judgment argued")
    user_set_role(username="ana", role="analyst", password="correct-horse-9")
    return demo


def log_in(page, live_server, username: str = "ana", password: str = "correct-horse-9"):
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form.auth-form button[type=submit]")
    page.wait_for_url(re.compile(r"^(?!.*/accounts/login/)"))


@pytest.mark.parametrize("fixture", WIDTHS)
def test_directory_filters_and_back(request, live_server, demo, screenshot, fixture):
    page = open_page(request, fixture)
    page.goto(live_server.url + reverse("web:home"))
    cards = page.locator(".case-card h2")
    assert cards.all_inner_texts() == ["NYT v. OpenAI", "Musk v. OpenAI"]  # latest activity
    page.select_option("#d-court", "S.D.N.Y.")
    page.wait_for_url(re.compile(r"\?court=S\.D\.N\.Y\.$"))
    page.locator("#directory").get_by_text("1 case matches").wait_for()
    assert cards.all_inner_texts() == ["NYT v. OpenAI"]
    page.go_back()
    page.wait_for_url(re.compile(r"/$"))
    page.locator("#directory").get_by_text("2 cases").wait_for()
    assert page.locator("#d-court").input_value() == ""
    page.go_forward()
    page.wait_for_url(re.compile(r"court="))
    assert page.locator("#d-court").input_value() == "S.D.N.Y."
    page.goto(live_server.url + reverse("web:home") + "?issue=distillation&sort=title")
    assert cards.all_inner_texts() == ["Musk v. OpenAI", "NYT v. OpenAI"]
    assert page.locator("#d-issue").input_value() == "distillation"
    if fixture == "phone_page":
        no_horizontal_scroll(page)
    shoot(screenshot, page, f"directory-{fixture}")
    page.goto(live_server.url + reverse("web:issue-across", args=["distillation"]))
    assert page.get_by_text("Is distillation fair use?").is_visible()
    shoot(screenshot, page, f"issue-across-{fixture}")
    page.problems.check()


@pytest.mark.parametrize("fixture", WIDTHS)
def test_an_analyst_sees_suggestions_marked(request, live_server, demo, screenshot, fixture):
    page = open_page(request, fixture)
    log_in(page, live_server)
    url = live_server.url + reverse("web:case", args=[demo.case.slug])
    page.goto(url)
    suggested = page.locator(f"#event-{demo.events['suggested'].pk}")
    assert suggested.get_attribute("data-reviewed") == "false"
    assert suggested.get_by_text("Suggested, not yet reviewed").is_visible()
    assert page.locator("#f-unreviewed").is_checked()
    page.locator("label[for=f-unreviewed]").click()  # turn them off
    page.wait_for_url(re.compile(r"unreviewed=0"))
    expect = pytest.importorskip("playwright.sync_api").expect
    expect(page.locator("#timeline [data-reviewed=false]")).to_have_count(0)
    if fixture == "phone_page":
        no_horizontal_scroll(page)
    page.goto(url)
    shoot(screenshot, page, f"case-analyst-{fixture}")
    page.problems.check()


def test_an_article_opens_its_place_on_the_timeline(live_server, demo, page, screenshot):
    article = demo.articles[0]
    page.goto(live_server.url + reverse("web:article", args=[article.pk]))
    page.get_by_role("link", name="See it on the Musk v. OpenAI timeline").click()
    testimony = demo.events["testimony"]
    page.wait_for_url(re.compile(rf"#event-{testimony.pk}$"))
    entry = page.locator(f"#event-{testimony.pk}")
    assert entry.evaluate("(el) => el.matches(':target')")
    assert entry.evaluate(
        "(el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }"
    )
    page.problems.check()


def test_follow_asks_for_an_address(live_server, demo, page, screenshot):
    page.goto(live_server.url + reverse("web:case", args=[demo.case.slug]))
    page.locator(".case-actions").get_by_role("link", name="Follow", exact=True).click()
    page.wait_for_url(re.compile(r"/accounts/login/"))  # a reader logs in first, then follows
    page.fill("#id_username", "ana")
    page.fill("#id_password", "correct-horse-9")
    page.click("form.auth-form button[type=submit]")
    page.wait_for_url(re.compile(r"/alerts/follow/\?case=musk-v-openai"))
    address = page.locator("input[name=address]")
    assert address.is_visible()  # the analyst's account has no address yet
    page.click("form.follow-form button[type=submit]")
    error = page.get_by_text("Alerts by e-mail need an address")
    error.wait_for()
    address.fill("ana@example.org")
    page.click("form.follow-form button[type=submit]")
    page.get_by_text("alerts go by e-mail to ana@example.org").wait_for()
    shoot(screenshot, page, "follow-done")
    problems = [p for p in page.problems if "status of 400" not in p]  # the refused first try
    assert not problems, problems


def test_feeds_and_search_follow_the_reviewed_default(live_server, demo, page, screenshot):
    page.goto(live_server.url + reverse("news:feeds"))
    assert page.locator(".feeds-summary").get_by_text(re.compile(r"\d+ outlets")).is_visible()
    page.goto(live_server.url + reverse("search:search") + "?q=responds")
    assert page.locator("#results .hit").count() == 0 or page.locator(".hit-event").count() == 0
    page.locator("label[for=s-unreviewed]").click()
    page.wait_for_url(re.compile(r"unreviewed=1"))
    hit = page.locator("#results .hit-event").first
    hit.wait_for()
    assert hit.get_by_text("Suggested, not yet reviewed").is_visible()
    page.goto(live_server.url + reverse("search:search") + "?q=charitable")
    assert page.locator("#results .hit-claim").count() == 1
    shoot(screenshot, page, "search-claim")
    page.problems.check()
