"""An analyst logs in, reviews suggestions with the keyboard, and tags a quote by selecting it."""

from __future__ import annotations

import re

import pytest
from django.urls import NoReverseMatch, reverse

from tests.browser_fixtures import ARTIFACTS
from tests.factories import (
    ArticleFactory,
    CaseFactory,
    CasePartyFactory,
    EventFactory,
    EvidenceFactory,
    IssueFactory,
    LinkFactory,
    PartyFactory,
    PositionFactory,
)
from tracker.linking.models import Link
from tracker.review.roles import user_set_role
from tracker.review.selectors import history_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = (
    "Jurors in Oakland listened as the plaintiff described the early days of the lab.\n\n"
    "He said his new company had partly relied on the rival's models to train its chatbot, "
    "a practice known as distillation.\n\n"
    "A spokesperson for the lab called distillation by competitors a breach of its terms of use."
)


@pytest.fixture
def data():
    user_set_role(username="ana", role="analyst", password="correct-horse-9")
    case = CaseFactory(slug="musk-v-openai", title="Musk v. OpenAI")
    musk = PartyFactory(name="Elon Musk", slug="elon-musk", kind="person")
    openai = PartyFactory(name="OpenAI", slug="openai")
    xai = PartyFactory(name="xAI", slug="xai")
    google = PartyFactory(name="Google", slug="google")
    for party, role in (
        (musk, "plaintiff"),
        (openai, "defendant"),
        (xai, "witness"),
        (google, "commentator"),
    ):
        CasePartyFactory(case=case, party=party, role=role)
    issue = IssueFactory(case=case, slug="distillation", title="Is distillation legitimate?")
    article = ArticleFactory(text=TEXT, title="Plaintiff tells jury of distillation <b>claims</b>")
    article.cases.add(case)
    links = []
    for party, confidence, exact in (
        (musk, 0.9, "the plaintiff"),
        (openai, 0.7, "the lab"),
        (xai, 0.5, "his new company"),
    ):
        link = LinkFactory(article=article, party=party, confidence=confidence)
        start = TEXT.index(exact)
        EvidenceFactory(
            link=link,
            exact=exact,
            start=start,
            end=start + len(exact),
            prefix=TEXT[max(0, start - 32) : start],
            suffix=TEXT[start + len(exact) : start + len(exact) + 32],
        )
        links.append(link)
    PositionFactory(
        party=openai,
        issue=issue,
        stance="opposes",
        article=article,
        confidence=0.6,
        quote="a breach of its terms of use",
        prefix="called distillation by competitors ",
        suffix=".",
        start=TEXT.index("a breach"),
        end=TEXT.index("a breach") + 28,
    )
    EventFactory(
        case=case,
        status="suggested",
        origin="auto",
        confidence=0.8,
        title="Musk testifies about distillation",
    )
    return {"article": article, "links": links, "openai": openai, "issue": issue}


def expect(locator):
    """Playwright's web-first assertions (they poll without eval, which the CSP forbids)."""
    return pytest.importorskip("playwright.sync_api").expect(locator)


def log_in(page, live_server) -> None:
    # base.html links no favicon yet; the browser's own request for one is not our page's fault
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    page.goto(f"{live_server.url}{reverse('review:queue')}")
    assert "/accounts/login/" in page.url  # anonymous: sent to log in first
    if not getattr(page, "login_shot", False):
        page.login_shot = True
        page.screenshot(path=str(ARTIFACTS / f"review-login-{page.viewport_size['width']}.png"))
    page.fill("#id_username", "ana")
    page.fill("#id_password", "correct-horse-9")
    page.click("form.auth-form button[type=submit]")
    page.wait_for_url(re.compile(r"/review/$"))


def test_review_with_the_keyboard(page, live_server, data, screenshot):
    log_in(page, live_server)
    first, second, third = data["links"]
    expect_rows = page.locator("#queue .q-item")
    assert expect_rows.count() == 5  # three links, a position, an event
    assert page.locator(".site-header .role-analyst").inner_text() == "analyst"
    screenshot(page, "review-queue")

    page.keyboard.press("j")  # first row: the highest confidence link (Elon Musk)
    row1 = page.locator(f"#q-link-{first.pk}")
    assert "is-active" in row1.get_attribute("class")
    page.keyboard.press("a")
    page.wait_for_selector(f"#q-link-{first.pk}.q-accepted")
    expect(page.locator("#queue-counts strong").first).to_have_text("2")

    page.keyboard.press("j")
    page.keyboard.press("r")
    page.wait_for_selector(f"#q-link-{second.pk}.q-rejected")

    page.keyboard.press("j")
    page.keyboard.press("a")
    page.wait_for_selector(f"#q-link-{third.pk}.q-accepted")
    page.keyboard.press("u")  # undo: back to suggested
    page.wait_for_selector(f"#q-link-{third.pk}.q-suggested")

    page.keyboard.press("k")
    assert "is-active" in page.locator(f"#q-link-{second.pk}").get_attribute("class")
    screenshot(page, "review-queue-after-keys")

    statuses = dict(Link.objects.values_list("pk", "status"))
    assert [statuses[link.pk] for link in data["links"]] == ["accepted", "rejected", "suggested"]
    assert Link.objects.get(pk=first.pk).reviewed_by.username == "ana"
    who = [(e["who"], e["action"]) for e in history_of(Link.objects.get(pk=third.pk))]
    assert who == [(None, "created"), ("ana", "changed"), ("ana", "changed")]

    # select two with x and accept them at once
    page.keyboard.press("j")  # third link
    page.keyboard.press("x")
    page.keyboard.press("j")  # the position
    page.keyboard.press("x")
    page.click("#bulk-form button[value=accepted]")
    page.wait_for_selector("#bulk-message:has-text('Accepted: 2.')")
    page.wait_for_selector(f"#q-link-{third.pk}.q-accepted")
    assert Link.objects.get(pk=third.pk).status == "accepted"
    assert page.locator("#queue-counts strong").first.inner_text() == "0"

    # retarget with the keyboard: t opens the form on the active row
    page.click(f"#q-link-{second.pk} .q-quote")
    page.keyboard.press("t")
    page.keyboard.type("Google")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#q-link-{second.pk}:has-text('Now linked to party Google')")
    assert Link.objects.get(pk=second.pk).party.name == "Google"
    assert "is-active" in page.locator(f"#q-link-{second.pk}").get_attribute("class")

    page.click(f"#q-link-{third.pk} a:has-text('History')")
    page.wait_for_selector(".history-entry")
    assert page.locator(".history-entry").count() == 4
    screenshot(page, "review-history")
    page.problems.check()


