from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import (
    ArticleFactory,
    EventFactory,
    EvidenceFactory,
    LinkFactory,
    PositionFactory,
)
from tracker.cases.models import Event
from tracker.linking.models import Link
from tracker.review import services

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def link(article, parties):
    link = LinkFactory(article=article, party=parties["openai"], confidence=0.8)
    EvidenceFactory(
        link=link,
        exact="rival lab",
        prefix="heard the billionaire describe his ",
        suffix=" in blunt terms.",
        start=49,
        end=58,
    )
    return link


def login(client: Client, user) -> Client:
    client.force_login(user)
    return client


def act_url(kind: str, pk: int) -> str:
    return reverse("review:review", args=[kind, pk])


# Who may do what -----------------------------------------------------------------------------


def test_anonymous_is_sent_to_login_and_changes_nothing(client, link):
    response = client.get(reverse("review:queue"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))

    response = client.post(act_url("link", link.pk), {"status": "accepted", "version": 1})
    assert response.status_code == 302
    assert Link.objects.get(pk=link.pk).status == "suggested"


def test_anonymous_htmx_request_is_redirected_by_htmx(client, link):
    response = client.post(act_url("link", link.pk), {"status": "accepted"}, **HX)
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(reverse("login"))
    assert Link.objects.get(pk=link.pk).status == "suggested"


@pytest.mark.parametrize(
    ("name", "args", "data"),
    [
        ("review:review", ["link", 0], {"status": "accepted"}),
        ("review:retarget", [0], {"target_type": "party", "target": "Elon Musk"}),
        ("review:bulk", [], {"status": "accepted", "items": "link:0:1"}),
        ("review:tag", ["article"], {"kind": "link", "target": "party:0", "quote": "rival lab"}),
    ],
)
def test_viewer_gets_403_on_every_action(client, viewer, link, article, name, args, data):
    args = [link.pk if a == 0 else article.pk if a == "article" else a for a in args]
    data = {k: v.replace(":0", f":{link.pk}") for k, v in data.items()}
    login(client, viewer)
    assert client.post(reverse(name, args=args), data).status_code == 403
    stored = Link.objects.get(pk=link.pk)
    assert (stored.status, stored.version, stored.party.name) == ("suggested", 1, "OpenAI")
    assert stored.evidence.count() == 1


def test_viewer_cannot_open_the_queue_but_can_read_history(client, viewer, link):
    login(client, viewer)
    assert client.get(reverse("review:queue")).status_code == 403
    assert client.get(reverse("review:history", args=["link", link.pk])).status_code == 200


def test_csrf_is_enforced_for_forms_and_htmx(analyst, link):
    client = Client(enforce_csrf_checks=True)
    client.force_login(analyst)
    data = {"status": "accepted", "version": 1}
    assert client.post(act_url("link", link.pk), data).status_code == 403
    assert client.post(act_url("link", link.pk), data, **HX).status_code == 403
    assert Link.objects.get(pk=link.pk).status == "suggested"

    page = client.get(reverse("review:queue"))
    token = page.cookies["csrftoken"].value
    # the token travels in the X-CSRFToken header (hx-headers on <body>), as htmx sends it
    assert 'hx-headers=\'{"X-CSRFToken": "' in page.content.decode()
    response = client.post(act_url("link", link.pk), data, HTTP_X_CSRFTOKEN=token, **HX)
    assert response.status_code == 200
    assert Link.objects.get(pk=link.pk).status == "accepted"


# The queue -----------------------------------------------------------------------------------


def test_queue_shows_suggestions_with_the_quote_in_context_escaped(
    client, analyst, article, parties
):
    link = LinkFactory(article=article, party=parties["musk"])
    EvidenceFactory(
        link=link, exact="<b>bold</b>", prefix="<script>x", suffix="&amp;", start=40, end=51
    )
    login(client, analyst)
    html = client.get(reverse("review:queue")).content.decode()
    assert f'id="q-link-{link.pk}"' in html
    assert "…&lt;script&gt;x<mark>&lt;b&gt;bold&lt;/b&gt;</mark>&amp;amp;</blockquote>" in html
    assert "<script>x" not in html


