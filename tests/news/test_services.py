from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from tests.factories import CaseFactory
from tests.news import samples
from tracker.news import store
from tracker.news.models import Article, ArticleVersion, Story
from tracker.news.parse import ParsedEntry
from tracker.news.services import source_ingest

pytestmark = pytest.mark.django_db

CALLS: list[list[int]] = []


def record_hook(article_ids: list[int]) -> None:
    CALLS.append(sorted(article_ids))


@pytest.fixture
def hooks(settings):
    CALLS.clear()
    settings.TRACKER_AFTER_INGEST = ["tests.news.test_services.record_hook"]
    return CALLS


def test_link_normalise_and_entry_keys():
    assert (
        store.link_normalise("HTTPS://News.Example:443/a?utm_source=x&id=3&fbclid=9#top")
        == "https://news.example/a?id=3"
    )
    assert store.link_normalise("http://h.example:8080") == "http://h.example:8080/"
    assert store.entry_key(ParsedEntry(id="g", link="https://x")) == "id:g"
    assert store.entry_key(ParsedEntry(link="https://x/?utm_medium=rss")) == "url:https://x/"
    by_hash = store.entry_key(ParsedEntry(title="t", content="c"))
    assert by_hash.startswith("hash:") and by_hash == store.entry_key(
        ParsedEntry(title="t", content="c")
    )


def test_feed_file_ingest_is_idempotent(tmp_path, hooks):
    path = tmp_path / "harbour.xml"
    path.write_bytes(samples.feed_of(5))
    first = source_ingest(source=str(path), case=None)
    assert first.as_json()["created"] == 5 and not first.errors
    assert hooks == [sorted(first.created)]
    assert Article.objects.filter(story__isnull=False).count() == 5
    assert first.stories == Story.objects.count() >= 1
    article = Article.objects.get(entry_key="id:harbour-2")
    assert article.source == "Harbour Courts Weekly"
    assert article.url == "https://harbour.example/2?utm_source=rss"
    assert len(article.identity) == 64 and "<p>" in article.original
    again = source_ingest(source=str(path), case=None)
    assert again.as_json() | {"stories": 0} == {
        "sources": 1, "created": 0, "updated": 0, "unchanged": 5, "duplicates": 0,
        "stories": 0, "errors": [],
    }  # fmt: skip
    assert Article.objects.count() == 5 and len(hooks) == 1


def test_changed_entry_updates_and_keeps_a_version(tmp_path, hooks):
    path = tmp_path / "feed.xml"
    path.write_bytes(samples.feed_of(3))
    source_ingest(source=str(path), case=None)
    article = Article.objects.get(entry_key="id:harbour-1")
    old_text = article.text
    path.write_bytes(samples.feed_of(3).replace(b"case 1 should end", b"case 1 must go on"))
    report = source_ingest(source=str(path), case=None)
    assert (len(report.created), len(report.updated), len(report.unchanged)) == (0, 1, 2)
    article.refresh_from_db()
    assert "case 1 must go on" in article.text
    (version,) = ArticleVersion.objects.filter(article=article)
    assert version.text == old_text and version.content_hash != article.content_hash
    assert hooks[-1] == [article.pk]


def test_duplicates_in_input_and_across_sources(tmp_path, hooks):
    item = samples.item_xml(guid="same", title="Twice", body="<p>Told twice in one feed.</p>")
    (tmp_path / "a.xml").write_bytes(samples.rss([item, item]))
    report = source_ingest(source=str(tmp_path / "a.xml"), case=None)
    assert (len(report.created), report.duplicates) == (1, 1)
    other = samples.item_xml(guid="other-id", title="Twice", body="<p>Told twice in one feed.</p>")
    (tmp_path / "b.xml").write_bytes(samples.rss([other], link="https://other.example/"))
    report = source_ingest(source=str(tmp_path / "b.xml"), case=None)
    assert (len(report.created), report.duplicates) == (0, 1)
    assert Article.objects.count() == 1


def test_cases_are_added(tmp_path, hooks):
    case = CaseFactory()
    path = tmp_path / "feed.xml"
    path.write_bytes(samples.feed_of(2))
    source_ingest(source=str(path), case=None)
    assert not Article.objects.filter(cases=case).exists()
    report = source_ingest(source=str(path), case=case)
    assert Article.objects.filter(cases=case).count() == 2
    assert len(report.unchanged) == 2 and sorted(hooks[-1]) == sorted(report.unchanged)


