"""How many evidence quotes survive an article edit: re-anchoring over tests/fixtures/edits.

Each fixture directory holds `before.txt`, `after.txt` and `quotes.json` (every quote's offset in
the before text and, when the quote is still there after the edit, the text and offset it has
there; `null` when the edit removed or rewrote it). For each quote the selector of the before
text (`selector_for`) is looked up in the after text with `quote_find`, and scored:

- survived:   found, overlapping the place where the quote now is;
- misplaced:  found, somewhere else (worse than stale: it points at the wrong words);
- lost:       not found though the quote is still there (marked stale needlessly);
- stale:      not found and really gone (correctly marked stale for review);
- false:      found though the quote is gone (anchored to other words).

A baseline in the same run, exact string search for the old quote (`str.find`), shows what the
re-anchoring adds. Usage: `.venv/bin/python bench/reanchor.py [--json] [--verbose]`.
Exit status 2 when tracker.linking.anchors is not there yet.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "edits"
OUTCOMES = ("survived", "misplaced", "lost", "stale", "false")


def load_pairs(root: Path = FIXTURES) -> list[dict]:
    pairs = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        meta = json.loads((folder / "quotes.json").read_text(encoding="utf-8"))
        pairs.append(
            {
                "name": folder.name,
                "edit": meta["edit"],
                "before": (folder / "before.txt").read_text(encoding="utf-8"),
                "after": (folder / "after.txt").read_text(encoding="utf-8"),
                "quotes": meta["quotes"],
            }
        )
    return pairs


def score(quote: dict, found: tuple[int, int] | None) -> str:
    expected = quote["after"]
    if expected is None:
        return "stale" if found is None else "false"
    if found is None:
        return "lost"
    lo, hi = quote["after_start"], quote["after_start"] + len(expected)
    return "survived" if found[0] < hi and found[1] > lo else "misplaced"


Finder = Callable[[str, dict], "tuple[int, int] | None"]


def measure(pairs: list[dict], finder: Finder) -> list[dict]:
    rows = []
    for pair in pairs:
        for quote in pair["quotes"]:
            found = finder(pair["after"], {**quote, "before": pair["before"]})
            rows.append(
                {
                    "pair": pair["name"],
                    "exact": quote["exact"],
                    "outcome": score(quote, found),
                    "found": found,
                }
            )
    return rows


def baseline_finder(after: str, quote: dict) -> tuple[int, int] | None:
    at = after.find(quote["exact"])
    return None if at < 0 else (at, at + len(quote["exact"]))


def anchors_finder(*, hint: bool = True) -> Finder:
    """What relinking does (tracker.linking.services._reanchor): keep the span when the text
    there is unchanged, else `quote_find` with the old start as a hint (or without, to compare)."""
    from tracker.linking import anchors

    def find(after: str, quote: dict) -> tuple[int, int] | None:
        start, exact = quote["start"], quote["exact"]
        if hint and after[start : start + len(exact)] == exact:
            return start, start + len(exact)
        sel = anchors.selector_for(quote["before"], start, start + len(exact))
        hit = anchors.quote_find(
            after, sel["exact"], sel["prefix"], sel["suffix"], hint=start if hint else None
        )
        if hit is None:
            return None
        if after[hit["start"] : hit["end"]] != hit["exact"]:
            raise AssertionError(f"selector does not match the text: {hit}")
        return hit["start"], hit["end"]

    return find


def summary(rows: list[dict]) -> dict[str, int]:
    counts = Counter(r["outcome"] for r in rows)
    return {k: counts.get(k, 0) for k in OUTCOMES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    parser.add_argument("--verbose", action="store_true", help="list every quote not survived")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    pairs = load_pairs()
    try:
        finder = anchors_finder()
    except ImportError as exc:
        print(f"tracker.linking.anchors is not available yet ({exc}); nothing to measure.")
        return 2
    base = measure(pairs, baseline_finder)
    rows = measure(pairs, finder)
    plain = measure(pairs, anchors_finder(hint=False))
    total = len(rows)
    present = sum(1 for p in pairs for q in p["quotes"] if q["after"] is not None)
    result = {
        "pairs": len(pairs),
        "quotes": total,
        "still_present": present,
        "removed": total - present,
        "quote_find": summary(rows),
        "quote_find_no_hint": summary(plain),
        "baseline_exact_find": summary(base),
    }
    print(f"{len(pairs)} edited articles, {total} quotes ({present} still there, "
          f"{total - present} removed or rewritten by the edit)")  # fmt: skip
    print(f"{'':22}" + "".join(f"{k:>10}" for k in OUTCOMES))
    for label, counts in (("relink (quote_find)", result["quote_find"]),
                          ("quote_find, no hint", result["quote_find_no_hint"]),
                          ("baseline str.find", result["baseline_exact_find"])):  # fmt: skip
        print(f"{label:22}" + "".join(f"{counts[k]:>10}" for k in OUTCOMES))
    got, base_got = result["quote_find"]["survived"], result["baseline_exact_find"]["survived"]
    print(f"survival: {got}/{present} = {got / present:.0%} "
          f"(baseline {base_got}/{present} = {base_got / present:.0%}); "
          f"correctly stale {result['quote_find']['stale']}/{total - present}")  # fmt: skip
    if args.verbose:
        for row in rows:
            if row["outcome"] not in {"survived", "stale"}:
                print(f"  {row['outcome']:>9}  {row['pair']}: {row['exact'][:70]!r}")
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
