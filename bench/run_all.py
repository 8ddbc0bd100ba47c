"""`make bench`: run every bench/*.py script, collect its figures, print them, write RESULTS.md.

    python bench/run_all.py [--only ingest,pages] [--skip load] [--timeout 600] [--out FILE]

Each script runs in its own subprocess (its own process group, killed when its time is up) from
the repository root. Figures are read from its stdout (bench/README.md has the convention):

    RESULT <name>=<value> [<unit>] [baseline=<name>] [ratio=<x>]
    BENCH {"name": "...", "value": 1.2, "unit": "ms", "baseline": "...", "ratio": 3.4}
    NOTE <free text kept in RESULTS.md>

A figure that names a baseline but no ratio gets one computed from the baseline's value in the
same run (same script first, then any script). A script that printed no figure, failed or ran
out of time has the tail of its output kept in RESULTS.md instead.
A script may declare, in a comment line of its own, `# bench-requires: postgres` (run only when
PostgreSQL answers) and `# bench-timeout: <seconds>`. Files named `_*.py` are helpers and
`make_*.py` generate fixtures: neither is run.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
DEFAULT_TIMEOUT = 600
LOAD_DB_URL = "postgres://postgres@127.0.0.1:5432/postgres"

RESULT_RE = re.compile(r"^RESULT\s+(?P<name>[^=\s]+)\s*=\s*(?P<value>\S+)(?P<rest>.*)$")
KEYVAL_RE = re.compile(r"^(?P<key>[A-Za-z_][\w.-]*)=(?P<value>.*)$")
DIRECTIVE_RE = re.compile(r"^#\s*bench-(?P<key>requires|timeout):\s*(?P<value>\S+)", re.M)


@dataclass
class Figure:
    script: str
    name: str
    value: float | str
    unit: str = ""
    baseline: str | None = None
    ratio: float | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class Run:
    script: str
    status: str = "ok"  # ok | failed (exit N) | timeout | skipped (why)
    seconds: float = 0.0
    output: str = ""
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _number(text: object) -> float | str:
    try:
        return float(text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(text)


def parse_output(script: str, output: str) -> tuple[list[Figure], list[str]]:
    """Figures and notes from a script's output; lines that fit no convention are ignored."""
    figures: list[Figure] = []
    notes: list[str] = []
    for raw in output.splitlines():
        line = raw.strip()
        if line.startswith("NOTE "):
            notes.append(line[5:].strip())
        elif line.startswith("BENCH "):
            try:
                data = json.loads(line[6:])
            except json.JSONDecodeError:
                notes.append(f"unreadable BENCH line: {line[:200]}")
                continue
            if not isinstance(data, dict) or "name" not in data:
                notes.append(f"BENCH line without a name: {line[:200]}")
                continue
            ratio = data.pop("ratio", None)
            figures.append(
                Figure(
                    script=script,
                    name=str(data.pop("name")),
                    value=_number(data.pop("value", "")),
                    unit=str(data.pop("unit", "") or ""),
                    baseline=(str(data.pop("baseline")) if data.get("baseline") else None),
                    ratio=ratio if isinstance(ratio, int | float) else None,
                    extra={k: v for k, v in data.items() if k != "baseline"},
                )
            )
        elif match := RESULT_RE.match(line):
            units, extra = [], {}
            for token in match["rest"].split():
                if kv := KEYVAL_RE.match(token):
                    extra[kv["key"]] = kv["value"]
                else:
                    units.append(token)
            ratio = _number(extra.pop("ratio", None))
            figures.append(
                Figure(
                    script=script,
                    name=match["name"],
                    value=_number(match["value"]),
                    unit=" ".join(units),
                    baseline=extra.pop("baseline", None) or None,
                    ratio=ratio if isinstance(ratio, float) else None,
                    extra=extra,
                )
            )
    return figures, notes


def fill_ratios(runs: list[Run]) -> None:
    """Compute missing ratios from baselines measured in this run (same script preferred)."""
    everywhere = {f.name: f.value for run in runs for f in run.figures}
    for run in runs:
        local = {f.name: f.value for f in run.figures}
        for fig in run.figures:
            if fig.ratio is not None or not fig.baseline:
                continue
            base = local.get(fig.baseline, everywhere.get(fig.baseline))
            if isinstance(base, float) and base and isinstance(fig.value, float):
                fig.ratio = fig.value / base


def directives(path: Path) -> dict[str, str]:
    return {m["key"]: m["value"] for m in DIRECTIVE_RE.finditer(path.read_text(errors="replace"))}