def test_a_run_killed_midway_neither_loses_nor_doubles(tmp_path, hooks, monkeypatch):
    path = tmp_path / "feed.xml"
    path.write_bytes(samples.feed_of(6))
    monkeypatch.setattr(store, "STORE_CHUNK", 2)
    real = store.articles_create
    calls = {"n": 0}

    def dies_on_second_chunk(rows):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt("worker killed")
        return real(rows)

    monkeypatch.setattr(store, "articles_create", dies_on_second_chunk)
    with pytest.raises(KeyboardInterrupt):
        source_ingest(source=str(path), case=None)
    assert Article.objects.count() == 2
    monkeypatch.setattr(store, "articles_create", real)
    report = source_ingest(source=str(path), case=None)
    assert (len(report.created), len(report.unchanged)) == (4, 2)
    assert Article.objects.count() == 6
    assert sorted(Article.objects.values_list("entry_key", flat=True)) == [
        f"id:harbour-{i}" for i in range(6)
    ]


def test_concurrent_insert_falls_back_to_one_by_one(tmp_path, hooks, monkeypatch):
    """Another run stored an entry between our check and our insert: no error, no double."""
    path = tmp_path / "feed.xml"
    path.write_bytes(samples.feed_of(3))
    real = store.articles_create

    def racing(rows):
        Article.objects.create(**rows[0])
        return real(rows)

    monkeypatch.setattr(store, "articles_create", racing)
    report = source_ingest(source=str(path), case=None)
    assert not report.errors and Article.objects.count() == 3
    assert len(report.created) + len(report.unchanged) == 3
    assert sorted(Article.objects.values_list("entry_key", flat=True)) == [
        f"id:harbour-{i}" for i in range(3)
    ]


def test_txt_html_and_directory(tmp_path, hooks):
    (tmp_path / "one.txt").write_text(samples.MESSY_TEXT)
    page = (
        "<html><head><title>Toll court rules for the city | Harbour Courts</title>"
        '<link rel="canonical" href="https://harbour.example/ruling?utm_source=x">'
        '<meta property="og:title" content="Toll court rules for the city"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/about'>About</a></nav><article>"
        "<h1>Toll court rules for the city</h1>"
        + "".join(
            f"<p>Paragraph {i}: the court found the toll lawful because the 1998 deal had "
            f"expired, and the ferry company must pay what it owes within thirty days.</p>"
            for i in range(4)
        )
        + "</article><footer>Copyright Harbour Courts</footer></body></html>"
    )
    (tmp_path / "page.html").write_text(page)
    (tmp_path / "notes.md").write_text("not an article")
    report = source_ingest(source=str(tmp_path), case=None)
    assert len(report.created) == 2 and not report.errors
    txt = Article.objects.get(title=samples.MESSY_TITLE)
    assert txt.original == samples.MESSY_TEXT and txt.original_type == "text/plain"
    assert "Other Topics" not in txt.text and "<p>" in txt.html
    html = Article.objects.get(original_type="text/html")
    assert html.title == "Toll court rules for the city"
    assert "Paragraph 3: the court found" in html.text and "Copyright" not in html.text
    assert html.entry_key == "url:https://harbour.example/ruling"
    again = source_ingest(source=str(tmp_path / "one.txt"), case=None)
    assert len(again.unchanged) == 1 and not again.created


def test_bad_sources_report_errors(tmp_path, hooks):
    (tmp_path / "empty.xml").write_bytes(b"")
    (tmp_path / "page.xml").write_bytes(samples.HTML_PAGE)
    (tmp_path / "bomb.xml").write_bytes(samples.BILLION_LAUGHS)
    (tmp_path / "empty.txt").write_text("\n\n")
    cases = {
        str(tmp_path / "empty.xml"): "the feed is empty",
        str(tmp_path / "page.xml"): "this is an HTML page, not a feed",
        str(tmp_path / "bomb.xml"): "declares XML entities",
        str(tmp_path / "empty.txt"): "the file is empty",
        str(tmp_path / "missing.xml"): "no such file or directory",
        "ftp://files.example/feed.xml": "only http and https",
    }
    for source, message in cases.items():
        report = source_ingest(source=source, case=None)
        assert len(report.errors) == 1 and message in report.errors[0]["error"], source
        assert report.errors[0]["source"] == source


