"""Writers; awsglue is imported inside the functions so the module imports without Glue."""


def write_to_catalog(glue_context, df, database, table, partition_keys=None):
    from awsglue.dynamicframe import DynamicFrame

    frame = DynamicFrame.fromDF(df, glue_context, f"{database}_{table}")
    sink = glue_context.getSink(
        connection_type="s3",
        path=f"s3://analytics-warehouse/{database}/{table}/",
        enableUpdateCatalog=True,
        updateBehavior="UPDATE_IN_DATABASE",
        partitionKeys=partition_keys or [],
    )
    sink.setFormat("glueparquet")
    sink.setCatalogInfo(catalogDatabase=database, catalogTableName=table)
    sink.writeFrame(frame)


def write_csv_report(glue_context, df, path):
    """Single CSV file for the finance team."""
    from awsglue.dynamicframe import DynamicFrame

    glue_context.write_dynamic_frame.from_options(
        frame=DynamicFrame.fromDF(df.coalesce(1), glue_context, "report"),
        connection_type="s3",
        connection_options={"path": path},
        format="csv",
    )
