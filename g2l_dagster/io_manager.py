"""The stage-table IO manager: Delta tables written by dagster-deltalake-polars.

dagster-deltalake 0.29 reads a table's add actions as a pyarrow RecordBatch with partition values under
their column names to report size and row statistics; deltalake 1.x returns an arro3 table with
``partition.<column>`` names, so every materialization logged "error while computing table stats".
``_arrow_add_actions`` hands the handler what it expects (through the Arrow C stream interface);
nothing else of the library is touched.
"""

from pathlib import Path

import pyarrow as pa
from dagster_deltalake import LocalConfig
from dagster_deltalake import handler as _handler
from dagster_deltalake_polars import DeltaLakePolarsIOManager

_partition_stats = _handler._get_partition_stats


class _RecordBatchActions:
    def __init__(self, table):
        self._table = table

    def get_add_actions(self, flatten: bool = False) -> pa.RecordBatch:
        actions = pa.table(self._table.get_add_actions(flatten=flatten)).combine_chunks()
        for name in actions.column_names:
            if name.startswith("partition.") and name[len("partition."):] not in actions.column_names:
                actions = actions.append_column(name[len("partition."):], actions.column(name))
        batches = actions.to_batches()
        return batches[0] if batches else pa.RecordBatch.from_pylist([], schema=actions.schema)

    def __getattr__(self, name):
        return getattr(self._table, name)


def _arrow_add_actions(dt, table_slice=None):
    return _partition_stats(_RecordBatchActions(dt), table_slice)


if getattr(_handler._get_partition_stats, "__name__", "") != "_arrow_add_actions":
    _handler._get_partition_stats = _arrow_add_actions


def stage_io_manager(home: Path) -> DeltaLakePolarsIOManager:
    """Stage tables under ``<home>/stages/<asset>``, one ``project`` partition per migration project."""
    return DeltaLakePolarsIOManager(root_uri=str(home), storage_options=LocalConfig(), schema="stages")
