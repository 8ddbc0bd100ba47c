"""Where the real seed articles are: ../shared/seeds beside the repository (CI's layout), or one
level further up from a worktree under /work/wt/. Tests read them, never copy them."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = next(
    (
        p
        for p in (REPO.parent / "shared" / "seeds", REPO.parent.parent / "shared" / "seeds")
        if p.is_dir()
    ),
    REPO.parent / "shared" / "seeds",
)
