"""A stand-in for CourtListener's REST API v4 on 127.0.0.1, for tests and bench/docket.py.

It serves dockets, docket entries and parties in the v4 shapes the client reads, with cursor
pagination (`next` links carrying an opaque cursor), `date_modified__gte` filtering, ordering by
`date_modified`, token checks, and scripted failures (`fail_next`): 429 with Retry-After, 401,
5xx, bodies that are not JSON. Every request is logged with its path, query and headers.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

ROOT = "/api/rest/v4/"
EPOCH = dt.datetime(2024, 8, 5, 12, 0, tzinfo=dt.UTC)


@dataclass
class Failure:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"


@dataclass
class Docket:
    id: int
    fields: dict
    entries: dict[int, dict] = field(default_factory=dict)
    parties: dict[int, dict] = field(default_factory=dict)


class FakeCourtListener:
    def __init__(self, *, token: str = "", page_size: int = 20) -> None:
        self.token = token
        self.page_size = page_size
        self.dockets: dict[int, Docket] = {}
        self.failures: list[Failure] = []
        self.log: list[dict] = []
        self._lock = threading.Lock()
        self._clock = EPOCH
        self._next_id = 1000
        handler = type("Handler", (_Handler,), {"fake": self})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{ROOT}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # --- building the remote state ------------------------------------------------------------

    def tick(self) -> str:
        """A new modification time, later than every earlier one."""
        self._clock += dt.timedelta(minutes=7)
        return self._clock.isoformat().replace("+00:00", "Z")

    def new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def docket(self, docket_id: int, **fields) -> Docket:
        base = {
            "id": docket_id,
            "absolute_url": f"/docket/{docket_id}/example-v-sample/",
            "case_name": "Example v. Sample",
            "date_modified": self.tick(),
        }
        self.dockets[docket_id] = Docket(docket_id, {**base, **fields})
        return self.dockets[docket_id]

    def entry(self, docket_id: int, number: int | None, date: str, text: str, **extra) -> dict:
        entry_id = extra.pop("id", None) or self.new_id()
        row = {
            "id": entry_id,
            "docket": f"{self.base_url}dockets/{docket_id}/",
            "entry_number": number,
            "date_filed": date,
            "description": text,
            "date_modified": self.tick(),
            "recap_documents": extra.pop("recap_documents", None)
            or [
                {
                    "id": entry_id * 10,
                    "document_number": str(number or ""),
                    "attachment_number": None,
                    "description": text[:40],
                    "is_available": True,
                    "page_count": 3,
                    "absolute_url": f"/docket/{docket_id}/{number}/example-v-sample/",
                }
            ],
            **extra,
        }
        self.dockets[docket_id].entries[entry_id] = row
        return row

    def edit_entry(self, docket_id: int, entry_id: int, **changes) -> None:
        self.dockets[docket_id].entries[entry_id].update(changes, date_modified=self.tick())

    def party(self, docket_id: int, name: str, *types: str) -> dict:
        row = {
            "id": self.new_id(),
            "name": name,
            "party_types": [{"name": t} for t in types],
            "date_modified": self.tick(),
        }
        self.dockets[docket_id].parties[row["id"]] = row
        return row

    def fail_next(self, *failures: Failure) -> None:
        self.failures.extend(failures)

    def requests_to(self, endpoint: str) -> list[dict]:
        return [r for r in self.log if r["path"].startswith(ROOT + endpoint)]

    # --- answering ------------------------------------------------------------------------------

    def answer(self, path: str, query: dict[str, str], headers: dict[str, str]):
        with self._lock:
            self.log.append({"path": path, "query": query, "headers": headers})
            if self.failures:
                return self.failures.pop(0)
        if self.token and headers.get("Authorization") != f"Token {self.token}":
            return Failure(401, b'{"detail": "Invalid token."}')
        if not path.startswith(ROOT):
            return Failure(404, b'{"detail": "Not found."}')
        parts = path[len(ROOT) :].strip("/").split("/")
        if parts[0] == "dockets" and len(parts) == 2 and parts[1].isdigit():
            docket = self.dockets.get(int(parts[1]))
            if docket is None:
                return Failure(404, b'{"detail": "No Docket matches the given query."}')
            return 200, docket.fields
        if parts == ["docket-entries"] or parts == ["parties"]:
            docket = self.dockets.get(int(query.get("docket", "0") or 0))
            rows = (
                []
                if docket is None
                else list(
                    (docket.entries if parts[0] == "docket-entries" else docket.parties).values()
                )
            )
            return 200, self._page(path, query, rows)
        return Failure(404, b'{"detail": "Not found."}')

    def _page(self, path: str, query: dict[str, str], rows: list[dict]) -> dict:
        since = query.get("date_modified__gte")
        if since:
            mark = dt.datetime.fromisoformat(since.replace("Z", "+00:00"))
            rows = [r for r in rows if _when(r["date_modified"]) >= mark]
        order = query.get("order_by", "id")
        rows.sort(
            key=lambda r: (_when(r["date_modified"]) if order == "date_modified" else 0, r["id"])
        )
        offset = int(base64.urlsafe_b64decode(query["cursor"]).decode()) if "cursor" in query else 0
        page = rows[offset : offset + self.page_size]
        nxt = None
        if offset + self.page_size < len(rows):
            cursor = base64.urlsafe_b64encode(str(offset + self.page_size).encode()).decode()
            params = {k: v for k, v in query.items() if k != "cursor"} | {"cursor": cursor}
            nxt = f"http://127.0.0.1:{self.httpd.server_address[1]}{path}?{urlencode(params)}"
        return {"next": nxt, "previous": None, "results": page}


def _when(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


class _Handler(BaseHTTPRequestHandler):
    fake: FakeCourtListener

    def do_GET(self) -> None:  # noqa: N802
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        result = self.fake.answer(parts.path, query, dict(self.headers))
        if isinstance(result, Failure):
            status, body, headers = result.status, result.body, result.headers
            content_type = result.content_type
        else:
            status, data = result
            body, headers, content_type = json.dumps(data).encode(), {}, "application/json"
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass
