"""The pages in a real browser, at desktop and phone widths: filter the timeline, open a
position's quotes, follow an article's highlighted evidence, search. Each test also fails on any
console error, failed request or dialog (page.problems), and on horizontal scroll on a phone."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.web.builders import articles_bulk, demo_build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = ["page", "phone_page"]


@pytest.fixture
def demo(db):
    demo = demo_build(hostile=False)
    articles_bulk(demo.case, 120)
    return demo


def shoot(screenshot, page, name: str) -> None:
    """Take a screenshot. Playwright hides the caret with an injected <style>, which our CSP
    blocks and reports; drop only those reports, raised by the screenshot itself."""
    before = len(page.problems)
    screenshot(page, name)
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => done()))")
    page.wait_for_timeout(100)
    added = page.problems[before:]
    del page.problems[before:]
    page.problems.extend(p for p in added if "Applying inline style" not in p)


def open_page(request, fixture: str):
    page = request.getfixturevalue(fixture)
    page.set_default_timeout(20_000)
    return page


def no_horizontal_scroll(page) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"


def tab_reaches(page, selector: str, presses: int = 60) -> bool:
    """Tab through the page until `selector` has the focus."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return True
    return False


@pytest.mark.parametrize("fixture", WIDTHS)
def test_filter_the_timeline(request, live_server, demo, screenshot, fixture):
    page = open_page(request, fixture)
    url = live_server.url + reverse("web:case", args=[demo.case.slug])
    page.goto(url)
    timeline = page.locator("#timeline")
    assert timeline.get_by_text(
        "Musk testifies that xAI partly distilled OpenAI models"
    ).is_visible()
    assert timeline.get_by_text("Suggested, not yet reviewed").first.is_visible()
    if fixture == "phone_page":
        no_horizontal_scroll(page)

    page.select_option("#f-party", "anthropic")
    page.wait_for_url(re.compile(r"party=anthropic"))
    assert page.url.endswith("/cases/musk-v-openai/?party=anthropic")  # empty fields left out
    page.get_by_text("Anthropic weighs in on distillation").first.wait_for()
    assert page.locator("#timeline").get_by_text("Musk testifies").count() == 0
    assert page.locator("link[rel=stylesheet]").count() == 1  # a swap, not a reload of a page

    page.go_back()
    page.wait_for_url(re.compile(r"/cases/musk-v-openai/$"))
    page.locator("#timeline").get_by_text("Musk testifies").first.wait_for()

    reports = page.locator(f"#event-{demo.events['testimony'].pk} details.reports")
    reports.locator("summary").click()
    assert reports.get_by_role("link", name="Courtroom Daily").is_visible()
    assert "Reported by 5 outlets" in reports.locator("summary").inner_text()

    items = page.locator("#timeline .tl-item")
    before = items.count()
    # scroll to the end: the "Load more" row is revealed and swaps itself for the next items
    # (scrolling to the element itself would race with its own removal)
    page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_function(
        f"() => document.querySelectorAll('#timeline .tl-item').length > {before}"
    )
    if fixture == "phone_page":
        no_horizontal_scroll(page)
    page.problems.check()
    # Screenshots last, on fresh loads: a full-page shot resizes the viewport and injects a
    # caret style, which would interfere with htmx (revealed, history) mid-test.
    page.goto(url + "?party=anthropic")
    shoot(screenshot, page, f"case-filtered-{fixture}")
    page.goto(url)
    page.locator(f"#event-{demo.events['testimony'].pk} details.reports summary").click()
    shoot(screenshot, page, f"case-{fixture}")
    page.problems.check()


@pytest.mark.parametrize("fixture", WIDTHS)
def test_open_a_positions_quotes(request, live_server, demo, screenshot, fixture):
    page = open_page(request, fixture)
    page.goto(live_server.url + reverse("web:positions", args=[demo.case.slug]))
    assert page.get_by_role("table").is_visible()
    page.locator("#cell-openai-distillation").click()
    page.wait_for_url(re.compile(r"party=openai&issue=distillation"))
    quotes = page.locator("#quotes")
    quotes.get_by_text("breaks its terms of use").wait_for()
    assert quotes.get_by_text("opposes: says it breaks its terms").is_visible()
    assert page.evaluate("() => document.activeElement.id") == "quotes"
    assert page.locator("#cell-openai-distillation").get_attribute("aria-current") == "true"
    page.locator("#cell-elon-musk-distillation").click()
    quotes.get_by_text("Elon Musk filed a new complaint").wait_for()
    assert quotes.locator(".stance-steps li").count() == 2
    assert page.locator("#cell-openai-distillation").get_attribute("aria-current") is None
    shoot(screenshot, page, f"positions-{fixture}")
    if fixture == "phone_page":
        no_horizontal_scroll(page)
    page.problems.check()