def test_ingest_command_json_and_exit_status(tmp_path, capsys, hooks):
    case = CaseFactory(slug="toll-case")
    (tmp_path / "feed.xml").write_bytes(samples.feed_of(3))
    (tmp_path / "one.txt").write_text(samples.MESSY_TEXT)
    call_command(
        "ingest",
        str(tmp_path / "feed.xml"),
        str(tmp_path / "one.txt"),
        "--json",
        "--case",
        "toll-case",
    )
    out = capsys.readouterr().out.strip().splitlines()
    summary = json.loads(out[-1])
    assert summary["sources"] == 2 and summary["created"] == 4 and summary["errors"] == []
    assert set(summary) == {
        "sources",
        "created",
        "updated",
        "unchanged",
        "duplicates",
        "stories",
        "errors",
    }
    assert Article.objects.filter(cases=case).count() == 4
    assert summary["stories"] == Story.objects.filter(articles__isnull=False).distinct().count()
    with pytest.raises(SystemExit) as exit_info:
        call_command("ingest", str(tmp_path / "feed.xml"), str(tmp_path / "nope.xml"), "--json")
    assert exit_info.value.code == 1
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["created"] == 0 and summary["unchanged"] == 3
    assert summary["errors"][0]["source"] == str(tmp_path / "nope.xml")


def test_nul_and_control_characters_are_stored_safely(tmp_path, hooks):
    """PostgreSQL text cannot hold NUL: ids, titles, bodies and originals with it still store."""
    (tmp_path / "feed.json").write_text(
        '{"version": "https://jsonfeed.org/version/1.1", "title": "Nul\\u0000 Wire", "items": ['
        '{"id": "a\\u0000b", "title": "Bad\\u0000 title\\u0007", "url": "https://n.example/\\u0000x",'
        ' "content_text": "Body with a NUL\\u0000 in it.", "authors": [{"name": "A\\u0000"}]}]}'
    )
    report = source_ingest(source=str(tmp_path / "feed.json"), case=None)
    assert not report.errors and len(report.created) == 1
    article = Article.objects.get()
    assert "\x00" not in article.title + article.text + article.original + article.entry_key
    assert article.title == "Bad title" and article.text == "Body with a NUL in it."


def failing_hook(article_ids: list[int]) -> None:
    raise RuntimeError("index is down")


def test_a_failing_hook_is_reported_and_keeps_the_articles(tmp_path, settings):
    settings.TRACKER_AFTER_INGEST = ["tests.news.test_services.failing_hook"]
    (tmp_path / "feed.xml").write_bytes(samples.feed_of(2))
    report = source_ingest(source=str(tmp_path / "feed.xml"), case=None)
    assert len(report.created) == 2 and Article.objects.count() == 2
    assert report.errors == [
        {
            "source": "tests.news.test_services.failing_hook",
            "error": "after-ingest step failed: RuntimeError: index is down",
        }
    ]


def test_relative_links_in_an_entry_point_at_its_site(tmp_path, hooks):
    body = (
        '<p>The order is <a href="/docs/order.pdf">here</a>, the hearing '
        '<a href="hearing.html">there</a>; <a href="javascript:alert(1)">not this</a>.</p>'
    )
    item = samples.item_xml(
        guid="rel-1", title="Order filed", body=body, link="https://harbour.example/news/order"
    )
    (tmp_path / "feed.xml").write_bytes(samples.rss([item]))
    source_ingest(source=str(tmp_path / "feed.xml"), case=None)
    html = Article.objects.get().html
    assert 'href="https://harbour.example/docs/order.pdf"' in html
    assert 'href="https://harbour.example/news/hearing.html"' in html
    assert "javascript" not in html


def test_stage_hears_each_step_after_storing(tmp_path, hooks):
    (tmp_path / "feed.xml").write_bytes(samples.feed_of(3))
    stages: list[str] = []
    stored: list[int] = []
    source_ingest(source=str(tmp_path / "feed.xml"), progress=stored.append, stage=stages.append)
    assert sum(stored) == 3
    assert stages == ["clustering 3 articles", "record hook: 3 articles"]
    stages.clear()
    source_ingest(source=str(tmp_path / "feed.xml"), stage=stages.append)
    assert stages == []  # nothing new: no step runs
