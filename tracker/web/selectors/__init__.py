"""Reads for the pages. Each selector runs a fixed number of queries, whatever the data size."""

from __future__ import annotations

from .articles import ArticlePage, article_page
from .cases import SORTS, DirectoryFilters, cases_overview, directory_options
from .entities import claim_page, clause_page, issue_across, issue_page, party_page
from .filters import TimelineFilters
from .keyset import Key
from .positions import PositionMatrix, case_positions, position_quotes
from .stamps import PageStamp, case_page_stamp
from .standing import Standing, case_standing
from .timeline import Timeline, case_filter_options, case_timeline, timeline_locate

__all__ = [
    "SORTS",
    "ArticlePage",
    "DirectoryFilters",
    "Key",
    "Standing",
    "PageStamp",
    "PositionMatrix",
    "Timeline",
    "TimelineFilters",
    "article_page",
    "case_filter_options",
    "case_page_stamp",
    "case_positions",
    "case_standing",
    "case_timeline",
    "cases_overview",
    "directory_options",
    "claim_page",
    "clause_page",
    "issue_across",
    "issue_page",
    "party_page",
    "position_quotes",
    "timeline_locate",
]
