from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.urls import reverse

from tests.web.builders import HOSTILE, articles_bulk, demo_build


class Tree(HTMLParser):
    """Collects tags with attributes, and text, to assert on parsed HTML (not substrings)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self._stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass

    def handle_data(self, data):
        self.text.append(data)

    def find(self, tag: str, **attrs) -> list[dict]:
        return [
            a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())
        ]


def parse(response) -> Tree:
    tree = Tree()
    tree.feed(response.content.decode())
    return tree


def assert_no_injection(tree: Tree) -> None:
    """No script but the page's own, no on* attribute, no javascript: URL anywhere."""
    for tag, attrs in tree.tags:
        if tag == "script":
            assert attrs.get("src", "").startswith("/static/"), attrs
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, attrs)
            if name in ("href", "src", "action", "hx-get"):
                assert not (value or "").strip().lower().startswith("javascript:"), (tag, attrs)
        assert "style" not in attrs, (tag, attrs)


@pytest.fixture
def demo(db):
    return demo_build()


def test_case_page_shows_parties_events_and_coverage(client, demo):
    response = client.get(reverse("web:case", args=[demo.case.slug]))
    assert response.status_code == 200
    tree = parse(response)
    text = "".join(tree.text)
    assert "4:24-cv-04722" in text
    assert "Plaintiff" in text and "Elon Musk" in text
    # events at their precision, newest first; a reader sees no suggestion by default
    assert "August 2024" in text
    assert text.index("April 30, 2026") < text.index("August 2024")
    assert not tree.find("li", id=f"event-{demo.events['suggested'].pk}")
    assert "OpenAI responds to the testimony" not in text
    assert "Reported by 5 outlets" in text
    # coverage: the reaction story is not tied to an event
    assert "Anthropic weighs in on distillation" in text
    # the chart is an inline SVG with one bar per week
    assert tree.find("svg", **{"class": "chart-svg"})
    assert len(tree.find("rect")) >= 2


def test_suggestions_only_on_request_and_marked(client, demo):
    url = reverse("web:case", args=[demo.case.slug])
    tree = parse(client.get(url))
    entries = [a for _, a in tree.tags if "data-reviewed" in a]
    assert entries and all(a["data-reviewed"] == "true" for a in entries)
    include = tree.find("a", id="include-unreviewed")
    assert include and include[0]["href"] == "?unreviewed=1"
    assert "Include 1 unreviewed" in "".join(tree.text)
    tree = parse(client.get(url, {"unreviewed": "1"}))
    suggested = tree.find("li", id=f"event-{demo.events['suggested'].pk}")
    assert suggested and suggested[0]["data-reviewed"] == "false"
    assert suggested[0]["data-date"] == "2026-05-04"
    assert "Suggested, not yet reviewed" in "".join(tree.text)
    filing = tree.find("li", id=f"event-{demo.events['filing'].pk}")
    assert filing[0]["data-date"] == "2024-08" and filing[0]["data-reviewed"] == "true"


def test_analysts_see_suggestions_unless_they_turn_them_off(client, demo):
    from tracker.review.roles import user_set_role

    user, _ = user_set_role(username="ana", role="analyst")
    client.force_login(user)
    url = reverse("web:case", args=[demo.case.slug])
    tree = parse(client.get(url))
    assert tree.find("li", id=f"event-{demo.events['suggested'].pk}")
    assert tree.find("input", type="hidden", name="unreviewed", value="0")
    tree = parse(client.get(url, {"unreviewed": ["0", "1"]}))  # the form: hidden 0, box 1
    assert tree.find("li", id=f"event-{demo.events['suggested'].pk}")
    tree = parse(client.get(url, {"unreviewed": "0"}))
    assert not tree.find("li", id=f"event-{demo.events['suggested'].pk}")


def test_newest_first_and_oldest_on_request(client, demo):
    url = reverse("web:case", args=[demo.case.slug])
    for order, expect_sorted in (("", True), ("oldest", False)):
        tree = parse(client.get(url, {"order": order, "unreviewed": "1"} if order else {}))
        dates = [a["data-date"] for _, a in tree.tags if "data-date" in a]
        assert len(dates) >= 4
        padded = [(d + "-00-00")[:10] for d in dates]  # 2024-08 sorts as its first day
        assert padded == sorted(padded, reverse=expect_sorted)


