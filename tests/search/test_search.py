from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factories import ArticleFactory, CaseFactory, EventFactory, PartyFactory
from tests.web.builders import HOSTILE, articles_bulk, demo_build
from tracker.news.models import Article
from tracker.search.query import fts5_match, mark_snippet, query_parse, tsquery_text
from tracker.search.selectors import search
from tracker.search.services import articles_index

HOSTILE_QUERIES = [
    '"',
    '""',
    "'",
    "OR",
    "AND",
    "NOT",
    "-",
    "*",
    "a OR",
    "OR OR b",
    "NEAR(a b)",
    "title:secret",
    "(((",
    "distill*",
    "'; DROP TABLE news_article; --",
    '" OR 1=1 --',
    "^start",
    "-distillation",
    "\x00\x02\x03",
    "ünïcödé ✓ 模型",
    HOSTILE,
    "a" * 600,
]


def indexed(**fields):
    article = ArticleFactory(**fields)
    articles_index([article.pk])
    return article


@pytest.mark.django_db
def test_title_ranks_above_body():
    body = indexed(title="Court report", text="The judge asked about distillation twice.")
    title = indexed(title="Distillation at the heart of the trial", text="The judge spoke.")
    hits = search(q="distillation", limit=10).hits
    assert [h.pk for h in hits] == [title.pk, body.pk]


@pytest.mark.django_db
def test_stemming_phrases_or_and_exclusion():
    a = indexed(title="Models distilled", text="xAI distilled rival models for Grok.")
    b = indexed(title="Trial day", text="Musk spoke about charitable trust in court.")
    c = indexed(title="Other", text="A charitable dinner and a trust fund.")
    assert {h.pk for h in search(q="distilling", limit=10).hits} == {a.pk}
    assert {h.pk for h in search(q='"charitable trust"', limit=10).hits} == {b.pk}
    assert {h.pk for h in search(q="charitable trust", limit=10).hits} == {b.pk, c.pk}
    assert {h.pk for h in search(q="grok OR dinner", limit=10).hits} == {a.pk, c.pk}
    assert {h.pk for h in search(q="charitable -dinner", limit=10).hits} == {b.pk}
    assert {h.pk for h in search(q="distil*", limit=10).hits} == {a.pk}


@pytest.mark.django_db
@pytest.mark.parametrize("q", HOSTILE_QUERIES)
def test_hostile_queries_never_error(q):
    indexed(title="Distillation", text="Musk and OpenAI; the trial goes on.")
    results = search(q=q, limit=5)
    assert isinstance(results.hits, list)
    for hit in results.hits:
        assert "<script" not in hit.title and "<script" not in hit.snippet


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_fts5_translation_is_always_valid_syntax(q):
    """Whatever the user types, the MATCH expression parses in FTS5 (checked on SQLite itself)."""
    import sqlite3

    match = fts5_match(query_parse(q))
    if not match:
        return
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(a)")
    db.execute("SELECT * FROM t WHERE t MATCH ?", (match,)).fetchall()


