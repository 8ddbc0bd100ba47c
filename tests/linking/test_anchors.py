"""Anchors: selectors keep `text[start:end] == exact` and quotes are found again after edits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.linking.anchors import quote_find, selector_for

TEXT = (
    "The regulator said the merger was lawful. Later the regulator said the merger was "
    "unlawful after all, and the company’s lawyers objected."
)


def test_selector_for_has_context_and_offsets():
    start = TEXT.index("merger")
    sel = selector_for(TEXT, start, start + 6)
    assert sel["exact"] == "merger"
    assert sel["prefix"] == TEXT[start - 32 : start] if start >= 32 else TEXT[:start]
    assert sel["suffix"] == TEXT[start + 6 : start + 38]
    assert TEXT[sel["start"] : sel["end"]] == sel["exact"]


def test_selector_for_rejects_bad_spans():
    with pytest.raises(ValueError):
        selector_for(TEXT, 5, 5)
    with pytest.raises(ValueError):
        selector_for(TEXT, 0, len(TEXT) + 1)


def test_prefix_and_suffix_pick_the_right_occurrence():
    second = TEXT.index("the regulator said")
    sel = quote_find(TEXT, "regulator said", prefix="Later the ", suffix=" the merger was unl")
    assert sel is not None
    assert sel["start"] == second + 4
    first = quote_find(TEXT, "regulator said", prefix="The ", suffix=" the merger was law")
    assert first is not None and first["start"] == 4


def test_whitespace_case_and_quote_insensitive():
    sel = quote_find(TEXT, "COMPANY'S   lawyers\nobjected")
    assert sel is not None
    assert sel["exact"] == "company’s lawyers objected"
    assert TEXT[sel["start"] : sel["end"]] == sel["exact"]


def test_fuzzy_reanchors_after_an_edit():
    edited = TEXT.replace("was unlawful after all", "was plainly unlawful after all")
    sel = quote_find(edited, "the merger was unlawful after all", prefix="regulator said ")
    assert sel is not None
    assert "unlawful after all" in sel["exact"]
    assert edited[sel["start"] : sel["end"]] == sel["exact"]


def test_not_found_is_none():
    assert quote_find(TEXT, "an entirely different sentence about the weather") is None
    assert quote_find(TEXT, "") is None
    assert quote_find("", "merger") is None


@given(st.text(min_size=1, max_size=300), st.data())
def test_selector_offsets_invariant(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    sel = selector_for(text, start, end)
    assert text[sel["start"] : sel["end"]] == sel["exact"]
    found = quote_find(text, sel["exact"], sel["prefix"], sel["suffix"])
    if sel["exact"].strip():
        assert found is not None
        assert text[found["start"] : found["end"]] == found["exact"]


@given(st.text(max_size=200), st.text(min_size=1, max_size=40))
def test_quote_find_result_always_indexes_text(text, quote):
    found = quote_find(text, quote)
    if found is not None:
        assert text[found["start"] : found["end"]] == found["exact"]
        assert found["end"] > found["start"]


def test_a_removed_short_quote_is_not_found_at_another_occurrence():
    before = "At noon the clerk said lunch was late. By three the clerk said court was closed."
    sel = selector_for(
        before, before.rindex("the clerk said"), before.rindex("the clerk said") + 14
    )
    after = "At noon the clerk said lunch was late. Nothing else happened."
    assert quote_find(after, sel["exact"], sel["prefix"], sel["suffix"]) is None
    kept = selector_for(before, 8, 22)
    found = quote_find(after, kept["exact"], kept["prefix"], kept["suffix"])
    assert found is not None and found["start"] == 8


def test_a_removed_sentence_is_not_found_in_its_near_twin():
    before = (
        "Heading\n\nAcme's rules forbid resale of the output to rivals.\n\n"
        "Zeta's rules forbid resale of the output to others, a critic said.\n\nEnd."
    )
    start = before.index("Acme's")
    end = before.index("rivals.") + len("rivals.")
    sel = selector_for(before, start, end)
    after = before[:start] + before[end + 2 :]
    assert quote_find(after, sel["exact"], sel["prefix"], sel["suffix"]) is None


def test_a_short_quote_at_the_end_survives_an_edit_before_it():
    before = "Intro.\n\nThe morning was long.\n\nCourt resumes on Monday.\n"
    start = before.index("Court")
    sel = selector_for(before, start, start + len("Court resumes on Monday."))
    after = "Intro.\n\nThe session was cancelled.\n\nCourt resumes on Monday.\n"
    found = quote_find(after, sel["exact"], sel["prefix"], sel["suffix"])
    assert found is not None and found["exact"] == "Court resumes on Monday."
