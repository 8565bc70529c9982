"""StatementExecutionClient against a loopback fake of the Databricks SQL Statement Execution API
(http.server on 127.0.0.1, port 0): the only stand-in for Databricks."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from g2l_core.ddl import StatementExecutionClient, StatementExecutionError


class FakeWarehouse(BaseHTTPRequestHandler):
    statements: dict = {}
    seen: list = []

    def _send(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):  # noqa: N802
        if self.headers.get("Authorization") != "Bearer tok":
            return self._send(401, {"error_code": "UNAUTHENTICATED", "message": "bad token"})
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.seen.append(body)
        sid = f"s{len(self.seen)}"
        sql = body["statement"]
        if "syntax error" in sql:
            state = {"state": "FAILED", "error": {"error_code": "PARSE_SYNTAX_ERROR", "message": "near 'syntax'"}}
        else:
            state = {"state": "PENDING"}
        self.statements[sid] = {"polls": 0, "sql": sql}
        self._send(200, {"statement_id": sid, "status": state})

    def do_GET(self):  # noqa: N802
        sid = self.path.rsplit("/", 1)[-1]
        st = self.statements[sid]
        st["polls"] += 1
        if st["polls"] < 2:
            return self._send(200, {"statement_id": sid, "status": {"state": "RUNNING"}})
        self._send(200, {"statement_id": sid, "status": {"state": "SUCCEEDED"},
                         "manifest": {"schema": {"columns": [{"name": "result"}]}},
                         "result": {"data_array": [["ok"]]}})

    def log_message(self, *a):
        pass


@pytest.fixture
def warehouse():
    FakeWarehouse.statements, FakeWarehouse.seen = {}, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeWarehouse)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_execute_polls_until_done(warehouse):
    c = StatementExecutionClient(warehouse, "tok", "wh-1", poll_interval=0.01, timeout=5)
    r = c.execute("CREATE SCHEMA IF NOT EXISTS main.raw")
    assert (r.state, r.columns, r.rows) == ("SUCCEEDED", ["result"], [["ok"]])
    assert FakeWarehouse.seen[0]["warehouse_id"] == "wh-1"
    assert FakeWarehouse.statements[r.statement_id]["polls"] == 2


def test_failures_are_reported_and_the_rest_runs(warehouse):
    c = StatementExecutionClient(warehouse, "tok", "wh-1", poll_interval=0.01, timeout=5)
    out = c.apply(["CREATE syntax error", "CREATE SCHEMA main.x"])
    assert isinstance(out[0][1], StatementExecutionError) and "PARSE_SYNTAX_ERROR" in str(out[0][1])
    assert out[1][1].state == "SUCCEEDED"
    with pytest.raises(StatementExecutionError, match="HTTP 401"):
        StatementExecutionClient(warehouse, "wrong", "wh-1").execute("SELECT 1")
