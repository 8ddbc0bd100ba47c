"""Story clustering: pure helpers, and the service measured on the fixture corpus."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import random
from pathlib import Path

import numpy as np
import pytest
from django.utils import timezone

from tests.factories import ArticleFactory
from tests.seeds import SEEDS
from tracker.news import signatures, stories, storyindex
from tracker.news.clean import text_clean
from tracker.news.files import text_article
from tracker.news.models import Article, Story

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
DEMO_FEED = Path(__file__).resolve().parents[2] / "tracker" / "demo" / "feed.xml"
DEMO_TESTIMONY = {
    'Musk tells jury xAI "partly" used OpenAI models to train Grok',
    "Under oath, Musk concedes Grok learned in part from OpenAI models",
    "Musk admits xAI distilled OpenAI models for Grok",
    "Elon Musk testifies xAI used OpenAI's models to help train Grok",
    "Musk: xAI partly trained Grok with OpenAI models",
}
GOLD = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))


def corpus_files() -> list[tuple[str, str, str]]:
    """(filename, title, body) for every corpus article; the body keeps its boilerplate."""
    out = []
    for name in sorted(GOLD):
        lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
        out.append((name, lines[0].strip(), "\n".join(lines[1:]).strip()))
    return out


def corpus_articles(*, clean: bool = False, dated: bool = True) -> dict[int, str]:
    """Store the corpus as articles; return {article id: gold story label}.

    `clean`: the body through the ingest cleaner (as ingest stores it), else as scraped.
    `dated`: with the gold publication time, else none (no window, no date agreement).
    """
    labels = {}
    for name, title, body in corpus_files():
        gold = GOLD[name]
        article = ArticleFactory(
            title=title,
            text=text_clean(body, title=title) if clean else body,
            source=gold["source"],
            published=dt.datetime.fromisoformat(gold["published"]) if dated else None,
            entry_key=f"file:{name}",
        )
        labels[article.id] = gold["story"]
    return labels


def pairwise(labels: dict[int, str], assigned: dict[int, int | None]) -> tuple[float, float]:
    """Pairwise precision and recall of `assigned` stories against gold `labels`."""
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(labels), 2):
        same_gold = labels[a] == labels[b]
        same_found = assigned[a] is not None and assigned[a] == assigned[b]
        tp += same_gold and same_found
        fp += same_found and not same_gold
        fn += same_gold and not same_found
    return tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0


def stories_of(ids) -> dict[int, int | None]:
    return dict(Article.objects.filter(id__in=ids).values_list("id", "story_id"))


def partition(assigned: dict[int, int | None]) -> set[frozenset[int]]:
    groups: dict[int | None, set[int]] = {}
    for article_id, story_id in assigned.items():
        groups.setdefault(story_id, set()).add(article_id)
    return {frozenset(g) for g in groups.values()}


# ----------------------------------------------------------------------------- pure helpers


def test_cluster_items_without_database_splits_events():
    when = dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC)
    by_name = {name: (title, body) for name, title, body in corpus_files()}
    names = [n for n in sorted(GOLD) if GOLD[n]["story"] in {"testimony", "brockman-testimony"}]
    items = [
        stories.item_of(
            key=i,
            title=by_name[n][0],
            text=by_name[n][1],
            published=dt.datetime.fromisoformat(GOLD[n]["published"]) or when,
        )
        for i, n in enumerate(names)
    ]
    assigned = stories.cluster_items(items)
    labels = {i: GOLD[n]["story"] for i, n in enumerate(names)}
    precision, recall = pairwise(labels, assigned)
    assert precision == 1.0 and recall >= 0.9


def test_index_scores_a_story_by_the_mean_and_max_similarity_to_its_members_in_the_window():
    """StoryIndex.best, vectorised, agrees with the pairwise `similarity` it is defined by."""
    by_name = {name: (title, body) for name, title, body in corpus_files()}
    # the probe (first) is a report of a story that has other members
    names = sorted(GOLD, key=lambda n: (n != "04_byteline.txt", n))
    items = [
        stories.item_of(
            key=i,
            title=by_name[n][0],
            text=by_name[n][1],
            published=dt.datetime.fromisoformat(GOLD[n]["published"]),
        )
        for i, n in enumerate(names)
    ]
    index = stories.StoryIndex()
    for item, name in zip(items[1:], names[1:], strict=True):
        index.add(item, GOLD[name]["story"])
    probe = items[0]
    story, score = index.best(probe)
    assert story == GOLD[names[0]]["story"]
    members = [
        item
        for item, name in zip(items[1:], names[1:], strict=True)
        if GOLD[name]["story"] == story and abs(item.when - probe.when) <= stories.WINDOW
    ]
    pair = [stories.similarity(probe, m, index=index) for m in members]
    share = storyindex.MAX_SHARE
    assert score == pytest.approx((1 - share) * sum(pair) / len(pair) + share * max(pair))
    # an item already in the index is never compared with itself
    index.add(probe, "elsewhere")
    assert index.best(probe) == (story, pytest.approx(score))


def test_rare_terms_weigh_more_than_a_case_vocabulary():
    """Two retellings of one act share its rare words; a report of another act in the same case
    shares the case's everyday words. IDF over the pool tells them apart."""
    when = dt.datetime(2026, 6, 4, 15, tzinfo=dt.UTC)
    case = "Reddit Anthropic lawsuit court Claude posts users"
    pool = [
        stories.item_of(key=k, title=f"{case} {extra}", text=f"{case} {extra}.", published=when)
        for k, extra in enumerate(["earnings", "licensing deal", "hearing set", "judge named"])
    ]
    index = stories.StoryIndex()
    for item in pool:
        index.add(item, f"story-{item.key}")
    a = stories.item_of(
        key=10,
        title="Anthropic removes Reddit suit to federal court",
        text="Anthropic removed the Reddit lawsuit to federal court, citing preemption.",
        published=when,
    )
    b = stories.item_of(
        key=11,
        title="Claude maker moves Reddit case out of state court",
        text="The removal notice argues preemption moves the case to federal court.",
        published=when,
    )
    index.add(a, "removal")
    assert index.best(b)[0] == "removal"
    assert stories.similarity(b, a, index=index) > stories.similarity(b, pool[0], index=index)


def test_undated_article_is_placed_by_when_it_was_first_seen():
    published = dt.datetime(2025, 6, 4, 18, tzinfo=dt.UTC)
    text = "Reddit sued Anthropic on Wednesday, saying its bots scraped posts to train Claude."
    dated = stories.item_of(key=1, title="Reddit sues Anthropic", text=text, published=published)
    index = stories.StoryIndex()
    index.add(dated, "suit")
    later = stories.item_of(
        key=2,
        title="Reddit takes Anthropic to court over scraped posts",
        text=text,
        published=None,
        when=published + dt.timedelta(days=300),
    )
    assert later.day is None and later.weekday == 2  # "Wednesday", and June 4, 2025 was one
    assert index.best(later)[0] == "suit"  # first seen long after: may have been published then
    earlier = stories.item_of(
        key=3,
        title="Reddit takes Anthropic to court",
        text=text,
        published=None,
        when=published - dt.timedelta(days=30),
    )
    assert index.best(earlier) == (None, 0.0)  # seen before the dated one was published


def test_a_headline_naming_nobody_of_the_other_loses_the_names_penalty():
    """Results days put many companies' news in one vocabulary (quarter, revenue, analysts): a
    headline naming nobody the other headline names is marked down; a shared name, or a headline
    naming nobody, is not."""
    when = dt.datetime(2025, 10, 30, 21, tzinfo=dt.UTC)
    lead = (
        "quarterly revenue jumped on Thursday as advertising grew, beating what analysts on Wall "
        "Street expected, and shares rose in late trading after the results."
    )

    def item(key: int, title: str, text: str) -> stories.Item:
        return stories.item_of(key=key, title=title, text=text, published=when)

    first = item(1, "Ferrovia revenue jumps as ads grow", f"At Ferrovia, {lead}")
    other = item(2, "Quillon revenue jumps as ads grow", f"At Quillon, {lead}")
    retold = item(3, "Ads lift Ferrovia and Quillon", f"For Ferrovia and Quillon, {lead}")
    unnamed = item(4, "Revenue jumps as ads grow", lead)
    assert first.names and other.names and not set(first.names) & set(other.names)
    assert unnamed.names == ()
    index = stories.StoryIndex()
    index.add(first, "ferrovia")

    def penalty(probe: stories.Item) -> float:
        nameless = dataclasses.replace(probe, names=())
        return stories.similarity(nameless, first, index=index) - stories.similarity(
            probe, first, index=index
        )

    assert penalty(other) == pytest.approx(storyindex.NAMES_PENALTY)
    assert penalty(retold) == pytest.approx(0.0)
    assert penalty(unnamed) == pytest.approx(0.0)


