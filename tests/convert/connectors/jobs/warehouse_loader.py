"""Loads curated tables into the warehouse (library module shared by several jobs)."""
from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame


class WarehouseLoader:
    def __init__(self, glue_context: GlueContext, connection: str, tmp_dir: str):
        self.glue_context = glue_context
        self.connection = connection
        self.tmp_dir = tmp_dir

    def upsert(self, df, table: str, key: str):
        staging = f"{table}_staging"
        # merge the staging table into the target after the COPY
        post = (
            f"BEGIN; DELETE FROM {table} USING {staging} WHERE {table}.{key} = {staging}.{key}; "
            f"INSERT INTO {table} SELECT * FROM {staging}; DROP TABLE {staging}; END;"
        )
        frame = DynamicFrame.fromDF(df, self.glue_context, "frame")
        self.glue_context.write_dynamic_frame.from_jdbc_conf(
            frame=frame,
            catalog_connection=self.connection,
            connection_options={
                "dbtable": staging,
                "database": "warehouse",
                "preactions": f"CREATE TABLE IF NOT EXISTS {staging} (LIKE {table});",
                "postactions": post,
            },
            redshift_tmp_dir=self.tmp_dir,
        )

    def append_audit(self, df):
        self.glue_context.write_dynamic_frame.from_options(
            frame=DynamicFrame.fromDF(df, self.glue_context, "audit"),
            connection_type="mysql",
            connection_options={"connectionName": "audit-mysql", "useConnectionProperties": "true",
                                "dbtable": "etl_audit"},
        )
