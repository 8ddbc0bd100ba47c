"""How each page's cost grows with the data: bench/pages.py at two sizes, then the growth.

    DATABASE_URL=postgres://... python bench/pages_growth.py \
        --small tracker_bench_10k:10000 --large tracker_bench_100k:100000 [-n 20] [--only ...]

Each size runs bench/pages.py --keep DBNAME --articles N (a kept PostgreSQL database, seeded on
its first run), one after the other. Prints each page's p50 at both sizes as a ratio to the
trivial view measured in the same run, and the growth of that ratio from the small size to the
large one (the goal of issue 17: at most 1.5x from 10k to 100k articles).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

from _bench import note, result

PAGES = Path(__file__).resolve().parent / "pages.py"
_LINE = re.compile(r"^RESULT (\w+)_p50_ms=([\d.e+-]+) ms(?: baseline=(\w+)_p50_ms)?")


def _run(spec: str, n: int, only: list[str]) -> dict[str, tuple[float, float]]:
    """{page: (p50 ms, ratio to its baseline)} from one pages.py run."""
    name, _, articles = spec.partition(":")
    command = [sys.executable, str(PAGES), "--keep", name, "--articles", articles, "-n", str(n)]
    if only:
        command += ["--only", *only]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    p50: dict[str, float] = {}
    baseline: dict[str, str] = {}
    for line in out.splitlines():
        if line.startswith("NOTE"):
            print(f"NOTE [{articles}] {line[5:]}", flush=True)
        match = _LINE.match(line)
        if match:
            p50[match[1]] = float(match[2])
            if match[3]:
                baseline[match[1]] = match[3]
    return {page: (p50[page], p50[page] / p50[base]) for page, base in baseline.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", required=True, help="DBNAME:ARTICLES")
    parser.add_argument("--large", required=True, help="DBNAME:ARTICLES")
    parser.add_argument("-n", type=int, default=20)
    parser.add_argument("--only", nargs="*", default=[])
    args = parser.parse_args()
    small, large = _run(args.small, args.n, args.only), _run(args.large, args.n, args.only)
    sizes = f"{args.small.partition(':')[2]} -> {args.large.partition(':')[2]} articles"
    note(f"p50 as a ratio to the run's baseline view, and its growth, {sizes}")
    for page in sorted(small.keys() & large.keys()):
        (ms_small, r_small), (ms_large, r_large) = small[page], large[page]
        result(f"{page}_small_p50_ms", ms_small, "ms", ratio=r_small)
        result(f"{page}_large_p50_ms", ms_large, "ms", ratio=r_large)
        result(f"{page}_growth", r_large / r_small, "x")


if __name__ == "__main__":
    main()