def test_headlines_reporting_different_acts_of_one_dispute_lose_the_acts_penalty():
    """A suit and its dismissal share every name and most words; their headlines name two acts."""
    when = dt.datetime(2024, 5, 9, 18, tzinfo=dt.UTC)
    lead = "Harbour Co. and the Port Authority of Tarn are in court over the ferry toll."
    index = stories.StoryIndex()
    filed = stories.item_of(key=1, title="Harbour Co. sues Tarn port", text=lead, published=when)
    index.add(filed, "suit")

    def penalty(title: str) -> float:
        probe = stories.item_of(key=2, title=title, text=lead, published=when)
        actless = dataclasses.replace(probe, acts=0)
        return stories.similarity(actless, filed, index=index) - stories.similarity(
            probe, filed, index=index
        )

    assert penalty("Judge throws out Harbour Co. suit against Tarn port") == pytest.approx(
        storyindex.ACTS_PENALTY
    )
    assert penalty("Harbour Co. files lawsuit against Tarn port") == pytest.approx(0.0)
    assert penalty("Harbour Co. and Tarn port meet in court") == pytest.approx(0.0)


TOLL_REPORT = (
    "A federal judge in Tarn on Thursday threw out Harbour Co.'s lawsuit over the Port "
    "Authority's ferry toll, ruling that the operator waited too long to challenge the $4.20 "
    "fare and that the toll contract binds every ferry using the harbour."
)


def test_an_analysis_of_a_report_is_a_story_of_its_own():
    """A retelling joins the report; an analysis in the same words, published two days on,
    starts its own story."""
    when = dt.datetime(2024, 5, 9, 18, tzinfo=dt.UTC)
    items = [
        stories.item_of(
            key=1, title="Judge throws out Harbour Co. toll suit", text=TOLL_REPORT, published=when
        ),
        stories.item_of(
            key=2,
            title="Harbour Co. loses ferry toll case against Tarn port",
            text=TOLL_REPORT.replace("threw out", "dismissed"),
            published=when + dt.timedelta(hours=3),
        ),
        stories.item_of(
            key=3,
            title="What the toll ruling means for ferry operators",
            text=f"I read the ruling twice. {TOLL_REPORT}",
            published=when + dt.timedelta(days=2),
        ),
    ]
    assert [item.commentary for item in items] == [0, 0, storyindex.COMMENTARY_MAX]
    assigned = stories.cluster_items(items)
    assert assigned[1] == assigned[2] != assigned[3]


def test_a_story_is_as_plain_as_its_plainest_member():
    """The commentary penalty of a story is that of its plainest member: a report joining a
    story of reports loses nothing for a member that reads like an analysis; a commentary piece
    loses its own share against any story."""
    when = dt.datetime(2024, 5, 9, 18, tzinfo=dt.UTC)
    report = stories.item_of(key=1, title="Toll suit thrown out", text=TOLL_REPORT, published=when)
    analytic = dataclasses.replace(report, key=2, commentary=1)
    index = stories.StoryIndex()
    index.add(report, "toll")
    index.add(analytic, "toll")
    probe = dataclasses.replace(report, key=3)
    plain_story, plain_score = index.best(probe)
    assert plain_story == "toll"
    alone = stories.StoryIndex()
    alone.add(analytic, "analytic")
    penalty = storyindex.COMMENTARY_PENALTY / storyindex.COMMENTARY_MAX
    raw = stories.similarity(probe, dataclasses.replace(analytic, commentary=0))
    assert stories.similarity(probe, analytic, index=alone) == pytest.approx(raw - penalty)
    opinion = dataclasses.replace(probe, commentary=2)
    assert index.best(opinion) == ("toll", pytest.approx(plain_score - 2 * penalty))


