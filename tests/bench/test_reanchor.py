"""The edited-article fixtures are consistent, and re-anchoring keeps what plain search keeps."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _bench():
    spec = importlib.util.spec_from_file_location("reanchor", ROOT / "bench" / "reanchor.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


reanchor = _bench()
PAIRS = reanchor.load_pairs()


def test_fixtures_are_consistent():
    assert len(PAIRS) >= 20
    assert len({p["edit"] for p in PAIRS}) == len(PAIRS)  # each pair shows a different edit
    for pair in PAIRS:
        assert pair["before"] != pair["after"], pair["name"]
        assert pair["quotes"], pair["name"]
        for q in pair["quotes"]:
            assert pair["before"][q["start"] : q["start"] + len(q["exact"])] == q["exact"]
            if q["after"] is not None:
                where = q["after_start"]
                assert pair["after"][where : where + len(q["after"])] == q["after"]
    removed = sum(q["after"] is None for p in PAIRS for q in p["quotes"])
    assert 0 < removed < sum(len(p["quotes"]) for p in PAIRS)


def test_scoring():
    quote = {"exact": "abc", "start": 0, "after": "abd", "after_start": 10}
    assert reanchor.score(quote, (10, 13)) == "survived"
    assert reanchor.score(quote, (0, 3)) == "misplaced"
    assert reanchor.score(quote, None) == "lost"
    gone = {**quote, "after": None, "after_start": None}
    assert reanchor.score(gone, None) == "stale"
    assert reanchor.score(gone, (0, 3)) == "false"


def test_quote_find_survival_against_baseline():
    pytest.importorskip(
        "tracker.linking.anchors", reason="tracker/linking/anchors.py has not landed on main yet"
    )
    rows = reanchor.measure(PAIRS, reanchor.anchors_finder())
    base = reanchor.measure(PAIRS, reanchor.baseline_finder)
    by_key = {(r["pair"], r["exact"], i): r for i, r in enumerate(rows)}
    # every quote left untouched and unique in the new text is found again at its place
    i = 0
    for pair in PAIRS:
        for q in pair["quotes"]:
            if q["after"] == q["exact"] and pair["after"].count(q["exact"]) == 1:
                assert by_key[(pair["name"], q["exact"], i)]["outcome"] == "survived", q
            i += 1
    got, plain = reanchor.summary(rows), reanchor.summary(base)
    assert got["survived"] >= plain["survived"]
    assert got["misplaced"] == 0
