"""The pages in a real browser, at desktop and phone widths: filter the timeline, open a
position's quotes, follow an article's highlighted evidence, search. Each test also fails on any
console error, failed request or dialog (page.problems), and on horizontal scroll on a phone."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.urls import reverse

from tests.web.builders import articles_bulk, demo_build
from tracker.news.models import Story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = ["page", "phone_page"]


def search_index_clear() -> None:
    """Empty SQLite's full-text table. A transactional test's flush empties the tables of the
    models but not this virtual table, so rows of articles from earlier tests (same ids, other
    texts) would crowd the newest-rows window a search ranks within."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_article_fts")


@pytest.fixture
def demo(db):
    search_index_clear()
    demo = demo_build(hostile=False)
    articles = articles_bulk(demo.case, 120)
    # the bulk coverage dated in 2025, before the trial: the trial stays on the first page of
    # a timeline that runs newest first, and the older pages load below it
    stories = {a.story_id for a in articles}
    for n, story in enumerate(Story.objects.filter(pk__in=stories)):
        story.first_published = dt.datetime(2025, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=n)
        story.save(update_fields=["first_published"])
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
    # a reader sees reviewed entries only, newest first, and may ask for the suggestions
    assert timeline.get_by_text("Suggested, not yet reviewed").count() == 0
    assert page.locator("#timeline [data-reviewed=false]").count() == 0
    dates = page.locator("#timeline [data-date]").evaluate_all(
        "(els) => els.map(e => e.dataset.date)"
    )
    assert dates == sorted(dates, key=lambda d: (d + "-00-00")[:10], reverse=True)
    if fixture == "phone_page":
        no_horizontal_scroll(page)

    page.evaluate("() => { window.notReloaded = true; }")  # a swap keeps it; a load loses it
    page.select_option("#f-party", "anthropic")
    page.wait_for_url(re.compile(r"party=anthropic"))
    assert page.url.endswith("/cases/musk-v-openai/?party=anthropic")  # empty fields left out
    page.get_by_text("Anthropic weighs in on distillation").first.wait_for()
    assert page.locator("#timeline").get_by_text("Musk testifies").count() == 0
    assert page.evaluate("() => window.notReloaded === true")  # a swap, not a page load
    page.select_option("#f-order", "oldest")
    page.wait_for_url(re.compile(r"party=anthropic&order=oldest"))

    # Back and Forward restore the results and the controls that chose them
    page.go_back()
    page.wait_for_url(re.compile(r"\?party=anthropic$"))
    assert page.locator("#f-party").input_value() == "anthropic"
    assert page.locator("#f-order").input_value() == ""
    page.go_back()
    page.wait_for_url(re.compile(r"/cases/musk-v-openai/$"))
    page.locator("#timeline").get_by_text("Musk testifies").first.wait_for()
    assert page.locator("#f-party").input_value() == ""
    page.go_forward()
    page.wait_for_url(re.compile(r"\?party=anthropic$"))
    assert page.locator("#f-party").input_value() == "anthropic"
    page.goto(url)

    page.locator("#include-unreviewed").click()
    page.wait_for_url(re.compile(r"unreviewed=1"))
    suggested = page.locator(f"#event-{demo.events['suggested'].pk}")
    assert suggested.get_attribute("data-reviewed") == "false"
    assert suggested.get_by_text("Suggested, not yet reviewed").is_visible()
    page.goto(url)

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
def test_case_head_answers_a_newcomer_without_scrolling(request, live_server, demo, fixture):
    """What is this dispute, where does it stand, what happened last: in the first screen at
    1280x800; on a phone, in the page with no sideways scroll."""
    page = open_page(request, fixture)
    page.set_viewport_size(
        {"width": 1280, "height": 800} if fixture == "page" else {"width": 390, "height": 844}
    )
    page.goto(live_server.url + reverse("web:case", args=[demo.case.slug]))
    stands = page.locator("#where-it-stands")
    assert "Musk testifies that xAI partly distilled OpenAI models" in stands.inner_text()
    for label in ("Latest development", "Next scheduled", "Court", "Status", "Last update"):
        assert stands.get_by_text(label, exact=True).count() == 1, label
    if fixture == "page":
        for selector in ("h1", ".case-head .summary", ".standing-latest"):
            box = page.locator(selector).bounding_box()
            assert box and box["y"] + box["height"] <= 800, selector
    else:
        no_horizontal_scroll(page)
    for name in ("Follow", "Atom", "iCal", "CSV", "API"):
        assert page.locator(".case-actions").get_by_role("link", name=name, exact=True).is_visible()
    assert page.locator("link[rel=alternate][type='application/atom+xml']").count() == 1
    page.problems.check()


def test_a_link_to_an_old_event_opens_it_highlighted(live_server, db, page, screenshot):
    search_index_clear()
    demo = demo_build(hostile=False)
    articles_bulk(demo.case, 300)
    old = demo.events["filing"]
    page.goto(live_server.url + reverse("web:case", args=[demo.case.slug]) + f"?at=event-{old.pk}")
    page.wait_for_url(re.compile(rf"cursor=.*#event-{old.pk}$"))
    entry = page.locator(f"#event-{old.pk}")
    assert entry.evaluate(
        "(el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }"
    )
    assert entry.evaluate("(el) => el.matches(':target')")
    outline = entry.locator(".tl-card").evaluate("(el) => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    shoot(screenshot, page, "case-at-old-event")
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
