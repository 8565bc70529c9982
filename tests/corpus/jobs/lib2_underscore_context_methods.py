"""Catalog helpers calling the GlueContext's underscore-named methods."""

from awsglue.context import GlueContext


def read_catalog(gluecontext: GlueContext, database: str, table: str):
    return gluecontext.create_dynamic_frame_from_catalog(database=database, table_name=table)


def read_catalog_df(gluecontext: GlueContext, database: str, table: str):
    return gluecontext.create_data_frame_from_catalog(database=database, table_name=table)


def write_catalog(gluecontext: GlueContext, frame, database: str, table: str, partitions: list) -> None:
    gluecontext.write_dynamic_frame_from_catalog(
        frame=frame,
        database=database,
        table_name=table,
        additional_options={"enableUpdateCatalog": True, "partitionKeys": partitions},
    )


def write_json(gluecontext: GlueContext, frame, path: str) -> None:
    gluecontext.write_dynamic_frame_from_options(
        frame=frame, connection_type="s3", connection_options={"path": path}, format="json"
    )