def test_opening_sentences_reporting_different_acts_lose_the_opening_acts_penalty():
    """The removal and the motion to send the case back share the parties, the courts and most
    words; their opening sentences report two acts (their headlines may name none)."""
    when = dt.datetime(2025, 9, 4, 18, tzinfo=dt.UTC)
    tail = " The ferry operator sued the Port Authority of Tarn over its toll in June."
    removed = stories.item_of(
        key=1,
        title="Tarn port's toll fight goes to a new court",
        text="The Port Authority of Tarn has removed Harbour Co.'s toll suit to federal court."
        + tail,
        published=when,
    )
    index = stories.StoryIndex()
    index.add(removed, "removal")
    back = stories.item_of(
        key=2,
        title="Harbour Co. says its toll fight belongs in Tarn",
        text="Harbour Co. asked a judge to send its toll suit back to state court in Tarn." + tail,
        published=when,
    )
    assert removed.opening_acts and back.opening_acts and not removed.acts and not back.acts
    plain = dataclasses.replace(back, opening_acts=0)
    penalty = stories.similarity(plain, removed, index=index) - stories.similarity(
        back, removed, index=index
    )
    assert penalty == pytest.approx(storyindex.OPENING_ACTS_PENALTY)


def test_a_matching_weekday_counts_less_than_a_different_one():
    """An undated lead's weekday against a known day: a different weekday is another day, the
    same weekday may still be a week apart."""
    monday = dt.date(2024, 3, 4).toordinal()
    days, weekdays = np.array([monday]), np.array([0])
    same = storyindex._agreement(0, 0, days, weekdays)[0]
    other = storyindex._agreement(0, 1, days, weekdays)[0]
    unknown = storyindex._agreement(0, -1, days, weekdays)[0]
    assert (same, other, unknown) == (storyindex.WEEKDAY_AGREE, -1.0, 0.0)
    assert 0 < storyindex.WEEKDAY_AGREE < 1
    assert storyindex._agreement(monday, 0, days, weekdays)[0] == 1.0  # the same day, both known


# ----------------------------------------------------------------------------- the service


@pytest.mark.django_db
@pytest.mark.parametrize("clean", [False, True], ids=["as-scraped", "cleaned"])
def test_corpus_pairwise_precision_and_recall(clean):
    labels = corpus_articles(clean=clean)
    ids = list(labels)
    random.Random(1).shuffle(ids)
    stories.articles_cluster(article_ids=ids)
    precision, recall = pairwise(labels, stories_of(labels))
    kind = "cleaned" if clean else "as scraped"
    print(f"\nstories, {kind}, one batch: pairwise precision {precision:.3f} recall {recall:.3f}")
    assert precision >= 0.9
    assert recall >= 0.9
    assert Article.objects.filter(minhash__isnull=True).count() == 0


@pytest.mark.django_db
def test_corpus_without_dates_is_measured_and_keeps_distractors_apart():
    """No publication dates: text and title alone (no window, no date agreement)."""
    labels = corpus_articles(clean=True, dated=False)
    stories.articles_cluster(article_ids=list(labels))
    assigned = stories_of(labels)
    precision, recall = pairwise(labels, assigned)
    print(f"\nstories, cleaned, undated: pairwise precision {precision:.3f} recall {recall:.3f}")
    for distractor in ("hospital-ai", "eu-guidance"):
        own = {assigned[i] for i, label in labels.items() if label == distractor}
        others = {assigned[i] for i, label in labels.items() if label != distractor}
        assert not own & others, distractor
    assert precision >= 0.8
    assert recall >= 0.6


def test_undated_item_resolves_no_relative_date_but_has_a_time():
    stored = dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)
    text = "Musk testified today."
    item = stories.item_of(key=1, title="t", text=text, published=None, when=stored)
    assert item.day is None
    assert item.when == stored
    dated = stories.item_of(key=2, title="t", text=text, published=stored)
    assert dated.day == stored.date()


@pytest.mark.django_db
def test_corpus_one_article_at_a_time_in_publication_order():
    labels = corpus_articles()
    for article in Article.objects.order_by("published", "id"):
        stories.articles_cluster(article_ids=[article.id])
    precision, recall = pairwise(labels, stories_of(labels))
    print(f"\nstories, one at a time: pairwise precision {precision:.3f} recall {recall:.3f}")
    assert precision >= 0.9
    assert recall >= 0.9


