"""I/O helpers of the data platform package; callers pass the GlueContext under whatever name they like."""

from typing import Dict, List, Optional

from awsglue import DynamicFrame
from awsglue.context import GlueContext


def read_table(gc: GlueContext, database: str, table: str, predicate: Optional[str] = None) -> DynamicFrame:
    """Catalog read, with partition push-down when a predicate is given."""
    if predicate:
        return gc.create_dynamic_frame.from_catalog(database=database, table_name=table, push_down_predicate=predicate)
    return gc.create_dynamic_frame.from_catalog(database=database, table_name=table)


def read_csv(glue_ctx: GlueContext, paths: List[str], header: bool = True) -> DynamicFrame:
    return glue_ctx.create_dynamic_frame.from_options(
        connection_type="s3",
        connection_options={"paths": paths, "recurse": True},
        format="csv",
        format_options={"withHeader": header},
    )


def write_parquet(context: GlueContext, frame: DynamicFrame, path: str, partitions: List[str]) -> None:
    context.write_dynamic_frame.from_options(
        frame=frame,
        connection_type="s3",
        connection_options={"path": path, "partitionKeys": partitions},
        format="parquet",
    )


def counts(frames: Dict[str, DynamicFrame]) -> Dict[str, int]:
    return {name: frame.count() for name, frame in frames.items()}
