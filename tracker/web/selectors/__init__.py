"""Reads for the pages. Each selector runs a fixed number of queries, whatever the data size."""

from __future__ import annotations

from .articles import ArticlePage, article_page
from .cases import cases_overview
from .entities import claim_page, clause_page, issue_page, party_page
from .positions import PositionMatrix, case_positions, position_quotes
from .timeline import Timeline, TimelineFilters, case_filter_options, case_timeline

__all__ = [
    "ArticlePage",
    "PositionMatrix",
    "Timeline",
    "TimelineFilters",
    "article_page",
    "case_filter_options",
    "case_positions",
    "case_timeline",
    "cases_overview",
    "claim_page",
    "clause_page",
    "issue_page",
    "party_page",
    "position_quotes",
]