def test_case_filters_by_party_and_date(client, demo):
    url = reverse("web:case", args=[demo.case.slug])

    def timeline(params):  # the timeline alone (the case head names the latest development)
        return "".join(parse(client.get(url, params, headers={"HX-Request": "true"})).text)

    text = timeline({"party": "anthropic"})
    assert "Anthropic weighs in on distillation" in text
    assert "Musk testifies" not in text
    text = timeline({"from": "2026-01-01", "to": "2026-04-30"})
    assert "Musk testifies" in text and "August 2024" not in text
    text = timeline({"claim": demo.claim.slug})
    assert "Musk revives his lawsuit" in text and "Anthropic weighs in" not in text
    text = timeline({"clause": "openai-terms:use-of-output"})
    assert "Musk testifies" in text and "Anthropic weighs in" not in text
    text = timeline({"known": "1"})
    assert "Musk testifies" in text and "OpenAI responds to the testimony" not in text
    text = timeline({"unreviewed": "1"})
    assert "Musk testifies" in text and "OpenAI responds to the testimony" in text
    # a party filter keeps an event only when a quote naming the party is near its own quote
    text = timeline({"party": "elon-musk", "unreviewed": "1"})
    assert "Musk testifies" in text and "Musk revives his lawsuit" in text
    assert "OpenAI responds to the testimony" not in text  # no article ties it to Musk
    text = timeline({"issue": "distillation", "from": "bad-date"})
    assert "Anthropic weighs in" in text