@pytest.mark.django_db
def test_tsquery_translation_is_always_valid_syntax():
    """Whatever the user types, the to_tsquery text parses in PostgreSQL (checked on it)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: run with DATABASE_URL=postgres://...")
    import random

    rng = random.Random(17)
    alphabet = list("ab zé模*\"'()!&|:<->-_\\") + ["OR", " OR ", "the", "and"]
    typed = ["".join(rng.choices(alphabet, k=rng.randint(1, 20))) for _ in range(300)]
    with connection.cursor() as cursor:
        for q in [*HOSTILE_QUERIES, *typed]:
            text = tsquery_text(query_parse(q))
            if text:
                cursor.execute("SELECT to_tsquery('english', %s)", [text])


@pytest.mark.django_db
def test_prefixes_phrases_and_exclusions_match_alike_on_both_databases():
    zeppelin = indexed(title="Airships", text="A zeppelin flew over the courthouse.")
    zephyr = indexed(title="Weather", text="A zephyr blew over the trial of the century.")
    assert {h.pk for h in search(q="zep*", kind="article").hits} == {zeppelin.pk, zephyr.pk}
    assert {h.pk for h in search(q="zep* -zephyr", kind="article").hits} == {zeppelin.pk}
    assert {h.pk for h in search(q='"over the trial"', kind="article").hits} == {zephyr.pk}
    assert {h.pk for h in search(q="zeppelin OR zephyr", kind="article").hits} == {
        zeppelin.pk,
        zephyr.pk,
    }


def test_snippets_escape_then_mark():
    marked = mark_snippet("<b>\x02dist</b>\x03 & <script>x</script>\x02")
    assert (
        marked
        == "&lt;b&gt;<mark>dist&lt;/b&gt;</mark> &amp; &lt;script&gt;x&lt;/script&gt;<mark></mark>"
    )


@pytest.mark.django_db
def test_case_kind_and_date_filters():
    demo = demo_build()
    other = CaseFactory(slug="other-case")
    stray = indexed(title="Distillation elsewhere", text="Unrelated distillation news.")
    stray.cases.add(other)
    in_case = {
        h.pk for h in search(q="distillation", case=demo.case, kind="article", limit=50).hits
    }
    assert stray.pk not in in_case and demo.articles[0].pk in in_case
    assert stray.pk in {h.pk for h in search(q="distillation", kind="article", limit=50).hits}
    by_slug = {
        h.pk for h in search(q="distillation", case=demo.case.slug, kind="article", limit=50).hits
    }
    assert by_slug == in_case
    assert not search(q="distillation", case="no-such-case", limit=50).hits
    import datetime as dt

    dated = search(
        q="distillation",
        kind="article",
        date_from=dt.date(2026, 5, 1),
        date_to=dt.date(2026, 6, 1),
        limit=50,
    )
    assert {h.pk for h in dated.hits} == {demo.articles[5].pk}
    events = search(q="testifies", kind="event", limit=10).hits
    assert [h.kind for h in events] == ["event"]
    PartyFactory(name="Distillation Watch", slug="distillation-watch")
    kinds = [h.kind for h in search(q="distillation", limit=50).hits]
    assert kinds[0] == "party" and "article" in kinds


@pytest.mark.django_db
def test_paging_has_no_overlap_and_fixed_queries(django_assert_max_num_queries):
    case = CaseFactory()
    articles_bulk(case, 1000)
    # parties, claims, issues, clauses, events, then the articles (ids and rows)
    with django_assert_max_num_queries(7):
        first = search(q="distillation", limit=20)
    second = search(q="distillation", limit=20, offset=20)
    assert first.has_more and len(first.hits) == 20
    assert not {h.pk for h in first.hits} & {h.pk for h in second.hits}


@pytest.mark.django_db
def test_index_follows_changes():
    article = indexed(title="Before", text="nothing here")
    assert not search(q="zebra", limit=5).hits
    article.text = "a zebra appears"
    article.save()
    articles_index([article.pk])
    assert [h.pk for h in search(q="zebra", limit=5).hits] == [article.pk]
    pk = article.pk
    article.delete()
    articles_index([pk])
    assert not search(q="zebra", limit=5).hits


@pytest.mark.django_db
def test_search_page(client):
    demo = demo_build(hostile=True)
    EventFactory(case=demo.case, title="Hearing on <b>distillation</b>")
    response = client.get(reverse("search:search"), {"q": "distillation", "case": demo.case.slug})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<mark>" in body.lower()
    assert "&lt;b&gt;<mark>distillation</mark>&lt;/b&gt;" in body
    assert "<script>alert" not in body
    partial = client.get(
        reverse("search:search"), {"q": "distillation"}, headers={"HX-Request": "true"}
    )
    assert partial.content.decode().lstrip().startswith('<section id="results"')
    for q in HOSTILE_QUERIES:
        assert client.get(reverse("search:search"), {"q": q}).status_code == 200


@pytest.mark.django_db
def test_postgres_uses_the_gin_index():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: run with DATABASE_URL=postgres://...")
    article = indexed(title="Distillation", text="x")
    match = (
        "SELECT article_id FROM search_article_vector "
        "WHERE vector @@ websearch_to_tsquery('english', %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        # GIN is read by bitmap scans only; after an ANALYZE of a near-empty table (an earlier
        # test's) a plain index scan of the primary key would otherwise win
        cursor.execute("SET enable_indexscan = off")
        cursor.execute("EXPLAIN " + match, ["distillation"])
        assert "search_article_vector_gin" in " ".join(row[0] for row in cursor.fetchall())
        cursor.execute(match, ["distillation"])
        assert cursor.fetchall() == [(article.pk,)]
        # the vectors have their own narrow table; news_article no longer carries one that
        # every UPDATE of the (wide) row would drag along
        cursor.execute(
            "SELECT count(*) FROM information_schema.columns "
            "WHERE table_name = 'news_article' AND column_name = 'search_tsv'"
        )
        assert cursor.fetchone() == (0,)
    Article.objects.filter(pk=article.pk).update(title="Scraping")
    assert [h.pk for h in search(q="distillation", limit=5).hits] == [article.pk]  # until...
    articles_index([article.pk])  # ...the hook runs
    assert not search(q="distillation", limit=5).hits
    assert [h.pk for h in search(q="scraping", limit=5).hits] == [article.pk]


@pytest.mark.django_db
def test_an_article_edited_in_the_admin_is_indexed_again(
    admin_client, settings, django_capture_on_commit_callbacks
):
    settings.TRACKER_AFTER_INGEST = ["tracker.search.services.articles_index"]
    article = indexed(title="Before", text="nothing here")
    url = reverse("admin:news_article_change", args=[article.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "cases"}
    data.update(
        {
            "title": "Before",
            "text": "a zebra appears",
            "url": article.url,
            "published_0": article.published.date().isoformat(),
            "published_1": article.published.time().strftime("%H:%M:%S"),
            "versions-TOTAL_FORMS": "0",
            "versions-INITIAL_FORMS": "0",
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    assert [h.pk for h in search(q="zebra", limit=5).hits] == [article.pk]


@pytest.mark.django_db
def test_suggested_events_only_on_request_and_marked():
    demo = demo_build()
    titles = [h.title for h in search(q="responds", kind="event").hits]
    assert titles == []  # the suggested "OpenAI responds to the testimony" is left out
    hits = search(q="responds", kind="event", unreviewed=True).hits
    assert [h.pk for h in hits] == [demo.events["suggested"].pk] and not hits[0].reviewed
    known = search(q="testifies", kind="event").hits
    assert [h.pk for h in known] == [demo.events["testimony"].pk] and known[0].reviewed
    assert known[0].url.endswith(f"?at=event-{demo.events['testimony'].pk}")


@pytest.mark.django_db
def test_claims_issues_and_clauses_are_found(client):
    demo = demo_build()
    kinds = {h.kind: h for h in search(q="charitable").hits}
    assert kinds["claim"].url == reverse("web:claim", args=[demo.case.slug, demo.claim.slug])
    issue = search(q="distilling", kind="issue").hits
    assert [h.pk for h in issue] == [demo.issue.pk]
    clause = search(q='"compete with OpenAI"', kind="clause").hits  # a version's wording
    assert [h.pk for h in clause] == [demo.clause.pk]
    other = CaseFactory(slug="other-case")
    assert search(q="charitable", case=other).hits == []
    page = client.get(reverse("search:search"), {"q": "charitable"}).content.decode()
    assert "Breach of <mark>charitable</mark> trust" in page and ">Claim<" in page


@pytest.mark.django_db
def test_a_common_word_ranks_only_the_newest_matches(monkeypatch):
    """Both databases rank a bounded candidate set: the RANK_WINDOW most recently stored
    matches (so a word in 80,000 articles costs what one in 5,000 does)."""
    from tracker.search import backends

    monkeypatch.setattr(backends, "RANK_WINDOW", 3)
    older = [indexed(title=f"Zeppelin zeppelin zeppelin {i}", text="Zeppelin.") for i in range(2)]
    newer = [indexed(title=f"Report {i}", text=f"One zeppelin passed {i}.") for i in range(3)]
    indexed(title="Unrelated", text="Nothing here.")
    hits = search(q="zeppelin", kind="article").hits
    assert {h.pk for h in hits} == {a.pk for a in newer}
    monkeypatch.setattr(backends, "RANK_WINDOW", 10)
    hits = search(q="zeppelin", kind="article").hits
    # best ranked first; equal ranks newest first
    assert [h.pk for h in hits][:2] == sorted((a.pk for a in older), reverse=True)


def _index_rows(pk: int) -> int:
    table, column = {
        "postgresql": ("search_article_vector", "article_id"),
        "sqlite": ("search_article_fts", "rowid"),
    }[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table} WHERE {column} = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_an_article_deleted_outside_the_index_hook_leaves_no_row():
    """A queryset's (or the admin's) delete: the index table has no foreign key, the article's
    row goes with it all the same, and takes no place among the ranked candidates."""
    gone, kept = indexed(title="Zebra gone", text="x"), indexed(title="Zebra kept", text="y")
    assert _index_rows(gone.pk) == 1
    Article.objects.filter(pk=gone.pk).delete()
    assert _index_rows(gone.pk) == 0
    assert _index_rows(kept.pk) == 1
    assert [h.pk for h in search(q="zebra", limit=5).hits] == [kept.pk]