@pytest.mark.django_db
def test_different_events_of_one_case_stay_apart():
    labels = corpus_articles()
    stories.articles_cluster(article_ids=list(labels))
    assigned = stories_of(labels)
    for one, other in [
        ("testimony", "brockman-testimony"),
        ("google-statement", "anthropic-post"),
        ("testimony", "google-statement"),
        ("jury-selection", "injunction-ruling"),
    ]:
        found_one = {assigned[i] for i, label in labels.items() if label == one}
        found_other = {assigned[i] for i, label in labels.items() if label == other}
        assert not found_one & found_other, (one, other)


@pytest.mark.django_db
def test_rerun_is_idempotent_and_clustering_is_deterministic():
    labels = corpus_articles()
    stories.articles_cluster(article_ids=list(labels))
    first = stories_of(labels)
    story_count = Story.objects.count()

    stories.articles_cluster(article_ids=list(reversed(list(labels))))
    assert stories_of(labels) == first
    assert Story.objects.count() == story_count

    Article.objects.update(story=None, minhash=None)
    Story.objects.all().delete()
    stories.articles_cluster(article_ids=list(labels))
    assert partition(stories_of(labels)) == partition(first)


@pytest.mark.django_db
def test_story_title_and_first_published_come_from_the_earliest_article():
    labels = corpus_articles()
    stories.articles_cluster(article_ids=list(labels))
    for story in Story.objects.all():
        earliest = story.articles.order_by("published", "id").first()
        assert story.title == earliest.title
        assert story.first_published == earliest.published


@pytest.mark.django_db
def test_near_duplicate_joins_story_and_far_away_copy_does_not():
    when = dt.datetime(2026, 4, 30, 22, tzinfo=dt.UTC)
    text = (
        "Elon Musk told jurors in Oakland today that xAI partly used OpenAI models to train "
        "Grok, calling distillation standard practice among AI companies."
    )
    first = ArticleFactory(title="Musk: xAI partly used OpenAI models", text=text, published=when)
    copy = ArticleFactory(
        title="Musk says xAI used OpenAI models, in part",
        text=text.replace("today", "on Thursday") + " Share this article.",
        published=when + dt.timedelta(hours=5),
    )
    late = ArticleFactory(title=first.title, text=text, published=when + dt.timedelta(days=60))
    stories.articles_cluster(article_ids=[first.id])
    stories.articles_cluster(article_ids=[copy.id, late.id])
    first.refresh_from_db()
    copy.refresh_from_db()
    late.refresh_from_db()
    assert first.story_id is not None
    assert copy.story_id == first.story_id
    assert late.story_id not in (None, first.story_id)


TESTIMONY = (
    "Elon Musk told jurors in Oakland that xAI partly used OpenAI models to train Grok, "
    "calling distillation standard practice among AI companies."
)


@pytest.mark.django_db
def test_undated_articles_join_a_story_across_runs():
    """An undated article is placed in time by when it was stored, in the pool of later runs
    too (not only among the articles of its own run)."""
    first = ArticleFactory(
        title="Musk: xAI partly used OpenAI models", text=TESTIMONY, published=None
    )
    stories.articles_cluster(article_ids=[first.id])
    copy = ArticleFactory(
        title="Musk says xAI used OpenAI models, in part",
        text=TESTIMONY + " Share this article.",
        published=None,
    )
    stories.articles_cluster(article_ids=[copy.id])
    first.refresh_from_db()
    copy.refresh_from_db()
    assert first.story_id is not None and copy.story_id == first.story_id
    # stored long ago: out of the window
    old = ArticleFactory(title=first.title, text=TESTIMONY, published=None)
    Article.objects.filter(id=old.id).update(created_at=timezone.now() - dt.timedelta(days=90))
    stories.articles_cluster(article_ids=[old.id])
    old.refresh_from_db()
    assert old.story_id not in (None, first.story_id)


@pytest.mark.django_db
def test_a_signature_of_an_older_format_is_computed_again_from_the_text():
    when = dt.datetime(2026, 4, 30, 22, tzinfo=dt.UTC)
    first = ArticleFactory(
        title="Musk: xAI partly used OpenAI models", text=TESTIMONY, published=when
    )
    stories.articles_cluster(article_ids=[first.id])
    first.refresh_from_db()
    current = bytes(first.minhash)
    stale = b"MH1:" + current[4:]  # as stored by an earlier version of the features
    Article.objects.filter(id=first.id).update(minhash=stale)
    copy = ArticleFactory(
        title="Musk says xAI used OpenAI models, in part",
        text=TESTIMONY + " Share this article.",
        published=when + dt.timedelta(hours=3),
    )
    stories.articles_cluster(article_ids=[copy.id])
    first.refresh_from_db()
    copy.refresh_from_db()
    assert copy.story_id == first.story_id
    assert bytes(first.minhash) == current