def test_queue_quotes_are_cut_at_word_boundaries_and_not_at_the_text_s_ends(
    client, analyst, article, parties, issue
):
    """The context a selector keeps is 32 characters either side, cut wherever they fall: the
    queue drops the half words ("…pany xAI", "the fe…") and puts no "…" where the quote's
    context is the text's own beginning or end."""
    cut = LinkFactory(article=article, party=parties["openai"])
    EvidenceFactory(
        link=cut,
        exact="OpenAI",
        prefix="pany xAI had partly relied on\nthe ",
        suffix=" models when it trained its Grok fe",
        start=500,
        end=506,
    )
    whole = LinkFactory(article=article, party=parties["musk"])
    EvidenceFactory(
        link=whole, exact="Musk", prefix="Lawyers for ", suffix=" spoke.", start=12, end=16
    )
    PositionFactory(
        party=parties["openai"],
        issue=issue,
        quote="a front in a campaign",
        prefix="calling the lawsuit nothing but ",
        suffix=" of harassment by a rival it has outgrown",
        start=900,
        end=921,
    )
    login(client, analyst)
    html = unescape(client.get(reverse("review:queue")).content.decode())
    assert (
        "…xAI had partly relied on the <mark>OpenAI</mark> models when it trained its Grok…" in html
    )
    assert "pany" not in html and "Grok fe" not in html
    assert '<blockquote class="q-quote">Lawyers for <mark>Musk</mark> spoke.</blockquote>' in html
    assert (
        "…the lawsuit nothing but <mark>a front in a campaign</mark> of harassment by a rival it has…"
        in html
    )


def test_queue_filters_by_case_type_and_status(client, analyst, article, parties, issue):
    party_link = LinkFactory(article=article, party=parties["musk"])
    other = LinkFactory(party=parties["openai"])  # an article outside the case
    position = PositionFactory(party=parties["openai"], issue=issue)
    accepted = LinkFactory(article=article, party=parties["openai"], status="accepted")
    login(client, analyst)

    html = client.get(reverse("review:queue"), {"case": "musk-v-openai"}).content.decode()
    assert f"q-link-{party_link.pk}" in html and f"q-link-{other.pk}" not in html
    assert f"q-position-{position.pk}" in html
    assert f"q-link-{accepted.pk}" not in html

    html = client.get(reverse("review:queue"), {"show": "positions"}).content.decode()
    assert f"q-position-{position.pk}" in html and f"q-link-{party_link.pk}" not in html

    html = client.get(reverse("review:queue"), {"status": "accepted"}).content.decode()
    assert f"q-link-{accepted.pk}" in html and f"q-link-{party_link.pk}" not in html


def test_a_case_s_queue_holds_the_links_of_its_articles_filed_or_linked(
    client, analyst, case, parties, issue
):
    """A case's articles are those filed under it and those linked to it or its claims, issues
    and events (linking.membership): a party link on an article the linker tied to the case's
    issue waits in the case's queue, though the article was filed nowhere. A rejected tie does
    not make the article the case's."""
    tied = ArticleFactory(title="Tied to the issue by a link")
    LinkFactory(article=tied, target_type="issue", party=None, issue=issue)
    on_tied = LinkFactory(article=tied, party=parties["openai"])
    dropped = ArticleFactory(title="Tied by a rejected link")
    LinkFactory(article=dropped, target_type="issue", party=None, issue=issue, status="rejected")
    on_dropped = LinkFactory(article=dropped, party=parties["openai"])
    login(client, analyst)
    params = {"case": "musk-v-openai", "show": "links"}
    html = client.get(reverse("review:queue"), params).content.decode()
    assert f"q-link-{on_tied.pk}" in html and f"q-link-{on_dropped.pk}" not in html
    assert "<strong>2</strong> links" in html  # the counts too: the issue link and on_tied


def test_queue_orders_by_confidence_or_newest(client, analyst, article, parties, issue):
    low = LinkFactory(article=article, party=parties["musk"], confidence=0.2)
    high = LinkFactory(article=article, party=parties["openai"], confidence=0.9)
    login(client, analyst)
    html = client.get(reverse("review:queue")).content.decode()
    assert html.index(f"q-link-{high.pk}") < html.index(f"q-link-{low.pk}")
    html = client.get(reverse("review:queue"), {"order": "newest"}).content.decode()
    assert html.index(f"q-link-{high.pk}") < html.index(f"q-link-{low.pk}")  # high is newer


