"""Sections of a case page rendered once and cached under the case's page stamp (its coverage
version and what it owns: tracker.web.selectors.stamps), so a busy case page renders its
timeline once per change rather than once per request. Each section is rendered without the
request: nothing in it may depend on who asks (the user, the CSRF token), only on what the
key names."""

from __future__ import annotations

from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from tracker.cases.models import Case
from tracker.linking.membership import coverage_cached
from tracker.web.selectors import (
    Key,
    TimelineFilters,
    case_filter_options,
    case_standing,
    case_timeline,
)
from tracker.web.selectors.stamps import FRAGMENT_TTL, PageStamp


def section_cached(
    *, case: Case, stamp: PageStamp, name: str, render: Callable[[], str]
) -> SafeString:
    """The HTML `render()` makes (a template's output, escaped as it renders), cached under
    the case, its stamp and `name` (which section, for which filters and page)."""
    html = coverage_cached(
        case=case,
        version=stamp.coverage,
        name=f"section.{name}:{stamp.rows}",
        compute=lambda: str(render()),
        ttl=FRAGMENT_TTL,
    )
    return mark_safe(html)  # the template escaped what it holds as it rendered it


def data_cached(*, case: Case, stamp: PageStamp, name: str, compute: Callable):
    """What `compute()` reads for a section (a selector's result), cached like a section."""
    return coverage_cached(
        case=case,
        version=stamp.coverage,
        name=f"data.{name}:{stamp.rows}",
        compute=compute,
        ttl=FRAGMENT_TTL,
    )


def timeline_section(
    *,
    case: Case,
    stamp: PageStamp,
    filters: TimelineFilters,
    cursor: Key | None,
    block: str,
    context: dict,
) -> SafeString:
    """The case page's timeline (`block`: "timeline", the whole section, or "items", a further
    page's entries) for these filters and cursor, rendered from web/case.html with `context`
    (case, filters and the page's flags: plain values, all of them in the key). With the events
    of related cases it is rendered each time: their writes are not in this case's stamp."""

    def render() -> str:
        timeline = case_timeline(case=case, filters=filters, cursor=cursor, version=stamp.coverage)
        return render_to_string(f"web/case.html#{block}", {**context, "timeline": timeline})

    if filters.related:
        return mark_safe(render())  # the template escaped what it holds as it rendered it
    name = f"timeline.{block}:{_view(context, cursor)}"
    return section_cached(case=case, stamp=stamp, name=name, render=render)


def _view(context: dict, cursor: Key | None) -> str:
    """Which view of the case page `context` renders: the filters, the cursor, the flags."""
    flags = sorted((k, v) for k, v in context.items() if k not in ("case", "filters"))
    return f"{context['filters']!r}:{cursor!r}:{flags!r}"


def case_content(
    *, case: Case, stamp: PageStamp, cursor: Key | None, context: dict, timeline: Callable[[], str]
) -> SafeString:
    """The case page's content: its head (where it stands), the filter panel and the timeline
    section `timeline()` returns (asked only when the content is not cached), rendered from web/case.html with `context` (as `timeline_section` takes it)
    and cached like it, for the day too (the head's "next scheduled" changes with it)."""
    today = timezone.localdate()

    def render() -> str:
        return render_to_string(
            "web/case.html#content",
            {
                **context,
                "timeline_html": timeline(),
                "options": data_cached(
                    case=case,
                    stamp=stamp,
                    name="filter-options",
                    compute=lambda: case_filter_options(case=case),
                ),
                "standing": data_cached(
                    case=case,
                    stamp=stamp,
                    name=f"standing:{today}",
                    compute=lambda: case_standing(case=case, today=today),
                ),
            },
        )

    if context["filters"].related:  # as its timeline: rendered each time
        return mark_safe(render())  # the template escaped what it holds as it rendered it
    name = f"content:{today}:{_view(context, cursor)}"
    return section_cached(case=case, stamp=stamp, name=name, render=render)
