"""The stage-table IO manager: one Delta table per stage, one ``project`` partition per migration project.

Writing is g2l's own type handler (a subclass of dagster-deltalake-polars'): it replaces the run's
partition only, lets a stage table gain columns (``schema_mode="merge"``), tags each commit with the
partition it wrote (``g2l_core.stages.tables.PARTITION_KEY``, which is how a stage's previous rows are
found), and reports the partition's size and row count from deltalake's add actions. Reading is the
library's.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import dagster as dg
import pyarrow as pa
import pyarrow.compute as pc
from dagster_deltalake import LocalConfig
from dagster_deltalake_polars import DeltaLakePolarsIOManager, DeltaLakePolarsTypeHandler
from deltalake import CommitProperties, DeltaTable, write_deltalake

from g2l_core.stages.tables import PARTITION_KEY


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


class StageTypeHandler(DeltaLakePolarsTypeHandler):
    def handle_output(self, context: dg.OutputContext, table_slice, obj, connection) -> None:
        reader, delta_params = self.to_arrow(obj=obj)
        dims = list(table_slice.partition_dimensions or [])
        columns = [d.partition_expr for d in dims] or None
        predicate = " AND ".join(f"{d.partition_expr} IN ({', '.join(_literal(str(k)) for k in d.partitions)})"
                                 for d in dims) or None
        exists = DeltaTable.is_deltatable(connection.table_uri, storage_options=connection.storage_options)
        keys = sorted({str(k) for d in dims for k in d.partitions})
        write_deltalake(
            connection.table_uri, reader, storage_options=connection.storage_options, mode="overwrite",
            partition_by=columns, predicate=predicate if exists else None,
            schema_mode=("merge" if predicate else "overwrite") if exists else None,
            commit_properties=CommitProperties(custom_metadata={PARTITION_KEY: ",".join(keys)}) if keys else None,
            **delta_params,
        )
        context.add_output_metadata({
            "table_uri": connection.table_uri,
            **_partition_stats(DeltaTable(connection.table_uri, storage_options=connection.storage_options), dims),
        })


def _partition_stats(dt: DeltaTable, dims) -> dict:
    actions = pa.table(dt.get_add_actions(flatten=True))
    for d in dims:
        column = f"partition.{d.partition_expr}"
        if column in actions.column_names:
            actions = actions.filter(pc.is_in(actions[column], pa.array([str(k) for k in d.partitions])))
    return {
        "size_bytes": dg.MetadataValue.int(int(pc.sum(actions["size_bytes"]).as_py() or 0)),
        "num_rows": dg.MetadataValue.int(int(pc.sum(actions["num_records"]).as_py() or 0)),
    }


class StageIOManager(DeltaLakePolarsIOManager):
    @staticmethod
    def type_handlers() -> Sequence:
        return [StageTypeHandler()]


def stage_io_manager(home: Path) -> StageIOManager:
    """Stage tables under ``<home>/stages/<asset>``, one ``project`` partition per migration project."""
    return StageIOManager(root_uri=str(home), storage_options=LocalConfig(), schema="stages")
