"""Measure bench/accuracy.py's figures on main before issue 14 (b067c3e); write the baseline.

    .venv/bin/python bench/make_accuracy_baseline.py [--commit b067c3e]

Checks the commit out into a temporary git worktree, copies today's corpus
(tests/fixtures/realnews) and harness (tests/linking/realnews*.py, test_realnews.py,
bench/accuracy.py) into it, links .venv, runs bench/accuracy.py there and writes its figures to
bench/accuracy_baseline.json. Keys that the old loader does not know are taken out of the copied
case files (`EXTENSIONS`: the old code could not use them either). Run it again whenever the corpus changes, so that both columns of
bench/accuracy.py score the same articles. The worktree is removed afterwards.

b067c3e imports datasketch, which the project has dropped (55b54b8) and the venv no longer
holds: install it beside, not into, the venv and put it on the path for the run, e.g.
`pip install --no-deps --target /tmp/ds datasketch==2.0.0 scipy` then `PYTHONPATH=/tmp/ds`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COPIED = [
    "tests/fixtures/realnews",
    "tests/linking/realnews.py",
    "tests/linking/realnews_score.py",
    "tests/linking/test_realnews.py",
    "bench/accuracy.py",
]

# Case file keys added since b067c3e, as (list or None for the top level, key): dropped from the
# baseline's copies of the case files, which b067c3e's loader would otherwise refuse.
EXTENSIONS = [
    ("events", "keywords"),
    ("documents", "track"),
    *[
        (None, key)
        for key in (
            "caption", "date_filed", "date_terminated", "cause", "nature_of_suit",
            "jurisdiction", "jury_demand", "judge", "courtlistener_docket", "pacer_case_id",
        )
    ],
]  # fmt: skip


def case_files_downgrade(root: Path) -> None:
    for path in sorted(root.glob("*/case.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for list_key, key in EXTENSIONS:
            for item in [data] if list_key is None else data.get(list_key, []):
                item.pop(key, None)
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commit", default="b067c3e")
    parser.add_argument("--service", default="2000")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tracker-baseline-"))
    tree = tmp / "tree"
    git = ["git", "-C", str(REPO)]
    subprocess.run([*git, "worktree", "add", "--detach", str(tree), args.commit], check=True)
    try:
        for rel in COPIED:
            src, dst = REPO / rel, tree / rel
            if src.is_dir():
                shutil.copytree(src, dst, dirs_exist_ok=True)
            else:
                shutil.copyfile(src, dst)
        case_files_downgrade(tree / "tests" / "fixtures" / "realnews")
        (tree / ".venv").symlink_to((REPO / ".venv").resolve())
        out = tmp / "figures.json"
        cmd = [
            sys.executable,
            "bench/accuracy.py",
            "--service",
            args.service,
            "--json-out",
            str(out),
        ]
        subprocess.run(cmd, cwd=tree, check=True)
        figures = json.loads(out.read_text())
    finally:
        subprocess.run([*git, "worktree", "remove", "--force", str(tree)], check=False)
        shutil.rmtree(tmp, ignore_errors=True)
    (REPO / "bench" / "accuracy_baseline.json").write_text(
        json.dumps(
            {
                "commit": args.commit,
                "measured": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
                "how": "bench/make_accuracy_baseline.py: today's corpus and harness on that commit",
                "figures": figures,
            },
            indent=1,
            sort_keys=True,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
