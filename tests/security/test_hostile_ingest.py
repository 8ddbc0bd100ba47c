"""A hostile feed through the real ingest command: what is stored is sanitised, and every page
and API answer that shows it is inert."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.security.conftest import TRICKS
from tests.support.html_check import html_problems

pytestmark = pytest.mark.django_db
DEMO = Path(__file__).resolve().parents[2] / "tracker" / "demo" / "musk-v-openai.json"


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _rss(n: int) -> str:
    items = []
    for i, trick in enumerate(TRICKS[:n]):
        body = (
            f"<p>Musk testified in Oakland that xAI used distillation, report {i}.</p>{trick}"
            f"<p onclick=\"alert('p{i}')\">OpenAI said its terms forbid it.</p>"
            f'<img src="javascript:alert({i})" onerror="alert({i})">'
            f'<a href="javascript:alert({i})" style="color:red">more</a>'
            f'<form action="javascript:alert({i})"><input onfocus=alert({i}) autofocus></form>'
        )
        link = "javascript:alert('link')" if i % 2 else f"https://news.example.org/h/{i}"
        items.append(
            f"<item><title>{_cdata(f'Report {i}: ' + trick)}</title><link>{link}</link>"
            f'<guid isPermaLink="false">hostile-{i}</guid>'
            f"<author>{_cdata(trick)}</author>"
            f"<pubDate>Thu, 30 Apr 2026 10:{i:02d}:00 +0000</pubDate>"
            f"<description>{_cdata(body)}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{_cdata('Evil <script>alert(1)</script> Wire')}</title>"
        f"<link>javascript:alert('site')</link><description>x</description>"
        f"{''.join(items)}</channel></rss>"
    )


@pytest.fixture
def ingested(tmp_path):
    call_command("loadcase", str(DEMO), stdout=StringIO())
    path = tmp_path / "hostile.xml"
    path.write_text(_rss(len(TRICKS)), encoding="utf-8")
    out = StringIO()
    try:
        call_command("ingest", "--case", "musk-v-openai", "--json", str(path), stdout=out)
    except SystemExit as exc:  # exit 1 when a source failed: say which
        pytest.fail(f"ingest exited {exc.code}: {out.getvalue()[-1000:]}")
    summary = json.loads(out.getvalue().strip().splitlines()[-1])
    from tracker.news.models import Article

    return summary, list(Article.objects.all())


def test_stored_html_is_sanitised_and_urls_are_safe(ingested):
    summary, articles = ingested
    assert summary["created"] == len(TRICKS) == len(articles)
    for article in articles:
        assert html_problems(article.html) == [], (article.pk, article.html[:300])
    bad = [a.url for a in articles if a.url.lower().startswith(("javascript:", "data:"))]
    assert bad == [], f"{len(bad)} articles stored with a script URL, e.g. {bad[0]!r}"


def test_every_page_showing_ingested_content_is_inert(client, ingested):
    client.raise_request_exception = False
    _summary, articles = ingested
    urls = ["/", "/cases/musk-v-openai/", "/cases/musk-v-openai/positions/", "/search/?q=Musk",
            "/search/?q=distillation", "/review/", "/feeds/", "/cases/musk-v-openai/feed.atom"]  # fmt: skip
    urls += [f"/articles/{a.pk}/" for a in articles]
    problems: list[str] = []
    from tracker.review.roles import user_set_role

    client.force_login(user_set_role(username="sec-ingest", role="analyst")[0])
    for url in urls:
        response = client.get(url)
        if response.status_code >= 500:
            problems.append(f"{url}: {response.status_code}")
        elif "html" in response.get("Content-Type", ""):
            problems += [f"{url}: {p}" for p in html_problems(response.content.decode())]
    assert not problems, "\n".join(dict.fromkeys(problems))
    response = client.get("/api/v1/articles/", {"case": "musk-v-openai"})
    assert response.status_code == 200
    assert len(response.json()["results"]) == len(articles)
