"""Reload helpers of the pricing pipeline: empty a catalog table before it is written again."""
from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame


class TableReloader:
    def __init__(self, glue_context: GlueContext, database: str):
        self.glue_context = glue_context
        self.database = database

    def empty(self, table: str) -> None:
        # Glue deletes the table's files; retention 0 keeps none
        self.glue_context.purge_table(self.database, table, options={"retentionPeriod": 0})

    def reload(self, table: str, frame: DynamicFrame) -> None:
        self.empty(table)
        self.glue_context.write_dynamic_frame.from_catalog(frame=frame, database=self.database, table_name=table)
