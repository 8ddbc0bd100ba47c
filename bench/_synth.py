"""Made-up words for the benchmarks' generated articles and names (shared by bench/*.py)."""

from __future__ import annotations

SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "ven",
    "tor",
    "al",
    "dex",
    "qui",
    "zan",
    "bel",
    "or",
    "fin",
    "gar",
    "lum",
    "nix",
    "pra",
    "sol",
    "tem",
    "vor",
]