def test_case_htmx_renders_partial(client, demo):
    url = reverse("web:case", args=[demo.case.slug])
    response = client.get(url, {"party": "anthropic"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="timeline"')
    assert "<html" not in body
    assert "HX-Request" in response.headers["Vary"]
    restore = client.get(url, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in restore.content.decode()


def test_case_load_more(client, db):
    demo = demo_build()
    articles_bulk(demo.case, 300)
    url = reverse("web:case", args=[demo.case.slug])
    tree = parse(client.get(url))
    more = tree.find("a", **{"class": "btn btn-quiet"})
    loaders = [a for a in more if "cursor=" in a.get("href", "")]
    assert loaders and loaders[0]["hx-get"] == loaders[0]["href"]
    assert loaders[0]["hx-trigger"] == "click, revealed"
    page2 = client.get(loaders[0]["href"], headers={"HX-Request": "true"})
    body = page2.content.decode()
    assert body.lstrip().startswith("<li") and "cursor=" in body
    first = [a for _, a in tree.tags if a.get("data-date")]
    second = [a for _, a in parse(page2).tags if a.get("data-date")]
    assert len(first) == 20 and second and not {a["id"] for a in first} & {a["id"] for a in second}
    # the second page continues where the first stopped: every date on it is older or equal
    assert max(a["data-date"] for a in second) <= min(a["data-date"] for a in first)


@pytest.mark.parametrize("cursor", ["x", "2026-13-01.event.1", "2026-01-01.nope.1", "9" * 40])
def test_a_bad_cursor_starts_from_the_top(client, demo, cursor):
    url = reverse("web:case", args=[demo.case.slug])
    response = client.get(url, {"cursor": cursor})
    assert response.status_code == 200
    assert "was not understood" in response.content.decode()
    top = [a["id"] for _, a in parse(client.get(url)).tags if a.get("data-date")]
    assert [a["id"] for _, a in parse(response).tags if a.get("data-date")] == top


def test_a_link_to_an_entry_opens_the_page_that_holds_it(client, db):
    demo = demo_build()
    articles_bulk(demo.case, 300)
    url = reverse("web:case", args=[demo.case.slug])
    old = demo.events["filing"]  # August 2024: far below the first page, newest first
    assert f'id="event-{old.pk}"' not in client.get(url).content.decode()
    response = client.get(url, {"at": f"event-{old.pk}"})
    assert response.status_code == 302 and response["Location"].endswith(f"#event-{old.pk}")
    page = client.get(response["Location"].split("#")[0])
    ids = [a["id"] for _, a in parse(page).tags if a.get("data-date")]
    assert f"event-{old.pk}" in ids and ids.index(f"event-{old.pk}") <= 2
    # an article opens the event it reports; a suggestion turns the suggestions on
    article = demo.articles[0]
    response = client.get(url, {"at": f"article-{article.pk}"})
    assert response["Location"].endswith(f"#event-{demo.events['testimony'].pk}")
    response = client.get(url, {"at": f"event-{demo.events['suggested'].pk}"})
    assert "unreviewed=1" in response["Location"]
    assert client.get(url, {"at": "event-999999"}).status_code == 200


def test_positions_matrix_and_quotes(client, demo):
    url = reverse("web:positions", args=[demo.case.slug])
    tree = parse(client.get(url))
    text = "".join(tree.text)
    links = tree.find("a", id="cell-openai-distillation")
    assert links and links[0]["hx-target"] == "#quotes" and links[0]["hx-push-url"] == "true"
    assert "Opposes" in text
    # suggested stance is marked as such
    assert tree.find("span", **{"class": "stance stance-opposes is-suggested"})
    # Musk changed stance: a dated sequence of chips
    assert "Aug 5, 2024" in text and "Apr 30, 2026" in text
    partial = client.get(
        url, {"party": "openai", "issue": "distillation"}, headers={"HX-Request": "true"}
    )
    body = partial.content.decode()
    assert body.lstrip().startswith('<section id="quotes"')
    assert "breaks its terms of use" in body and "opposes: says it breaks its terms" in body
    assert "Courtroom Daily" in body
    full = parse(client.get(url, {"party": "openai", "issue": "distillation"}))
    assert "breaks its terms of use" in "".join(full.text)


def test_article_highlights_evidence(client, demo):
    article = demo.articles[0]
    response = client.get(reverse("web:article", args=[article.pk]))
    assert response.status_code == 200
    tree = parse(response)
    marks = tree.find("mark")
    kinds = {m["class"].split()[1] for m in marks if m.get("class", "").startswith("hl ")}
    assert {"hl-event", "hl-party", "hl-issue", "hl-clause", "hl-claim"} <= kinds
    body = response.content.decode()
    # overlapping quotes split into segments: the text is unchanged once marks are removed
    import re

    inner = body.split('id="article-text">', 1)[1].split("</div>", 1)[0]
    plain = re.sub(r"<[^>]+>", "", inner)
    from django.utils.html import escape

    assert plain == escape(article.text)
    # every quote in the side list jumps to its anchor in the text
    jumps = [a["href"] for a in tree.find("a", **{"class": "evidence-jump"})]
    anchors = {"#" + a["id"] for a in tree.find("span", **{"class": "anchor"})}
    assert jumps and set(jumps) <= anchors
    text = "".join(tree.text)
    assert "Tech Ledger" in text  # same story elsewhere
    assert tree.find("a", href=article.url)
    assert "Accepted" in text and "Suggested" in text and "% confidence" in text
    # a reviewed link says who stands behind it, not the matcher's confidence
    accepted = [c for c in body.split('class="link-card"')[1:] if "chip-accepted" in c]
    assert accepted and all("confidence" not in c.split("</p>")[0] for c in accepted)
    assert "Found automatically, accepted by an analyst" in text


def test_party_claim_issue_clause_pages(client, demo):
    r = client.get(reverse("web:party", args=["openai"]))
    assert r.status_code == 200 and "Opposes" in r.content.decode()
    r = client.get(reverse("web:claim", args=[demo.case.slug, demo.claim.slug]))
    assert r.status_code == 200 and "filed a new complaint" in r.content.decode()
    r = client.get(reverse("web:issue", args=[demo.case.slug, "distillation"]))
    assert r.status_code == 200 and "Anthropic" in r.content.decode()
    r = client.get(reverse("web:clause", args=["openai-terms", "use-of-output"]))
    tree = parse(r)
    assert r.status_code == 200
    assert tree.find("ins") and tree.find("del")
    assert "including by distillation" in r.content.decode()
    assert client.get(reverse("web:claim", args=[demo.case.slug, "nope"])).status_code == 404
    assert client.get(reverse("web:clause", args=["openai-terms", "nope"])).status_code == 404
    assert client.get(reverse("web:article", args=[999999])).status_code == 404


def test_hostile_content_is_escaped(client, db):
    from tests.factories import ClauseVersionFactory

    demo = demo_build(hostile=True)
    ClauseVersionFactory(clause=demo.clause, effective=dt.date(2025, 6, 1), text=HOSTILE)
    demo.claim.description = HOSTILE
    demo.claim.save()
    article = demo.articles[0]
    for url in [
        reverse("web:case", args=[demo.case.slug]),
        reverse("web:article", args=[article.pk]),
        reverse("web:positions", args=[demo.case.slug]) + "?party=elon-musk&issue=distillation",
        reverse("web:party", args=["elon-musk"]),
        reverse("web:issue", args=[demo.case.slug, "distillation"]),
        reverse("search:search") + "?q=musk",
        reverse("web:claim", args=[demo.case.slug, demo.claim.slug]),
        reverse("web:clause", args=["openai-terms", "use-of-output"]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        tree = parse(response)
        assert_no_injection(tree)
        assert not tree.find("img"), url
    page = client.get(reverse("web:article", args=[article.pk])).content.decode()
    assert "&lt;script&gt;" in page
    assert "javascript:alert(document.cookie)" in page  # shown as text, not as a link


def test_pages_only_get(client, demo):
    response = client.post(reverse("web:case", args=[demo.case.slug]))
    assert response.status_code == 405


@pytest.mark.parametrize("n", [10, 1000])
def test_query_counts_do_not_grow(client, db, django_assert_max_num_queries, n):
    demo = demo_build()
    articles_bulk(demo.case, n)
    if connection.vendor == "postgresql":
        # as after a real bulk load (statistics_refresh): an earlier test's ANALYZE of nearly
        # empty tables would otherwise leave the planner sure they hold a handful of rows
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    article = demo.articles[0]
    pages = [
        (reverse("web:home"), 4),  # the cases, and the courts, parties and issues to filter by
        # the case head (where it stands, 8) + the timeline (reviewed, with the hidden count)
        # + the docket entries of the page's events (1); with the cache cold: the coverage
        # version (read twice) and the counts of the whole coverage, once per version
        (reverse("web:case", args=[demo.case.slug]), 31),
        (reverse("web:case", args=[demo.case.slug]) + "?party=bulk-party&from=2020-01-01", 28),
        (reverse("web:case", args=[demo.case.slug]) + "?related=1", 33),
        (reverse("web:case", args=[demo.case.slug]) + "?unreviewed=1", 31),
        (reverse("web:case", args=[demo.case.slug]) + "?cursor=2025-06-01.story.999999", 31),
        (reverse("web:positions", args=[demo.case.slug]) + "?party=openai&issue=distillation", 8),
        (reverse("web:article", args=[article.pk]), 8),
        (reverse("web:party", args=["bulk-party"]), 9),
        (reverse("web:claim", args=[demo.case.slug, demo.claim.slug]), 6),
        (reverse("web:issue", args=[demo.case.slug, "distillation"]), 6),
        (reverse("web:clause", args=["openai-terms", "use-of-output"]), 6),
        (reverse("search:search") + "?q=distillation", 8),
    ]
    for url, most in pages:
        with django_assert_max_num_queries(most):
            response = client.get(url)
        assert response.status_code == 200, url
    # Warm: the timeline section, the filter panel and where the case stands come from the
    # cache under the case's page stamp: what is left is the case and its stamp. With the
    # events of related cases (not in the stamp) the timeline is read each time.
    for url, most in pages[1:6]:
        first = client.get(url)
        with django_assert_max_num_queries(most if "related" in url else 2):
            again = client.get(url)
        section = [r.content.split(b'<section id="timeline"')[1] for r in (first, again)]
        assert section[0] == section[1], url  # (the CSRF token in the page's head differs)


def test_article_tag_form_only_for_analysts(client, demo):
    from tracker.review.roles import user_set_role

    url = reverse("web:article", args=[demo.articles[0].pk])
    assert not parse(client.get(url)).find("form", **{"class": "tag-form"})
    viewer, _ = user_set_role(username="reader", role="viewer")
    client.force_login(viewer)
    assert not parse(client.get(url)).find("form", **{"class": "tag-form"})
    analyst, _ = user_set_role(username="analyst", role="analyst")
    client.force_login(analyst)
    response = client.get(url)
    assert response.status_code == 200
    assert parse(response).find("form", **{"class": "tag-form"})


def test_home_lists_cases_with_counts(client, demo):
    text = " ".join("".join(parse(client.get(reverse("web:home"))).text).split())
    assert "Musk v. OpenAI" in text
    # the known events only: the suggested one is not counted
    assert "2 known events" in text and "7 articles" in text and "5 parties" in text
    # a second role for a party (a plaintiff who also testifies) does not count it twice
    from tests.factories import CasePartyFactory
    from tracker.cases.models import CaseParty

    CasePartyFactory(
        case=demo.case, party=CaseParty.objects.filter(case=demo.case)[0].party, role="witness"
    )
    text = " ".join("".join(parse(client.get(reverse("web:home"))).text).split())
    assert "5 parties" in text


def test_timeline_shows_claim_statuses_and_related_cases_on_request(client, demo):
    from tests.factories import CaseFactory, EventFactory
    from tracker.cases.models import CaseRelation, ClaimStatus

    ClaimStatus.objects.create(
        claim=demo.claim,
        status="dismissed",
        date=dt.date(2025, 3, 4),
        note="Dismissed with leave to amend <b>soon</b>",
        source_url="https://court.example/order",
    )
    appeal = CaseFactory(slug="appeal", title="Musk v. OpenAI (appeal)")
    CaseRelation.objects.create(from_case=appeal, to_case=demo.case, kind="appeal-of")
    EventFactory(case=appeal, date=dt.date(2025, 6, 1), title="Notice of appeal filed")
    url = reverse("web:case", args=[demo.case.slug])

    page = client.get(url).content.decode()
    assert "Dismissed" in page and "chip-status-dismissed" in page and demo.claim.title in page
    assert "Dismissed with leave to amend &lt;b&gt;soon&lt;/b&gt;" in page
    assert "1 claim status change" in page
    assert "Notice of appeal filed" not in page
    assert 'name="related"' in page and "Musk v. OpenAI (appeal)" in page  # the toggle

    page = client.get(url, {"related": "1"}).content.decode()
    assert "Notice of appeal filed" in page and "Appealed in" in page
    # newest first: the appeal (June 2025) above the dismissal (March 2025)
    assert page.index("Notice of appeal filed") < page.index("Dismissed with leave")

    # an issue filter hides claim statuses; a claim filter keeps its own
    page = client.get(url, {"issue": "distillation"}).content.decode()
    assert "Dismissed with leave" not in page
    page = client.get(url, {"claim": demo.claim.slug}).content.decode()
    assert "Dismissed with leave" in page
    page = client.get(url, {"to": "2025-01-01"}).content.decode()
    assert "Dismissed with leave" not in page


def test_claims_pleaded_together_share_one_timeline_card(client, demo):
    from tests.factories import ClaimFactory
    from tracker.cases.models import ClaimStatus

    other = ClaimFactory(case=demo.case, slug="second-claim", title="Second claim")
    third = ClaimFactory(case=demo.case, slug="third-claim", title="Third claim")
    for claim in (demo.claim, other):
        ClaimStatus.objects.create(
            claim=claim, status="pleaded", date=dt.date(2024, 8, 5), note="In the complaint."
        )
    ClaimStatus.objects.create(claim=third, status="pleaded", date=dt.date(2024, 8, 5))
    page = client.get(reverse("web:case", args=[demo.case.slug])).content.decode()
    assert page.count('class="tl-item tl-status"') == 2  # the third has no note: its own card
    cards = [c[: c.index("</li>\n")] for c in page.split('class="tl-item tl-status"')[1:]]
    together = [c for c in cards if demo.claim.title in c]
    assert len(together) == 1 and "Second claim" in together[0]
    assert "Third claim" not in together[0]


def test_an_event_told_by_many_lists_a_few_and_counts_them_all(client, demo):
    from tests.factories import ArticleFactory, EventFactory, LinkFactory, StoryFactory
    from tracker.web.selectors import entries as timeline

    event = EventFactory(case=demo.case, date=dt.date(2026, 5, 20), title="Verdict read out")
    for n in range(timeline.LOADED_PER_ENTRY + 6):
        article = ArticleFactory(source=f"Outlet {n % 20}", story=StoryFactory())
        article.cases.add(demo.case)
        LinkFactory(article=article, target_type="event", party=None, event=event)
    total = timeline.LOADED_PER_ENTRY + 6
    page = client.get(
        reverse("web:case", args=[demo.case.slug]),
        {"from": "2026-05-20"},
        headers={"HX-Request": "true"},
    )
    html = page.content.decode()
    (card,) = [c for c in html.split('<li class="tl-item') if "Verdict read out" in c]
    assert "Reported by 20 outlets" in card and f"{total} articles" in card
    assert f"Showing {timeline.REPORTS_SHOWN} of {total} stories" in card
    reports = card[card.index('class="report-list"') :]
    assert reports.count('href="/articles/') == timeline.REPORTS_SHOWN


def test_a_clause_link_offers_the_wording_in_force_on_the_article_date(client, demo):
    article = demo.articles[0]
    html = client.get(reverse("web:article", args=[article.pk])).content.decode()
    day = article.published.date().isoformat()
    href = f'href="/clauses/{demo.clause.pk}/in-force/?date={day}"'
    assert href in html
    page = client.get(f"/clauses/{demo.clause.pk}/in-force/", {"date": day})
    assert page.status_code == 200 and demo.clause.title in page.content.decode()
