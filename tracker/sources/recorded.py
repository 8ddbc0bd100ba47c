"""A CourtListener recorded in files: the demo (and anyone without a network or a token) reads a
docket through the same client and code path as the live API.

A directory holds `docket.json` (the docket), `docket-entries.json` and `parties.json` (one page
each, `next` null). Any other request is a 404.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from .courtlistener import Reply, Transport

FILES = {
    "dockets": "docket.json",
    "docket-entries": "docket-entries.json",
    "parties": "parties.json",
}


def recorded_transport(directory: Path) -> Transport:
    def get(url: str, headers: dict[str, str]) -> Reply:
        parts = [p for p in urlsplit(url).path.split("/") if p]
        endpoint = next((p for p in reversed(parts) if p in FILES), "")
        file = directory / FILES[endpoint] if endpoint else None
        if file is None or not file.is_file():
            return Reply(404, {}, b'{"detail": "not in the recording"}')
        return Reply(200, {"content-type": "application/json"}, file.read_bytes())

    return get
