"""bench/run_all.py reads both figure conventions, fills ratios, and survives junk and timeouts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def run_all():
    spec = importlib.util.spec_from_file_location("run_all", BENCH / "run_all.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["run_all"] = module
    spec.loader.exec_module(module)
    return module


def test_parses_result_and_bench_lines_and_notes(run_all):
    output = "\n".join(
        [
            "some progress text",
            "RESULT trivial_ms=0.25 ms",
            "RESULT page_ms=5 ms baseline=trivial_ms",
            "RESULT rate=410 articles/s baseline=other ratio=3.5 n=1000",
            'BENCH {"name": "link_ms", "value": 3.2, "unit": "ms", "baseline": "trivial_ms"}',
            "BENCH {not json",
            "NOTE seeded 10 articles",
        ]
    )
    figures, notes = run_all.parse_output("demo", output)
    by = {f.name: f for f in figures}
    assert set(by) == {"trivial_ms", "page_ms", "rate", "link_ms"}
    assert by["rate"].ratio == 3.5 and by["rate"].unit == "articles/s"
    assert by["rate"].extra == {"n": "1000"}
    assert "seeded 10 articles" in notes
    assert any("unreadable BENCH" in n for n in notes)

    runs = [run_all.Run(script="demo", figures=figures)]
    run_all.fill_ratios(runs)
    assert by["page_ms"].ratio == pytest.approx(20.0)
    assert by["link_ms"].ratio == pytest.approx(12.8)
    assert by["rate"].ratio == 3.5  # given ratios are kept


def test_a_script_that_hangs_is_killed_and_its_output_kept(run_all, tmp_path):
    script = tmp_path / "slow.py"
    script.write_text("import time\nprint('RESULT early=1 s', flush=True)\ntime.sleep(60)\n")
    run = run_all.run_script(script, timeout=2)
    assert run.status.startswith("timeout")
    assert [f.name for f in run.figures] == ["early"]


def test_results_markdown_names_the_machine_and_failures(run_all):
    runs = [
        run_all.Run(script="ok", figures=[run_all.Figure("ok", "x_ms", 1.0, "ms")]),
        run_all.Run(script="bad", status="failed (exit 1)", output="Traceback: boom"),
    ]
    info = run_all.machine()
    text = run_all.markdown(runs, info, run_all.dt.datetime(2026, 5, 1, tzinfo=run_all.dt.UTC))
    assert "| nproc |" in text and "| python |" in text and "| database |" in text
    assert "| ok | x_ms | 1 | ms |" in text
    assert "Traceback: boom" in text
