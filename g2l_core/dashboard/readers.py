"""Where the dashboard reads the stage tables from: one small interface, two implementations.

``LocalStages`` reads the Delta folders ``dagster-deltalake-polars`` writes under ``<home>/stages``;
``UnityCatalogStages`` reads the same tables from a Unity Catalog schema through a SQL warehouse (the
Databricks App). Both give the current rows of a table and its earlier states, from which progress over
time is rebuilt: locally the Delta versions, in Unity Catalog the ``<table>_history`` g2l appends to.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol

import polars as pl

from .uc_types import HISTORY_SUFFIX, PUBLISHED_AT, result_frame

STAGE_TABLES = ("migration_progress", "converted_code", "validation_results", "schema_drift", "uc_ddl", "glue_repo",
                "sync_history")
MAX_VERSIONS = 200
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class StageReader(Protocol):
    def table(self, asset: str) -> pl.DataFrame | None:
        """Current rows of a stage table, or None when it does not exist."""

    def versions(self, asset: str) -> list[tuple[datetime, pl.DataFrame]]:
        """Up to ``MAX_VERSIONS`` latest versions of a table, oldest first, with their commit time."""


class LocalStages:
    def __init__(self, stages: Path):
        self.stages = Path(stages)

    def _path(self, asset: str) -> Path | None:
        path = self.stages / asset
        return path if (path / "_delta_log").is_dir() else None

    def table(self, asset: str) -> pl.DataFrame | None:
        path = self._path(asset)
        return pl.read_delta(str(path)) if path is not None else None

    def versions(self, asset: str) -> list[tuple[datetime, pl.DataFrame]]:
        from deltalake import DeltaTable

        path = self._path(asset)
        if path is None:
            return []
        history = DeltaTable(str(path)).history(MAX_VERSIONS)
        out = []
        for entry in sorted(history, key=lambda h: h["version"]):
            at = datetime.fromtimestamp(entry["timestamp"] / 1000, tz=timezone.utc)
            out.append((at, pl.read_delta(str(path), version=entry["version"])))
        return out


Execute = Callable[[str], tuple[Sequence[tuple[str, str]], Sequence[Sequence[Any]]]]
"""``execute(sql) -> (columns, rows)``: columns as (name, type text) from the result manifest, rows of text."""


class UnityCatalogStages:
    """Stage tables in ``<catalog>.<schema>`` read through ``execute(sql) -> (columns, rows)``."""

    def __init__(self, execute: Execute, catalog: str, schema: str):
        for part, what in ((catalog, "catalog"), (schema, "schema")):
            if not _NAME.match(part):
                raise ValueError(f"dashboard stage tables: {what} {part!r} is not a plain identifier")
        self.execute, self.prefix = execute, f"`{catalog}`.`{schema}`"

    def _query(self, sql: str) -> pl.DataFrame | None:
        try:
            columns, rows = self.execute(sql)
        except Exception as exc:  # noqa: BLE001 - a missing table is reported by the warehouse as an error
            if "TABLE_OR_VIEW_NOT_FOUND" in str(exc):
                return None
            raise
        return result_frame(columns, rows)

    def table(self, asset: str) -> pl.DataFrame | None:
        if not _NAME.match(asset):
            raise ValueError(f"stage table name {asset!r} is not a plain identifier")
        return self._query(f"SELECT * FROM {self.prefix}.`{asset}`")

    def versions(self, asset: str) -> list[tuple[datetime, pl.DataFrame]]:
        """The states g2l published, from ``<asset>_history`` in one query (reading Delta versions one by one
        would take a statement each), grouped by when they were published."""
        if not _NAME.match(asset):
            raise ValueError(f"stage table name {asset!r} is not a plain identifier")
        history = self._query(f"SELECT * FROM {self.prefix}.`{asset}{HISTORY_SUFFIX}`")
        if history is None or PUBLISHED_AT not in history.columns:
            return []
        groups = history.drop_nulls(PUBLISHED_AT).partition_by(PUBLISHED_AT, as_dict=True, maintain_order=True)
        return [(at, rows.drop(PUBLISHED_AT)) for (at,), rows in sorted(groups.items())][-MAX_VERSIONS:]


def sdk_execute(warehouse_id: str) -> Execute:
    """``execute`` through databricks-sdk with the App's own credentials (DATABRICKS_HOST and client id).
    Results are read as JSON_ARRAY, typed by the manifest's column types."""
    from databricks.sdk import WorkspaceClient
    from databricks.sdk.service.sql import Disposition, Format, StatementState

    client = WorkspaceClient()

    def execute(sql: str):
        resp = client.statement_execution.execute_statement(
            statement=sql, warehouse_id=warehouse_id, wait_timeout="50s", disposition=Disposition.INLINE,
            format=Format.JSON_ARRAY)
        while resp.status and resp.status.state in (StatementState.PENDING, StatementState.RUNNING):
            resp = client.statement_execution.get_statement(resp.statement_id)
        if resp.status is None or resp.status.state != StatementState.SUCCEEDED:
            error = resp.status.error if resp.status else None
            raise RuntimeError(f"{sql[:80]}: {getattr(error, 'error_code', '')} {getattr(error, 'message', '')}")
        schema = resp.manifest.schema if resp.manifest else None
        columns = [(c.name, c.type_text or (c.type_name.value if c.type_name else "STRING"))
                   for c in (schema.columns or [])] if schema else []
        return columns, (resp.result.data_array or []) if resp.result else []

    return execute


def reader_from_environment(environ: dict[str, str]) -> StageReader:
    """``G2L_STAGES`` (a folder) for a local home; ``G2L_STAGES_CATALOG``/``G2L_STAGES_SCHEMA`` with
    ``DATABRICKS_WAREHOUSE_ID`` inside a Databricks App."""
    if environ.get("G2L_STAGES"):
        return LocalStages(Path(environ["G2L_STAGES"]))
    if environ.get("G2L_STAGES_CATALOG") and environ.get("DATABRICKS_WAREHOUSE_ID"):
        return UnityCatalogStages(sdk_execute(environ["DATABRICKS_WAREHOUSE_ID"]), environ["G2L_STAGES_CATALOG"],
                                  environ.get("G2L_STAGES_SCHEMA", "g2l_stages"))
    raise ValueError("the dashboard needs G2L_STAGES (a stage-table folder) or G2L_STAGES_CATALOG and "
                     "DATABRICKS_WAREHOUSE_ID (Unity Catalog)")
