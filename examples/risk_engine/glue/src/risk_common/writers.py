"""Write helpers. Everything we publish is parquet in the data lake and registered in the Glue catalog."""

from risk_common.config import PARTITION_KEY


def sink_to_catalog(glue_context, frame, database, table_name, path, transformation_ctx, partition_keys=None):
    """Write through a catalog-updating sink so new partitions (and new columns) show up in Athena at once."""
    sink = glue_context.getSink(
        connection_type="s3",
        path=path,
        enableUpdateCatalog=True,
        updateBehavior="UPDATE_IN_DATABASE",
        partitionKeys=partition_keys or [PARTITION_KEY],
        transformation_ctx=transformation_ctx,
    )
    sink.setFormat("glueparquet")
    sink.setCatalogInfo(catalogDatabase=database, catalogTableName=table_name)
    sink.writeFrame(frame)


def write_partitioned_parquet(glue_context, frame, path, transformation_ctx, partition_keys=None):
    # Plain S3 write: the table is registered by DDL and partitions are picked up by MSCK REPAIR in Athena
    glue_context.write_dynamic_frame.from_options(
        frame=frame,
        connection_type="s3",
        connection_options={"path": path, "partitionKeys": partition_keys or [PARTITION_KEY]},
        format="parquet",
        transformation_ctx=transformation_ctx,
    )


def append_to_catalog(glue_context, frame, database, table_name, transformation_ctx):
    """Append to an existing catalog table; format, location and partitioning come from the table definition."""
    glue_context.write_dynamic_frame.from_catalog(
        frame=frame,
        database=database,
        table_name=table_name,
        transformation_ctx=transformation_ctx,
    )