@pytest.mark.django_db
def test_changed_text_moves_article_and_empty_story_is_deleted():
    when = dt.datetime(2026, 5, 4, 18, tzinfo=dt.UTC)
    google = "Google said today that distillation attacks are intellectual property theft."
    a = ArticleFactory(title="Google on distillation", text=google, published=when)
    b = ArticleFactory(title="Hospital rosters by AI", text="Hospitals roster nurses with AI.")
    stories.articles_cluster(article_ids=[a.id, b.id])
    b.refresh_from_db()
    a.refresh_from_db()
    old_story = b.story_id
    assert old_story != a.story_id

    Article.objects.filter(id=b.id).update(
        title="Google on distillation", text=google + " Share.", published=when
    )
    stories.articles_cluster(article_ids=[b.id])
    b.refresh_from_db()
    assert b.story_id == a.story_id
    assert not Story.objects.filter(id=old_story).exists()


@pytest.mark.django_db
def test_bad_input_does_not_crash():
    empty = ArticleFactory(title="", text="", published=None)
    odd = ArticleFactory(title="„“ ‹›", text="\x07 \u200b \ufeff ÷× 💥", published=None)
    stories.articles_cluster(article_ids=[empty.id, odd.id, 10**9])
    stories.articles_cluster(article_ids=[])
    assert Article.objects.filter(story__isnull=True).count() == 0


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_batch(django_assert_max_num_queries):
    labels = corpus_articles()
    with django_assert_max_num_queries(12):
        stories.articles_cluster(article_ids=list(labels))
    assert Article.objects.filter(story__isnull=True).count() == 0


@pytest.mark.django_db
def test_demo_feed_testimony_items_share_one_story():
    from tracker.news.services import source_ingest

    report = source_ingest(source=str(DEMO_FEED))
    assert not report.errors
    testimony = Article.objects.filter(title__in=DEMO_TESTIMONY)
    assert testimony.count() == len(DEMO_TESTIMONY)
    story_ids = set(testimony.values_list("story_id", flat=True))
    assert len(story_ids) == 1 and None not in story_ids
    others = Article.objects.exclude(title__in=DEMO_TESTIMONY)
    assert others.count() >= 6
    assert not set(others.values_list("story_id", flat=True)) & story_ids
    assert others.values("story_id").distinct().count() == others.count()


SEED_FILES = sorted(SEEDS.glob("0*.txt")) if SEEDS.is_dir() else []


@pytest.mark.skipif(not SEED_FILES, reason=f"the shared seed articles are not at {SEEDS}")
def test_the_five_seed_retellings_are_one_story():
    """Five outlets' real reports of one testimony, undated, as a .txt ingest reads them."""
    seen = dt.datetime(2026, 5, 2, 9, tzinfo=dt.UTC)
    items = []
    for key, path in enumerate(SEED_FILES):
        entry = text_article(text=path.read_text(encoding="utf-8"))
        text = text_clean(entry.content, title=entry.title)
        items.append(
            stories.item_of(key=key, title=entry.title, text=text, published=None, when=seen)
        )
    assert len(set(stories.cluster_items(items).values())) == 1


HARBOUR_COVERAGE = (
    "opened a second ferry route to the islands",
    "named a new chief executive after a board review",
    "raised its fares for the summer season",
    "ordered two electric ferries from a northern yard",
    "lost a contract to carry mail across the bay",
    "reported higher passenger numbers for the spring",
)


def _harbour_index(when: dt.datetime) -> stories.StoryIndex:
    """An index holding the company's coverage of the months before `when` (so its name is an
    everyday word of the pool, as in production)."""
    index = stories.StoryIndex()
    for n, topic in enumerate(HARBOUR_COVERAGE):
        earlier = when - dt.timedelta(days=40 + 7 * n)
        text = f"Harbour Co. {topic}, the company said."
        index.add(stories.item_of(key=100 + n, title=topic, text=text, published=earlier), n)
    return index