def more_url(html: str, kind: str) -> str:
    found = re.search(rf'href="(\?[^"#]*)#q-h-{kind}"', html)
    return unescape(found[1]) if found else ""


@pytest.mark.parametrize("order", ["confidence", "newest"])
def test_queue_shows_more_after_the_last_row_keeping_the_filters(client, analyst, parties, order):
    """ "Show more" continues after the last row shown (keyset), whatever was reviewed meanwhile:
    no row twice, none skipped, and the filters kept."""
    links = [LinkFactory(party=parties["openai"], confidence=(i % 7) / 10) for i in range(113)]
    login(client, analyst)
    seen: list[str] = []
    url = f"?show=links&order={order}"
    html = client.get(reverse("review:queue") + url).content.decode()
    assert "50 of 113 shown" in html
    while url:
        page = re.findall(r'<li id="q-link-(\d+)"', html)
        assert len(page) == (50 if len(seen) < 100 else 13)
        seen += page
        if len(seen) == 50:  # reviewed meanwhile: later pages neither skip nor repeat rows
            Link.objects.filter(pk=page[0]).update(status="accepted")
        url = more_url(html, "link")
        assert (url == "") is (len(seen) == 113)
        if url:
            assert "order=" + order in url and "show=links" in url
            html = client.get(reverse("review:queue") + url).content.decode()
    expected = sorted(
        links,
        key=lambda link: (
            (link.confidence, link.created_at, link.pk)
            if order == "confidence"
            else (link.created_at, link.pk)
        ),
        reverse=True,
    )
    assert seen == [str(link.pk) for link in expected]
    assert "100 of 113 shown" not in html and 'Links <span class="q-total">113' in html


def test_queue_more_with_htmx_appends_rows_and_replaces_its_button(client, analyst, parties):
    for i in range(53):
        LinkFactory(party=parties["openai"], confidence=i / 100)
    login(client, analyst)
    html = client.get(reverse("review:queue"), {"show": "links"}).content.decode()
    assert 'hx-target="#q-list-link" hx-swap="beforeend"' in html
    assert 'hx-select="#q-list-link > li" hx-select-oob="#q-more-link"' in html
    response = client.get(reverse("review:queue") + more_url(html, "link"), **HX)
    more = response.content.decode()
    assert more.count('<li id="q-link-') == 3
    assert '<p class="q-more" id="q-more-link"></p>' in more  # the button goes: nothing follows


@pytest.mark.parametrize(
    "after", ["abc", "0.5_2026-01-01T00:00:00_5", "nan_2026-01-01T00:00:00+00:00_5", "1_x_2", "_"]
)
def test_queue_ignores_a_malformed_cursor(client, analyst, parties, after):
    LinkFactory(party=parties["openai"])
    login(client, analyst)
    response = client.get(reverse("review:queue"), {"show": "links", "after": after})
    assert response.status_code == 200
    assert response.content.decode().count('id="q-link-') == 1


@pytest.mark.parametrize("shown", ["²", "x", "-5", ""])
def test_queue_ignores_a_malformed_count_shown(client, analyst, parties, shown):
    """ "shown" comes from the URL: a digit int() cannot read ("²" is one to str.isdigit) is
    ignored, not a server error."""
    link = LinkFactory(party=parties["openai"], confidence=0.5)
    LinkFactory(party=parties["openai"], confidence=0.9)
    login(client, analyst)
    after = f"0.9_{link.created_at.isoformat()}_{link.pk + 1000}"
    response = client.get(
        reverse("review:queue"), {"show": "links", "after": after, "shown": shown}
    )
    assert response.status_code == 200
    assert response.content.decode().count('id="q-link-') == 1