SOURCE = "[data-quote-source], .article-text"  # the article's text on either page


def tag_page_url(article) -> str:
    try:
        return reverse("web:article", args=[article.pk])
    except NoReverseMatch:  # the web app's article page is not merged yet
        return reverse("review:tag", args=[article.pk])


def test_tag_a_quote_by_selecting_it(page, live_server, data, screenshot):
    log_in(page, live_server)
    article = data["article"]
    page.goto(f"{live_server.url}{tag_page_url(article)}")
    page.wait_for_selector(SOURCE)

    # drag the mouse over "called distillation by competitors"
    quote = "called distillation by competitors"
    box = page.evaluate(
        """(quote) => {
          const root = document.querySelector('[data-quote-source], .article-text');
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          let node;
          while ((node = walker.nextNode())) {
            const at = node.data.indexOf(quote);
            if (at < 0) continue;
            const first = document.createRange(); first.setStart(node, at); first.setEnd(node, at + 1);
            const last = document.createRange();
            last.setStart(node, at + quote.length - 1); last.setEnd(node, at + quote.length);
            const a = first.getBoundingClientRect(), b = last.getBoundingClientRect();
            return {x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2};
          }
          return null;
        }""",
        quote,
    )
    assert box, "the quote is on the page"
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move(box["x2"], box["y2"], steps=8)
    page.mouse.up()
    field = page.locator("[data-quote-field]")
    expect(field).to_have_value(quote)
    page.select_option("select[name=target]", f"party:{data['openai'].pk}")
    screenshot(page, "review-tag-selected")
    page.click(".tag-form button[type=submit]")
    page.wait_for_selector(".tag-panel .q-message-ok")
    assert (
        "Saved: evidence of party “OpenAI”" in page.locator(".tag-panel .q-message-ok").inner_text()
    )
    # the article's sidebar and highlights refresh without a reload: the new quote is listed
    side = page.locator("#article-side")
    side.locator(".evidence-jump", has_text=quote).wait_for()
    openai_card = side.locator(
        f"#link-{Link.objects.get(article=article, party=data['openai']).pk}"
    )
    assert "Accepted" in openai_card.inner_text() and "confidence" not in openai_card.inner_text()
    screenshot(page, "review-tag-saved")

    link = Link.objects.get(article=article, party=data["openai"])
    evidence = link.evidence.get(exact=quote)
    assert TEXT[evidence.start : evidence.end] == quote
    assert (link.status, link.reviewed_by.username) == ("accepted", "ana")
    assert history_of(link)[-1]["who"] == "ana"

    # a position, and a quote the article lacks shows an error in the form
    page.check("input[name=kind][value=position]")
    page.fill("[data-quote-field]", "words the article never had")
    page.select_option("select[name=party]", str(data["openai"].pk))
    page.select_option("select[name=stance]", "opposes")
    page.select_option("select[name=issue]", str(data["issue"].pk))
    page.click(".tag-form button[type=submit]")
    page.wait_for_selector(".tag-panel .field-error")
    assert "Quote not found" in page.locator(".tag-panel .field-error").inner_text()
    screenshot(page, "review-tag-error")
    # the 422 is logged by the browser as a failed resource; nothing else may be
    problems = [p for p in page.problems if "status of 422" not in p]
    assert not problems, problems


def test_queue_on_a_phone(phone_page, live_server, data, screenshot):
    log_in(phone_page, live_server)
    first = data["links"][0]
    phone_page.click(f"#q-link-{first.pk} button[value=accepted]")  # a tap, no keyboard
    phone_page.wait_for_selector(f"#q-link-{first.pk}.q-accepted")
    overflow = phone_page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"
    screenshot(phone_page, "review-queue-phone")
    assert Link.objects.get(pk=first.pk).status == "accepted"
    phone_page.problems.check()