def test_the_same_day_and_a_shared_party_do_not_make_a_story():
    """A company's other news on the day of its settlement names the company and the day ("said
    on Friday") and little else in common: time and date confirm shared content, they do not
    stand in for it. A retelling of the settlement the same day still joins."""
    when = dt.datetime(2025, 9, 5, 20, tzinfo=dt.UTC)
    settled = stories.item_of(
        key=1,
        title="Harbour Co. to pay $40 million to settle ferry passengers' toll lawsuit",
        text="Harbour Co. agreed to pay $40 million to settle a class action by ferry passengers "
        "over the Tarn harbour toll, according to a court filing on Friday.",
        published=when,
    )
    index = _harbour_index(when)
    index.add(settled, "settlement")
    other_news = stories.item_of(
        key=2,
        title="Harbour Co. stops selling season passes to tour operators",
        text="Harbour Co. will stop selling season passes to tour operators based abroad, the "
        "company said on Friday, citing safety rules for its older vessels.",
        published=when + dt.timedelta(hours=2),
    )
    retold = stories.item_of(
        key=3,
        title="Ferry passengers win $40 million from Harbour Co. over Tarn toll",
        text="Harbour Co. will pay $40 million to end the passengers' class action over the Tarn "
        "toll, a settlement disclosed in a court filing on Friday.",
        published=when + dt.timedelta(hours=3),
    )
    assert other_news.day == settled.day  # the same day, and a party in common
    assert set(other_news.names) & set(settled.names)
    assert index.best(other_news) == (None, 0.0)
    assert index.best(retold)[0] == "settlement"


def test_time_and_date_bonuses_count_in_proportion_to_shared_content():
    cosine = np.array([0.0, storyindex.CONTENT_FULL / 2, storyindex.CONTENT_FULL, 0.5])
    bonus = np.full(4, 0.2)
    assert storyindex._gated(bonus, cosine).tolist() == pytest.approx([0.0, 0.1, 0.2, 0.2])
    penalty = np.full(4, -0.2)  # days apart or another day named: counted whatever the content
    assert storyindex._gated(penalty, cosine).tolist() == pytest.approx([-0.2] * 4)


def test_a_motion_and_the_ruling_on_it_are_two_developments():
    """Asking a court for an act and the court doing it name the same act ("dismiss") and share
    the parties and the words; the asking (REQUESTED) tells them apart. Two reports of the
    motion still meet."""
    when = dt.datetime(2024, 5, 6, 18, tzinfo=dt.UTC)
    lead = " The ferry operator sued the Port Authority of Tarn over its harbour toll in March."
    motion = stories.item_of(
        key=1,
        title="Tarn port asks judge to dismiss Harbour Co. toll suit",
        text="The Port Authority of Tarn asked a federal judge on Monday to dismiss Harbour Co.'s "
        "toll lawsuit." + lead,
        published=when,
    )
    motion_again = stories.item_of(
        key=2,
        title="Tarn port seeks to toss ferry operator's toll case",
        text="The Port Authority of Tarn on Monday asked a judge to throw out Harbour Co.'s toll "
        "lawsuit." + lead,
        published=when + dt.timedelta(hours=4),
    )
    ruling = stories.item_of(
        key=3,
        title="Judge dismisses Harbour Co. toll suit against Tarn port",
        text="A federal judge on Thursday dismissed Harbour Co.'s toll lawsuit against the Port "
        "Authority of Tarn." + lead,
        published=when + dt.timedelta(days=3),
    )
    assert motion.acts & signatures.REQUESTED and motion.opening_acts & signatures.REQUESTED
    assert not ruling.acts & signatures.REQUESTED
    assert motion.acts & ruling.acts & ~signatures.REQUESTED  # the same act named
    index = stories.StoryIndex()
    index.add(motion, "motion")
    asked = dataclasses.replace(ruling, acts=ruling.acts | signatures.REQUESTED)
    penalty = stories.similarity(asked, motion, index=index) - stories.similarity(
        ruling, motion, index=index
    )
    assert penalty == pytest.approx(storyindex.ACTS_PENALTY)
    assigned = stories.cluster_items([motion, motion_again, ruling])
    assert assigned[1] == assigned[2] != assigned[3]