def postgres_reachable() -> str | None:
    """None when PostgreSQL answers (DATABASE_URL if it is postgres, else the local server)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = os.environ.get("LOAD_DATABASE_URL", LOAD_DB_URL)
    try:
        import psycopg2

        psycopg2.connect(url, connect_timeout=3).close()
    except Exception as exc:
        return f"PostgreSQL not reachable ({type(exc).__name__}: {str(exc).strip()[:120]})"
    return None


def run_script(path: Path, timeout: int) -> Run:
    run = Run(script=path.stem)
    start = time.monotonic()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, str(path)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
        start_new_session=True,
    )
    try:
        run.output, _ = proc.communicate(timeout=timeout)
        if proc.returncode != 0:
            run.status = f"failed (exit {proc.returncode})"
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        run.output, _ = proc.communicate()
        run.status = f"timeout after {timeout}s"
    run.seconds = time.monotonic() - start
    run.figures, run.notes = parse_output(run.script, run.output or "")
    return run


def machine() -> dict[str, str]:
    info = {"nproc": str(os.cpu_count())}
    try:
        meminfo = Path("/proc/meminfo").read_text()
        kb = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1))  # type: ignore[union-attr]
        info["memory"] = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        info["memory"] = "unknown"
    try:
        cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        info["cpu"] = cpu.group(1).strip() if cpu else platform.processor() or "unknown"
    except OSError:
        info["cpu"] = platform.processor() or "unknown"
    with contextlib.suppress(OSError):
        info["load average at start"] = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    info["python"] = platform.python_version()
    info["os"] = platform.platform()
    info["database"] = database_description()
    try:
        info["commit"] = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        info["commit"] = "unknown"
    return info


def database_description() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        try:
            import psycopg2

            with psycopg2.connect(url, connect_timeout=3) as conn, conn.cursor() as cur:
                cur.execute("SHOW server_version")
                return f"PostgreSQL {cur.fetchone()[0]} (DATABASE_URL)"
        except Exception as exc:
            return f"PostgreSQL (DATABASE_URL, unreachable: {type(exc).__name__})"
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version} (no DATABASE_URL)"


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return "" if value is None else str(value)


def table(runs: list[Run]) -> list[list[str]]:
    rows = [["script", "figure", "value", "unit", "baseline", "ratio"]]
    for run in runs:
        for f in run.figures:
            rows.append(
                [run.script, f.name, _fmt(f.value), f.unit, f.baseline or "", _fmt(f.ratio)]
            )
    return rows


def print_table(rows: list[list[str]]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def markdown(runs: list[Run], info: dict[str, str], started: dt.datetime) -> str:
    """RESULTS.md: date, machine, the figures, each script's status, notes and failures."""
    out = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (bench/run_all.py) on {started:%Y-%m-%d %H:%M} UTC. "
        "Ratios compare each figure to a baseline measured in the same run.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in info.items()],
        "",
        "## Figures",
        "",
    ]
    rows = table(runs)
    if len(rows) > 1:
        out.append("| " + " | ".join(rows[0]) + " |")
        out.append("|" + "---|" * len(rows[0]))
        out.extend("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows[1:])
    else:
        out.append("No figures were reported.")
    out += ["", "## Scripts", "", "| script | status | seconds |", "|---|---|---|"]
    out += [f"| {r.script} | {r.status} | {r.seconds:.1f} |" for r in runs]
    for run in runs:
        if run.notes:
            out += ["", f"### {run.script}: notes", ""]
            out += [f"- {n}" for n in run.notes]
        if run.output and (run.status != "ok" or not run.figures):
            tail = "\n".join(run.output.rstrip().splitlines()[-40:])
            out += ["", f"### {run.script}: output (last 40 lines)", "", "```", tail, "```"]
    return "\n".join(out) + "\n"


def discover(only: set[str], skip: set[str]) -> list[Path]:
    scripts = [
        p
        for p in sorted(BENCH.glob("*.py"))
        if not p.name.startswith(("_", "make_")) and p.name != Path(__file__).name
    ]
    if only:
        scripts = [p for p in scripts if p.stem in only]
    return [p for p in scripts if p.stem not in skip]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="comma-separated script names")
    parser.add_argument("--skip", default="", help="comma-separated script names")
    parser.add_argument("--timeout", type=int, default=None, help="seconds per script")
    parser.add_argument("--out", default=str(BENCH / "RESULTS.md"))
    args = parser.parse_args(argv)
    split = lambda s: {x.strip().removesuffix(".py") for x in s.split(",") if x.strip()}  # noqa: E731

    started = dt.datetime.now(dt.UTC)
    info = machine()
    runs: list[Run] = []
    pg_problem: str | None | bool = False  # False: not checked yet
    for path in discover(split(args.only), split(args.skip)):
        wanted = directives(path)
        if wanted.get("requires") == "postgres":
            if pg_problem is False:
                pg_problem = postgres_reachable()
            if pg_problem:
                print(f"== {path.stem}: skipped: {pg_problem}", flush=True)
                runs.append(Run(script=path.stem, status=f"skipped: {pg_problem}"))
                continue
        timeout = args.timeout or int(wanted.get("timeout", DEFAULT_TIMEOUT))
        print(f"== {path.stem} (time limit {timeout}s)", flush=True)
        run = run_script(path, timeout)
        print(
            f"   {run.status}, {run.seconds:.1f}s, {len(run.figures)} figures",
            flush=True,
        )
        if run.status != "ok" or not run.figures:
            print("   " + "\n   ".join(run.output.rstrip().splitlines()[-15:]), flush=True)
        runs.append(run)
    fill_ratios(runs)
    print()
    print_table(table(runs))
    Path(args.out).write_text(markdown(runs, info, started))
    print(f"\nwrote {args.out}")
    return 1 if any(r.status.startswith(("failed", "timeout")) for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