def test_queue_htmx_filter_returns_only_the_list(client, analyst, link):
    login(client, analyst)
    response = client.get(reverse("review:queue"), {"show": "links"}, **HX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="queue"')
    assert "<html" not in html
    assert 'id="queue-counts" class="queue-counts" aria-live="polite" hx-swap-oob="true"' in html
    # the bulk form outside the list learns the new filters, to come back to them
    assert 'id="bulk-next" name="next" value="/review/?show=links" hx-swap-oob="true"' in html
    assert "HX-Request" in response.headers["Vary"]


def test_queue_answers_an_htmx_history_restore_with_the_whole_page(client, analyst, link):
    """htmx asks again for a page it has no snapshot of (back button after the cache emptied):
    the answer replaces the whole body, so it must be the page, not the list."""
    login(client, analyst)
    restore = {**HX, "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}
    response = client.get(reverse("review:queue"), {"show": "links"}, **restore)
    html = response.content.decode()
    assert "<html" in html and 'id="queue"' in html
    assert "hx-swap-oob" not in html.split('id="queue"')[0]
    vary = {v.strip() for v in response.headers["Vary"].split(",")}
    assert {"HX-Request", "HX-History-Restore-Request"} <= vary


# Acting on a row -----------------------------------------------------------------------------


def test_htmx_accept_returns_the_row_and_the_counts(client, analyst, link):
    login(client, analyst)
    response = client.post(act_url("link", link.pk), {"status": "accepted", "version": 1}, **HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li id="q-link-{link.pk}" class="q-item q-accepted"')
    assert "<html" not in html
    assert 'id="queue-counts"' in html and 'hx-swap-oob="true"' in html
    assert "<strong>0</strong> links" in html
    assert 'name="version" value="2"' in html  # the next action sends the new version
    assert 'value="suggested" data-key="u"' in html  # undo is offered
    assert Link.objects.get(pk=link.pk).reviewed_by == analyst


def test_without_js_the_form_redirects_back(client, analyst, link):
    login(client, analyst)
    back = reverse("review:queue") + "?order=newest"
    response = client.post(
        act_url("link", link.pk), {"status": "rejected", "version": 1, "next": back}
    )
    assert (response.status_code, response["Location"]) == (302, back)
    assert Link.objects.get(pk=link.pk).status == "rejected"
    # an outside address is not followed
    response = client.post(
        act_url("link", link.pk), {"status": "accepted", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("review:queue")


def test_second_analyst_gets_409_with_the_current_row(client, analyst, analyst2, link):
    services.link_review(link=link, user=analyst, status="accepted", expected_version=1)
    login(client, analyst2)
    response = client.post(act_url("link", link.pk), {"status": "rejected", "version": 1}, **HX)
    assert response.status_code == 409
    html = response.content.decode()
    assert f'<li id="q-link-{link.pk}" class="q-item q-accepted"' in html
    assert "Changed by ana at" in html and "review again" in html
    assert Link.objects.get(pk=link.pk).status == "accepted"

    response = client.post(act_url("link", link.pk), {"status": "rejected", "version": 1})
    assert response.status_code == 409
    assert "Someone changed this meanwhile" in response.content.decode()
    assert Link.objects.get(pk=link.pk).status == "accepted"


def test_event_and_position_rows_can_be_reviewed(client, analyst, case, parties, issue):
    event = EventFactory(case=case, status="suggested", title="Testimony <em>day</em>")
    position = PositionFactory(party=parties["openai"], issue=issue, quote="theft")
    login(client, analyst)
    response = client.post(
        act_url("event", event.pk),
        {"status": "accepted", "version": event.version},
        **HX,
    )
    assert response.status_code == 200
    assert "Testimony &lt;em&gt;day&lt;/em&gt;" in response.content.decode()
    assert Event.objects.get(pk=event.pk).status == "accepted"
    response = client.post(act_url("position", position.pk), {"status": "rejected"}, **HX)
    assert f'id="q-position-{position.pk}" class="q-item q-rejected"' in response.content.decode()


def test_retarget_through_the_page(client, analyst, article, parties):
    link = LinkFactory(article=article, party=parties["musk"])
    login(client, analyst)
    response = client.post(
        reverse("review:retarget", args=[link.pk]),
        {"target_type": "party", "target": "openai", "version": 1},
        **HX,
    )
    assert response.status_code == 200
    assert "Now linked to party OpenAI" in response.content.decode()
    assert Link.objects.get(pk=link.pk).party == parties["openai"]

    response = client.post(
        reverse("review:retarget", args=[link.pk]),
        {"target_type": "party", "target": "Nobody", "version": 2},
        **HX,
    )
    assert response.status_code == 400
    assert "No party called" in response.content.decode()


def test_bulk_accepts_several_and_reports_conflicts(client, analyst, article, parties, issue):
    one = LinkFactory(article=article, party=parties["musk"])
    two = LinkFactory(article=article, party=parties["openai"])
    position = PositionFactory(party=parties["openai"], issue=issue)
    login(client, analyst)
    items = [f"link:{one.pk}:1", f"link:{two.pk}:7", f"position:{position.pk}:1"]
    response = client.post(reverse("review:bulk"), {"status": "accepted", "items": items}, **HX)
    html = response.content.decode()
    assert "Accepted: 2. 1 changed meanwhile" in html
    assert html.count('hx-swap-oob="true"') == 4  # three rows and the counts
    assert Link.objects.get(pk=one.pk).status == "accepted"
    assert Link.objects.get(pk=two.pk).status == "suggested"

    response = client.post(
        reverse("review:bulk"), {"status": "rejected", "items": [f"link:{two.pk}:1"]}
    )
    assert response.status_code == 302
    assert Link.objects.get(pk=two.pk).status == "rejected"


# History -------------------------------------------------------------------------------------


def test_history_page_shows_who_changed_what(client, analyst, analyst2, link):
    link = services.link_review(link=link, user=analyst, status="accepted")
    services.link_review(link=link, user=analyst2, status="rejected")
    login(client, analyst)
    html = client.get(reverse("review:history", args=["link", link.pk])).content.decode()
    assert html.count('class="history-entry') == 3
    assert "<strong>bob</strong> changed it" in html
    assert '<td class="old">accepted</td><td class="new">rejected</td>' in html


def test_history_of_unknown_kind_is_404(client, analyst):
    login(client, analyst)
    assert client.get(reverse("review:history", args=["user", 1])).status_code == 404


# The header ----------------------------------------------------------------------------------


def test_header_shows_login_or_user_role_and_post_logout(client, analyst, viewer):
    html = client.get(reverse("web:home")).content.decode()
    assert 'href="/accounts/login/?next=/"' in html
    login(client, analyst)
    html = client.get(reverse("web:home")).content.decode()
    assert 'class="role role-analyst">analyst<' in html
    assert f'href="{reverse("review:queue")}"' in html
    assert f'method="post" action="{reverse("logout")}"' in html
    client.force_login(viewer)
    html = client.get(reverse("web:home")).content.decode()
    assert "role-viewer" in html and f'href="{reverse("review:queue")}"' not in html
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_login_page_logs_in(client, analyst):
    page = client.get(reverse("login"))
    assert page.status_code == 200 and b'name="password"' in page.content
    response = client.post(reverse("login"), {"username": "ana", "password": "pw-ana"})
    assert response.status_code == 302
    response = client.post(reverse("login"), {"username": "ana", "password": "wrong"})
    assert b"do not match" in response.content


def test_reviewed_items_whose_quote_is_gone_wait_under_stale(client, analyst, article, parties):
    gone = LinkFactory(article=article, party=parties["openai"], status="accepted", stale=True)
    fine = LinkFactory(article=article, party=parties["musk"], status="accepted")
    login(client, analyst)
    default = client.get(reverse("review:queue")).content.decode()
    assert f"q-link-{gone.pk}" not in default  # reviewed: not among the suggestions
    stale = client.get(reverse("review:queue"), {"status": "stale"}).content.decode()
    assert f"q-link-{gone.pk}" in stale and f"q-link-{fine.pk}" not in stale
    assert '<option value="stale" selected>' in stale


def test_queue_and_history_name_a_link_s_target_as_readers_know_it(
    client, analyst, article, case, issue
):
    """An issue is its question and a case its title, not their slugs ("distillation",
    "musk-v-openai"), which stay in the heading's title attribute for retargeting."""
    on_issue = LinkFactory(article=article, target_type="issue", party=None, issue=issue)
    LinkFactory(article=article, target_type="case", party=None, case=case)
    login(client, analyst)
    html = client.get(reverse("review:queue")).content.decode()
    assert '<strong title="distillation">Is distillation legitimate?</strong>' in html
    assert '<strong title="musk-v-openai">Musk v. OpenAI</strong>' in html
    history = client.get(reverse("review:history", args=["link", on_issue.pk])).content.decode()
    assert (
        "Issue “Is distillation legitimate?” in “Jury hears testimony on distillation”" in history
    )
    tag = client.get(reverse("review:tag", args=[article.pk])).content.decode()
    assert '<strong title="musk-v-openai">Musk v. OpenAI</strong>' in tag
