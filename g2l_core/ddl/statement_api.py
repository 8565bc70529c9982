"""Run SQL on a Databricks SQL warehouse with databricks-sdk's Statement Execution API.

``WorkspaceClient`` brings Databricks' unified authentication: a personal access token when one is
given, else whatever the environment or ``~/.databrickscfg`` configures (``DATABRICKS_TOKEN``, a config
profile, OAuth machine-to-machine with ``DATABRICKS_CLIENT_ID``/``DATABRICKS_CLIENT_SECRET``...). The
client is built when a ``StatementExecutionClient`` is, never at import. A statement still PENDING or
RUNNING after the submit's wait is polled until done, at growing intervals up to ``poll_interval``. The tests run it against a loopback fake of these
endpoints with an in-memory Unity Catalog (``tests/databricks_fake.py``).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Any

from databricks.sdk import WorkspaceClient
from databricks.sdk.core import Config
from databricks.sdk.errors import DatabricksError
from databricks.sdk.service.sql import Disposition, ExecuteStatementRequestOnWaitTimeout, Format, StatementState

_DONE = {StatementState.SUCCEEDED, StatementState.FAILED, StatementState.CANCELED, StatementState.CLOSED}


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


def _base_url(host: str) -> str:
    return host.rstrip("/") if host.startswith(("http://", "https://")) else f"https://{host.rstrip('/')}"


def workspace_config(host: str, token: str | None = None, *, profile: str | None = None,
                     request_timeout: float = 60.0) -> Config:
    """SDK configuration for ``host``: PAT auth with ``token``, else the SDK's unified authentication.
    Raises ValueError (from the SDK) when no credentials can be found."""
    kw: dict[str, Any] = {"host": _base_url(host), "http_timeout_seconds": request_timeout,
                          "retry_timeout_seconds": request_timeout}
    if token:
        kw.update(token=token, auth_type="pat")
    if profile:
        kw["profile"] = profile
    return Config(**kw)


class StatementExecutionClient:
    """One SQL warehouse: ``execute(sql)`` returns when the statement is done."""

    def __init__(self, host: str, token: str | None, warehouse_id: str, *, catalog: str | None = None,
                 schema: str | None = None, poll_interval: float = 1.0, timeout: float = 600.0,
                 request_timeout: float = 60.0, profile: str | None = None):
        self.base = _base_url(host)
        self.warehouse_id, self.catalog, self.schema = warehouse_id, catalog, schema
        self.poll_interval, self.timeout = poll_interval, timeout
        self.unreachable: str | None = None
        self.workspace = WorkspaceClient(config=workspace_config(host, token, profile=profile,
                                                                 request_timeout=request_timeout))

    def _call(self, what: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        if self.unreachable:  # once the retries timed out, every later call would wait as long again
            raise StatementExecutionError(self.unreachable)
        try:
            return fn(*args, **kwargs)
        except DatabricksError as e:
            code = getattr(e, "error_code", None) or type(e).__name__
            message = str(e).split(" Config: ", 1)[0]  # the SDK appends its (redacted) configuration
            raise StatementExecutionError(f"{what} on {self.base}: {code}: {message}") from None
        except OSError as e:  # connection refused, DNS, TLS, retries timed out
            self.unreachable = (f"{what} on {self.base}: workspace not reachable: {e} "
                                "(check the project's databricks.host)")
            raise StatementExecutionError(self.unreachable) from None

    def execute(self, sql: str) -> StatementResult:
        api = self.workspace.statement_execution
        resp = self._call("submitting a statement", api.execute_statement, statement=sql,
                          warehouse_id=self.warehouse_id, wait_timeout="30s",
                          on_wait_timeout=ExecuteStatementRequestOnWaitTimeout.CONTINUE,
                          disposition=Disposition.INLINE, format=Format.JSON_ARRAY,
                          catalog=self.catalog, schema=self.schema)
        sid = resp.statement_id or ""
        deadline = time.monotonic() + self.timeout
        delay = min(0.05, self.poll_interval)
        while resp.status is None or resp.status.state not in _DONE:
            if time.monotonic() > deadline:
                self._call(f"cancelling statement {sid}", api.cancel_execution, sid)
                raise StatementExecutionError(f"statement {sid} timed out after {self.timeout}s: {sql[:80]}",
                                              statement_id=sid, state="TIMEOUT")
            time.sleep(delay)
            delay = min(delay * 2, self.poll_interval)  # short statements finish soon after the submit's wait
            resp = self._call(f"polling statement {sid}", api.get_statement, sid)
        state = resp.status.state.value
        if resp.status.state != StatementState.SUCCEEDED:
            err = resp.status.error
            code = err.error_code.value if err and err.error_code else ""
            message = err.message if err and err.message else ""
            detail = " ".join(part for part in (code, message) if part)
            raise StatementExecutionError(f"statement {sid} {state}: {detail} -- {sql.strip().splitlines()[0][:120]}",
                                          statement_id=sid, state=state)
        columns = resp.manifest.schema.columns if resp.manifest and resp.manifest.schema else None
        rows = resp.result.data_array if resp.result else None
        return StatementResult(sid, state, [c.name for c in columns or []], rows or [])


def connect(host: str, warehouse_id: str, token_env: str, profile: str | None = None) -> StatementExecutionClient:
    """A client for a project's warehouse: the token in ``token_env`` when that is set, else Databricks'
    unified authentication (``profile``: a ~/.databrickscfg profile to use). ValueError naming the settings
    when neither gives credentials."""
    token = os.environ.get(token_env)
    try:
        return StatementExecutionClient(host, token, warehouse_id, profile=None if token else profile)
    except ValueError as e:
        reason = str(e).split(". Config:", 1)[0]
        raise ValueError(f"databricks.token_env names {token_env}, which is not set in the environment, and Databricks "
                         "unified authentication found no other credentials (DATABRICKS_TOKEN, a ~/.databrickscfg "
                         "profile named by DATABRICKS_CONFIG_PROFILE, or DATABRICKS_CLIENT_ID/DATABRICKS_CLIENT_SECRET "
                         f"for OAuth) for databricks.host {host}: {reason}") from None