def test_an_undated_article_joins_by_its_content_not_by_a_weekday():
    """An undated page (placed at when it was first seen) naming the company and "on Friday"
    matches a dated story's weekday by chance one day in seven: it joins only when it retells
    the development."""
    when = dt.datetime(2025, 9, 5, 20, tzinfo=dt.UTC)
    index = _harbour_index(when)
    settled = stories.item_of(
        key=1,
        title="Harbour Co. to pay $40 million to settle ferry passengers' toll lawsuit",
        text="Harbour Co. agreed on Friday to pay $40 million to settle a class action by ferry "
        "passengers over the Tarn harbour toll.",
        published=when,
    )
    index.add(settled, "settlement")
    seen = when + dt.timedelta(days=20)

    def undated(key: int, title: str, text: str) -> stories.Item:
        return stories.item_of(key=key, title=title, text=text, published=None, when=seen)

    other = undated(
        2,
        "Harbour Co. adds a night crossing",
        "Harbour Co. said on Friday it would add a night crossing to the islands next spring.",
    )
    retold = undated(
        3,
        "Harbour Co. settles Tarn toll class action for $40 million",
        "Harbour Co. on Friday agreed to a $40 million settlement with ferry passengers who sued "
        "over the Tarn harbour toll.",
    )
    assert other.weekday == settled.weekday == 4
    assert index.best(other) == (None, 0.0)
    assert index.best(retold)[0] == "settlement"


FERROVIA_WIRE = (
    "TARN, March 9 (Quay Wire) - Ferrovia told a judge on Monday that the Port of Tarn padded the "
    "fare ledgers behind its ferry toll, and asked the court to make the port hand over every "
    "draft of them.\n\n"
    "In a motion, the operator said port clerks had logged crossings that never sailed, and that "
    "the totals in the toll schedule grew out of those entries rather than out of real traffic "
    "over the harbour.\n\n"
    "Ferrovia said it had asked for the drafts months ago and been refused. Handing them over, "
    "the company said, would show how the fares were built, and how little of the toll the "
    "crossings of its own boats had ever paid for.\n\n"
    "Both sides are due back before the judge next month.\n\n"
    "The port says Ferrovia owes the toll like every other operator."
)
FERROVIA_TRADE = (
    "Ferrovia, the ferry operator fighting the harbour toll, has found a new line of attack: the "
    "clerks who kept the ledgers.\n\n"
    "In a filing this week, the company told the judge that the crossings behind the port's toll "
    "schedule were padded by clerks logging sailings that never happened. Every draft of the "
    "ledgers would show it, according to Ferrovia.\n\n"
    "The port has said all along that the toll is a fare like any other."
)


def test_a_wire_and_a_trade_page_two_days_later_report_one_filing():
    """The wire writes its subject at its sentences' starts within the lead ("Ferrovia told a
    judge ...") and inside a sentence a paragraph on; the trade page's headline names only the
    subject. Both name Ferrovia: no names penalty, one story."""
    when = dt.datetime(2026, 3, 9, 22, tzinfo=dt.UTC)
    wire = stories.item_of(
        key=1,
        title="Ferrovia says Tarn port padded fare ledgers, seeks drafts",
        text=FERROVIA_WIRE,
        published=when,
    )
    assert FERROVIA_WIRE.index("says Ferrovia") > signatures.TERMS_CHARS
    trade = stories.item_of(
        key=2,
        title="Ferrovia Says the Ledgers Were Padded. Now It Wants the Drafts.",
        text=FERROVIA_TRADE,
        published=when + dt.timedelta(days=2),
    )
    index = stories.StoryIndex()
    index.add(wire, "motion")
    nameless = dataclasses.replace(trade, names=())
    assert stories.similarity(nameless, wire, index=index) == pytest.approx(
        stories.similarity(trade, wire, index=index)
    )
    assigned = stories.cluster_items([wire, trade])
    assert assigned[1] == assigned[2]


def test_cluster_items_fills_the_index_it_is_given_even_an_empty_one():
    """An empty StoryIndex is falsy (no rows): the caller's index, not a new one, holds the
    batch, as `_stories_reconcile` reads it afterwards."""
    when = dt.datetime(2026, 3, 9, 22, tzinfo=dt.UTC)
    item = stories.item_of(key=1, title="Ferrovia sues Tarn port", text="", published=when)
    index = stories.StoryIndex()
    stories.cluster_items([item], index=index)
    assert index.row(1) is not None
