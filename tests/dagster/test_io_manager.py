import dagster as dg
import polars as pl

from g2l_dagster.io_manager import stage_io_manager
from g2l_dagster.partitions import glue_project


@dg.asset(partitions_def=glue_project, metadata={"partition_expr": "project"})
def rows(context: dg.AssetExecutionContext) -> pl.DataFrame:
    n = 3 if context.partition_key == "big" else 1
    return pl.DataFrame({"project": [context.partition_key] * n, "x": list(range(n))})


def test_partition_stats_reported_without_warnings(tmp_path):
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("glue_project", ["big", "small"])
        for key, expected in (("big", 3), ("small", 1), ("big", 3)):
            result = dg.materialize([rows], partition_key=key, instance=instance,
                                    resources={"io_manager": stage_io_manager(tmp_path)})
            meta = result.asset_materializations_for_node("rows")[0].metadata
            assert meta["num_rows"].value == expected  # this partition's rows, after a replace
            warnings = [e.message for e in result.all_events if "table stats" in (e.message or "")]
            assert warnings == []
    assert pl.read_delta(str(tmp_path / "stages" / "rows")).height == 4
