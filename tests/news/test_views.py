from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, FeedFactory
from tracker.news.models import Feed
from tracker.news.opml import opml_parse

pytestmark = pytest.mark.django_db


def _feeds(n: int) -> list[Feed]:
    feeds = [FeedFactory(title=f"Outlet {i} <b>") for i in range(n)]
    for feed in feeds:
        ArticleFactory.create_batch(2, feed=feed)
    return feeds


def test_feeds_page_shows_health_in_constant_queries(client, django_assert_max_num_queries):
    feeds = _feeds(3)
    broken = feeds[0]
    broken.status, broken.error_count = Feed.Status.BACKOFF, 4
    broken.last_error = "timed out fetching <script>x</script>"
    broken.save()
    with django_assert_max_num_queries(4):  # the feeds, and the outlets loaded
        response = client.get(reverse("news:feeds"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Outlet 1 &lt;b&gt;" in html and "<script>x" not in html
    assert "timed out fetching &lt;script&gt;" in html
    assert f'id="feed-{broken.pk}"' in html and "Backing off" in html
    assert html.count("<td>2</td>") == 3  # entry counts
    assert "full text from pages" not in html
    Feed.objects.filter(pk=feeds[1].pk).update(fetch_full_text=True)
    assert client.get(reverse("news:feeds")).content.decode().count("full text from pages") == 1
    assert "catching up" not in client.get(reverse("news:feeds")).content.decode()
    Feed.objects.filter(pk=feeds[1].pk).update(full_text_backlog=True)
    assert "full text from pages, catching up" in client.get(reverse("news:feeds")).content.decode()
    _feeds(10)
    with django_assert_max_num_queries(3):
        assert client.get(reverse("news:feeds")).status_code == 200


def test_opml_export(client):
    feeds = _feeds(2)
    response = client.get(reverse("news:feeds_opml"))
    assert response.status_code == 200 and "opml" in response["Content-Type"]
    urls = {f.url for f in opml_parse(data=response.content)}
    assert urls == {f.url for f in feeds}


@pytest.mark.parametrize("model", ["feed", "article", "story", "articleversion"])
def test_admin_lists_and_searches(admin_client, model):
    feeds = _feeds(2)
    feeds[0].last_error = "HTTP 500 from the server"
    feeds[0].save()
    url = reverse(f"admin:news_{model}_changelist")
    response = admin_client.get(url, {"q": "Outlet"})
    assert response.status_code == 200
    if model == "feed":
        html = response.content.decode()
        assert "HTTP 500 from the server" in html and "Outlet 1" in html


def test_feeds_page_counts_outlets_loaded_from_files(client):
    from tests.factories import ArticleFactory

    for n in range(10):
        ArticleFactory(source=f"Paper {n}", feed=None)
    ArticleFactory(source="Paper 0", feed=None)
    html = client.get(reverse("news:feeds")).content.decode()
    assert "<strong>10 outlets</strong> loaded (11 articles from files)" in html
    assert "0 feeds polled" in html
    assert html.count('<th scope="row">Paper ') == 10
