"""The case timeline is rendered once and cached under the case's page stamp (tracker.web
.sections): a review action, an ingest or an edit shows on the next request, never the copy
rendered before it."""

from __future__ import annotations

import datetime as dt
import io
import shutil

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.linking.gold import CORPUS
from tests.web.builders import demo_build
from tracker.cases.models import ClaimStatus
from tracker.linking.models import Link
from tracker.news.models import Article
from tracker.review.roles import user_set_role
from tracker.review.services import event_review, link_review
from tracker.web.selectors import case_page_stamp

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    return demo_build()


@pytest.fixture
def analyst():
    return user_set_role(username="cache-analyst", role="analyst")[0]


def _section(client, case, query: str = "") -> str:
    response = client.get(reverse("web:case", args=[case.slug]) + query)
    assert response.status_code == 200
    return response.content.decode().split('<section id="timeline"')[1]


def _warm(client, case, query: str = "") -> str:
    """The section, read twice: the second answer comes from the cache and is the same."""
    first = _section(client, case, query)
    assert _section(client, case, query) == first
    return first


def _latest(client, case) -> str:
    """The case head's latest development (where it stands: cached with the timeline)."""
    page = client.get(reverse("web:case", args=[case.slug])).content.decode()
    return page.split('class="standing-latest"')[1].split("</p>")[0]


def test_accepting_and_rejecting_an_event_shows_at_once(client, demo, analyst):
    suggested = demo.events["suggested"]
    assert suggested.title not in _warm(client, demo.case)
    assert suggested.title not in _latest(client, demo.case)
    event_review(event=suggested, user=analyst, status="accepted")
    assert suggested.title in _section(client, demo.case)
    assert suggested.title in _latest(client, demo.case)
    event_review(event=suggested, user=analyst, status="rejected")
    assert suggested.title not in _section(client, demo.case)


def test_rejecting_a_link_shows_in_the_counts_at_once(client, demo, analyst):
    testimony = demo.events["testimony"]
    assert "Reported by 5 outlets" in _warm(client, demo.case)
    link = Link.objects.filter(event=testimony, article=demo.articles[0]).get()
    link_review(link=link, user=analyst, status="rejected")
    assert "Reported by 4 outlets" in _section(client, demo.case)


def test_an_edit_to_an_event_or_a_new_claim_status_shows_at_once(client, demo):
    filing = demo.events["filing"]
    _warm(client, demo.case)
    filing.title = "Musk refiles the suit in a federal court in Oakland"
    filing.save()
    assert filing.title in _section(client, demo.case)
    ClaimStatus.objects.create(
        claim=demo.claim, status="dismissed", date=dt.date(2026, 5, 20), note="Judge rules."
    )
    assert "Judge rules." in _section(client, demo.case)


def test_each_view_of_the_timeline_has_its_own_copy(client, demo):
    newest = _warm(client, demo.case)
    oldest = _warm(client, demo.case, "?order=oldest")
    assert newest != oldest
    assert newest.index("Musk testifies") < newest.index("Musk refiles")
    assert oldest.index("Musk refiles") < oldest.index("Musk testifies")
    suggested = demo.events["suggested"].title
    assert suggested in _warm(client, demo.case, "?unreviewed=1")
    assert suggested not in _section(client, demo.case)


@pytest.mark.skipif(not (CORPUS / "13_harbor-wire.txt").exists(), reason="corpus missing")
def test_an_ingest_shows_at_once(client, demo, tmp_path):
    stamp = case_page_stamp(case=demo.case)
    _warm(client, demo.case)
    shutil.copy(CORPUS / "13_harbor-wire.txt", tmp_path / "13_harbor-wire.txt")
    call_command("ingest", "--case", demo.case.slug, str(tmp_path), stdout=io.StringIO())
    article = Article.objects.exclude(pk__in=[a.pk for a in demo.articles]).get()
    demo.case.refresh_from_db()
    assert case_page_stamp(case=demo.case) != stamp
    assert reverse("web:article", args=[article.pk]) in _section(client, demo.case)


def test_chart_bars_are_the_markup_a_loop_over_them_made():
    from django.template import Context, Template

    from tracker.web.text import weekly_chart

    chart = weekly_chart({dt.date(2026, 3, 2): 1, dt.date(2026, 3, 16): 7, dt.date(2025, 9, 1): 2})
    loop = Template(
        "{% load l10n %}{% localize off %}{% for bar in chart.bars %}"
        '<rect class="chart-bar{% if not bar.count %} is-zero{% endif %}" x="{{ bar.x }}" '
        'y="{{ bar.y }}" width="{{ bar.width }}" height="{{ bar.height }}"><title>Week of '
        '{{ bar.week|date:"M j, Y" }}: {{ bar.count }} article{{ bar.count|pluralize }}'
        "</title></rect>{% endfor %}{% endlocalize %}"
    )
    tag = Template(
        "{% load l10n web_text %}{% localize off %}{% chart_bars chart %}{% endlocalize %}"
    )
    expected = loop.render(Context({"chart": chart}))
    assert tag.render(Context({"chart": chart})) == expected
    assert "Sep 1, 2025: 2 articles" in expected and 'is-zero" x=' in expected