@pytest.mark.parametrize("fixture", WIDTHS)
def test_follow_an_articles_evidence(request, live_server, demo, screenshot, fixture):
    page = open_page(request, fixture)
    article = demo.articles[0]
    page.goto(live_server.url + reverse("web:article", args=[article.pk]))
    text = page.locator("#article-text")
    assert text.locator("mark.hl-event").count() >= 1
    assert text.locator("mark.hl-clause").count() >= 1
    assert text.inner_text().replace("\n", " ").startswith("Elon Musk told the jury")
    shoot(screenshot, page, f"article-{fixture}")
    jump = (
        page.locator(".link-group", has=page.locator("#group-issue"))
        .locator(".evidence-jump")
        .first
    )
    jump.click()
    target = page.evaluate("() => location.hash")
    assert target.startswith("#ev-")
    mark = page.locator(f"mark:has({target})")
    assert "a practice known as distillation" in mark.inner_text()
    assert mark.evaluate(
        "(el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }"
    )
    page.get_by_text("Original formatting (sanitised HTML)").click()
    assert page.locator(".original-html .prose").is_visible()
    if fixture == "phone_page":
        no_horizontal_scroll(page)
    page.problems.check()


@pytest.mark.parametrize("fixture", WIDTHS)
def test_search(request, live_server, demo, screenshot, fixture):
    page = open_page(request, fixture)
    page.goto(live_server.url + reverse("search:search"))
    page.fill("#q", '"partly relied" -Anthropic')
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=%22partly"))
    hits = page.locator("#results .hit")
    hits.first.wait_for()
    assert page.locator("#results mark").count() >= 1
    assert page.locator("#results").get_by_text("Anthropic weighs in").count() == 0
    page.select_option("#s-kind", "event")
    page.wait_for_url(re.compile(r"kind=event"))
    page.fill("#q", "testifies")
    page.keyboard.press("Enter")
    page.locator("#results .hit-event").first.wait_for()
    shoot(screenshot, page, f"search-{fixture}")
    page.locator("#results .hit-title a").first.click()
    page.wait_for_url(re.compile(r"/cases/musk-v-openai/#event-"))
    if fixture == "phone_page":
        no_horizontal_scroll(page)
    page.problems.check()


def test_keyboard_reaches_filters_and_skip_link(live_server, demo, page):
    page.goto(live_server.url + reverse("web:case", args=[demo.case.slug]))
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip-link"
    assert tab_reaches(page, "#f-party")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.problems.check()


@pytest.mark.parametrize("fixture", WIDTHS)
def test_party_claim_issue_and_clause_pages(request, live_server, demo, screenshot, fixture):
    page = open_page(request, fixture)
    pages = {
        "home": reverse("web:home"),
        "party": reverse("web:party", args=["openai"]),
        "claim": reverse("web:claim", args=[demo.case.slug, demo.claim.slug]),
        "issue": reverse("web:issue", args=[demo.case.slug, demo.issue.slug]),
        "clause": reverse("web:clause", args=["openai-terms", "use-of-output"]),
    }
    for name, path in pages.items():
        page.goto(live_server.url + path)
        assert page.locator("h1").is_visible()
        if fixture == "phone_page":
            no_horizontal_scroll(page)
        shoot(screenshot, page, f"{name}-{fixture}")
    assert page.locator(".diff ins").first.is_visible()
    assert any("distillation" in text for text in page.locator(".diff ins").all_inner_texts())
    page.select_option("#v-old", index=1)
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url(re.compile(r"old=\d+&new=\d+"))
    assert "Choose two different versions" in page.locator("#diff-h + form + p").inner_text()
    page.problems.check()
