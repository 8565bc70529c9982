"""Apply DDL to a Databricks SQL warehouse through the SQL Statement Execution API.

``POST /api/2.0/sql/statements`` submits a statement (``wait_timeout`` up to 50s); while its
state is PENDING or RUNNING the client polls ``GET /api/2.0/sql/statements/{id}``. Only the
standard library is used. The tests run it against a loopback fake of these endpoints with an in-memory
Unity Catalog (``tests/databricks_fake.py``), the only stand-in for Databricks in this project.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any

_DONE = {"SUCCEEDED", "FAILED", "CANCELED", "CLOSED"}


class StatementExecutionError(RuntimeError):
    """A statement that did not succeed (the message carries Databricks' error and the SQL head)."""

    def __init__(self, message: str, *, statement_id: str | None = None, state: str | None = None):
        super().__init__(message)
        self.statement_id, self.state = statement_id, state


@dataclass
class StatementResult:
    statement_id: str
    state: str
    columns: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)


class StatementExecutionClient:
    """Minimal client for one SQL warehouse: ``execute(sql)`` returns when the statement is done."""

    def __init__(self, host: str, token: str, warehouse_id: str, *, catalog: str | None = None,
                 schema: str | None = None, poll_interval: float = 1.0, timeout: float = 600.0,
                 request_timeout: float = 60.0):
        self.base = host.rstrip("/") if host.startswith(("http://", "https://")) else f"https://{host.rstrip('/')}"
        self.token, self.warehouse_id = token, warehouse_id
        self.catalog, self.schema = catalog, schema
        self.poll_interval, self.timeout, self.request_timeout = poll_interval, timeout, request_timeout

    def _request(self, method: str, path: str, body: dict | None = None) -> dict:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method, headers={
            "Authorization": f"Bearer {self.token}", "Content-Type": "application/json", "Accept": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=self.request_timeout) as resp:  # noqa: S310 - configured host
                return json.loads(resp.read() or b"{}")
        except urllib.error.HTTPError as e:
            detail = e.read().decode(errors="replace")[:500]
            raise StatementExecutionError(f"{method} {path}: HTTP {e.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise StatementExecutionError(f"{method} {self.base}{path}: workspace not reachable: {reason} "
                                          "(databricks.host)") from None

    def execute(self, sql: str) -> StatementResult:
        body: dict[str, Any] = {"statement": sql, "warehouse_id": self.warehouse_id, "wait_timeout": "30s",
                                "on_wait_timeout": "CONTINUE", "disposition": "INLINE", "format": "JSON_ARRAY"}
        if self.catalog:
            body["catalog"] = self.catalog
        if self.schema:
            body["schema"] = self.schema
        resp = self._request("POST", "/api/2.0/sql/statements", body)
        sid = resp.get("statement_id", "")
        deadline = time.monotonic() + self.timeout
        while (resp.get("status") or {}).get("state") not in _DONE:
            if time.monotonic() > deadline:
                self._request("POST", f"/api/2.0/sql/statements/{sid}/cancel", {})
                raise StatementExecutionError(f"statement {sid} timed out after {self.timeout}s: {sql[:80]}",
                                              statement_id=sid, state="TIMEOUT")
            time.sleep(self.poll_interval)
            resp = self._request("GET", f"/api/2.0/sql/statements/{sid}")
        status = resp.get("status") or {}
        state = status.get("state")
        if state != "SUCCEEDED":
            err = status.get("error") or {}
            raise StatementExecutionError(
                f"statement {sid} {state}: {err.get('error_code', '')} {err.get('message', '')}".strip()
                + f" -- {sql.strip().splitlines()[0][:120]}", statement_id=sid, state=state)
        cols = [c.get("name") for c in ((resp.get("manifest") or {}).get("schema") or {}).get("columns") or []]
        rows = (resp.get("result") or {}).get("data_array") or []
        return StatementResult(sid, state, cols, rows)
