"""Feeds that send only a summary: with fetch_full_text, the article comes from its page."""

from __future__ import annotations

import pytest

from tests.factories import FeedFactory
from tests.news import samples
from tracker.news.feeds import feed_refresh, feed_save
from tracker.news.models import Article, ArticleVersion, Feed

pytestmark = pytest.mark.django_db

SUMMARY = "<p>The panel heard the toll appeal on Tuesday.</p>"

PAGE = """<!doctype html><html><head><title>Toll appeal heard | Harbour Courts Weekly</title>
<script>window.tracking = 1</script></head>
<body><nav><a href="/">Home</a> <a href="/courts">Courts</a> <a href="/ferries">Ferries</a></nav>
<article><h1>Toll appeal heard</h1>
<p>The appeals panel heard the river toll appeal on Tuesday, the first time the ferry company
has put its case that the 1998 agreement still binds the city.</p>
<p>Lawyers for the company told the three judges that the toll breaks a promise made when the
bridge was planned, and that passengers have paid twice for the same crossing ever since.</p>
<p>The city answered that the agreement lapsed long ago and that the toll pays for repairs the
company itself asked for. A ruling is expected before the summer, the clerk said.</p>
<p>Onlookers <img src=x onerror="alert(1)"> filled the gallery <script>alert(2)</script> and
the hearing ran well past its allotted hour as the judges pressed both sides.</p>
</article>
<footer>Subscribe to our newsletter. Share this story.</footer></body></html>"""


@pytest.fixture
def full(server, allow_private, settings):
    settings.TRACKER_AFTER_INGEST = []

    def make(pages: dict[str, tuple[int, str, bytes]], *, on: bool = True, summary=SUMMARY):
        items = []
        for n, (path, (status, ctype, body)) in enumerate(pages.items()):
            server.serve(path, body, status=status, content_type=ctype)
            items.append(
                samples.item_xml(
                    guid=f"full-{n}",
                    title=f"Toll story {n}",
                    body=summary.replace("{n}", str(n)),
                    link=server.url(path),
                )
            )
        feed_url = server.serve("/feed.xml", samples.rss(items))
        return FeedFactory(url=feed_url, fetch_full_text=on)

    return make


def _page(status: int = 200, body: str = PAGE, ctype: str = "text/html; charset=utf-8"):
    return status, ctype, body.encode()


def _page_requests(server) -> list[str]:
    return [r["path"] for r in server.requests if r["path"] != "/feed.xml"]


def test_a_summary_only_entry_gets_its_page_text(full, server):
    feed = full({"/news/toll": _page()})
    report = feed_refresh(feed=feed)
    assert len(report.created) == 1 and not report.errors
    article = Article.objects.get()
    assert "the first time the ferry company" in article.text
    assert "A ruling is expected before the summer" in article.text
    assert "Home" not in article.text and "Subscribe" not in article.text  # page furniture
    assert "alert" not in article.text and "<script" not in article.html
    assert "onerror" not in article.html
    assert article.original.startswith("<!doctype html>") and article.original_type == "text/html"
    page_request = next(r for r in server.requests if r["path"] == "/news/toll")
    assert page_request["headers"]["Accept"].startswith("text/html")
    assert "tracker" in page_request["headers"]["User-Agent"]
    feed.refresh_from_db()
    assert feed.last_error == ""


def test_off_by_default_nothing_is_fetched(full, server):
    feed = full({"/news/toll": _page()}, on=False)
    feed_refresh(feed=feed)
    assert _page_requests(server) == []
    assert Article.objects.get().text == "The panel heard the toll appeal on Tuesday."


def test_a_re_read_feed_does_not_fetch_its_pages_again(full, server):
    feed = full({"/news/toll": _page()})
    feed_refresh(feed=feed)
    assert _page_requests(server) == ["/news/toll"]
    feed.refresh_from_db()
    feed.etag = feed.last_modified = ""
    again = feed_refresh(feed=feed)
    assert _page_requests(server) == ["/news/toll"]  # not fetched twice
    assert "the first time the ferry company" in Article.objects.get().text  # and not lost
    assert (len(again.unchanged), len(again.updated)) == (1, 0)
    assert not ArticleVersion.objects.exists()  # the summary did not replace the page's text


@pytest.mark.parametrize(
    ("page", "why"),
    [
        (_page(status=404), "404"),
        (_page(ctype="application/pdf"), "not a web page but application/pdf"),
        (_page(body="<html><body><p>Short.</p></body></html>"), ""),
    ],
)
def test_an_unusable_page_keeps_the_summary_and_says_why(full, page, why):
    feed = full({"/news/toll": page})
    report = feed_refresh(feed=feed)
    assert len(report.created) == 1 and not report.errors  # the feed itself is fine
    assert Article.objects.get().text == "The panel heard the toll appeal on Tuesday."
    feed.refresh_from_db()
    assert "full text:" in feed.last_error and "/news/toll" in feed.last_error
    assert why in feed.last_error


def test_a_page_on_a_refused_address_is_not_fetched(full, settings):
    feed = full({"/news/toll": _page()})
    settings.TRACKER_FETCH_ALLOW_PRIVATE = False  # the feed fetch itself is faked below
    from tracker.core import fetch

    real = fetch.url_fetch

    def only_the_feed(*, url, **kwargs):
        if url.endswith("/feed.xml"):
            settings.TRACKER_FETCH_ALLOW_PRIVATE = True
            try:
                return real(url=url, **kwargs)
            finally:
                settings.TRACKER_FETCH_ALLOW_PRIVATE = False
        return real(url=url, **kwargs)

    import tracker.news.feeds as feeds

    feeds.url_fetch, saved = only_the_feed, feeds.url_fetch
    try:
        feed_refresh(feed=feed)
    finally:
        feeds.url_fetch = saved
    assert Article.objects.get().text == "The panel heard the toll appeal on Tuesday."
    feed.refresh_from_db()
    assert "full text:" in feed.last_error and "127.0.0.1" in feed.last_error


def test_pages_per_fetch_are_capped_and_the_rest_wait(full, server, settings):
    settings.TRACKER_FULL_TEXT_MAX_PER_FETCH = 2
    # pages and summaries that differ, or their lines would repeat across the feed (boilerplate)
    pages = {f"/news/{n}": _page(body=PAGE.replace("<p>", f"<p>Hearing {n}: ")) for n in range(5)}
    feed = full(pages, summary="<p>The panel heard toll appeal {n} on Tuesday.</p>")
    feed_refresh(feed=feed)
    assert len(_page_requests(server)) == 2
    feed.refresh_from_db()
    assert "3 entries left for the next fetches" in feed.last_error
    long_texts = [a for a in Article.objects.all() if "ferry company" in a.text]
    assert len(long_texts) == 2 and Article.objects.count() == 5  # none held back
    assert feed.full_text_backlog and feed.etag == ""
    # the next fetches complete the three stored with their summary, the summary kept
    feed_refresh(feed=feed)
    feed_refresh(feed=feed)
    assert len(_page_requests(server)) == 5
    assert all("ferry company" in a.text for a in Article.objects.all())
    assert ArticleVersion.objects.filter(text__startswith="The panel heard toll").count() == 3
    feed.refresh_from_db()
    assert not feed.full_text_backlog and "left for the next" not in feed.last_error
    feed_refresh(feed=feed)
    assert len(_page_requests(server)) == 5  # nothing fetched twice


def test_turned_on_later_the_stored_summaries_get_their_pages(full, server):
    feed = full({"/news/toll": _page(), "/news/gone": _page(status=404)}, on=False)
    feed_refresh(feed=feed)
    assert _page_requests(server) == []
    feed.refresh_from_db()
    feed.etag = "v1"
    feed.save()
    feed.fetch_full_text = True
    feed_save(feed, update_fields=["fetch_full_text"])  # as the admin, the API and ingest do
    feed.refresh_from_db()
    assert feed.full_text_backlog and feed.etag == ""  # the feed is read whole next time
    report = feed_refresh(feed=feed)
    assert sorted(_page_requests(server)) == ["/news/gone", "/news/toll"]
    assert len(report.updated) == 1 and not report.created
    toll = Article.objects.get(url__endswith="/news/toll")
    assert "the first time the ferry company" in toll.text
    assert toll.versions.get().text == "The panel heard the toll appeal on Tuesday."
    feed.refresh_from_db()
    assert not feed.full_text_backlog and "/news/gone" in feed.last_error
    feed_refresh(feed=feed)  # tried once: the page that failed is not fetched again and again
    assert sorted(_page_requests(server)) == ["/news/gone", "/news/toll"]


def test_an_entry_with_its_full_text_is_not_fetched(full, server):
    body = samples.story_html(1) * 4  # a long body: the feed sends the article itself
    feed = full({"/news/toll": _page()}, summary=body)
    feed_refresh(feed=feed)
    assert _page_requests(server) == []


def test_the_ingest_command_turns_it_on_for_the_feeds_it_adds(full, server):
    import io

    from django.core.management import call_command

    feed = full({"/news/toll": _page()}, on=False)
    url = feed.url
    feed.delete()
    call_command("ingest", url, "--full-text", stdout=io.StringIO())
    assert Feed.objects.get(url=url).fetch_full_text
    assert "the first time the ferry company" in Article.objects.get().text
