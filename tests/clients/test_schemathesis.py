"""`schemathesis run --checks all` against the live server finds nothing.

Every check schemathesis has (server errors, status codes, content types, headers, response
schemas, bad data accepted, good data refused, auth ignored, method handling, use after free,
resource availability...) over bounded examples so the run stays short. What
tests/clients/schemathesis.toml configures, it explains.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CONFIG = Path(__file__).with_name("schemathesis.toml")
PHASES = "examples,fuzzing,stateful"


def test_schemathesis_with_every_check_finds_nothing(served, tmp_path):
    tool = Path(sys.executable).with_name("schemathesis")
    command = [
        tool,
        "--config-file",
        CONFIG,
        "run",
        f"{served.url}/api/schema/?format=json",
        "--checks",
        "all",
        "--phases",
        PHASES,
        "--max-examples",
        "3",
        "--workers",
        "1",  # the live server's SQLite test database takes one request at a time
        "--generation-deterministic",
        "--header",
        f"Authorization: Token {served.token}",
        "--no-color",
        "--output-truncate",
        "false",
        "--report",
        "junit",
        "--report-dir",
        tmp_path,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-20000:]
    assert "60 selected / 60 total" in output  # every operation was tested
    assert " passed" in output and "failures" not in output.split("SUMMARY")[-1]
