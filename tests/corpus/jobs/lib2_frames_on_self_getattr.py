"""Loader that keeps every source frame as an attribute named after its table."""

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame


class SourceLoader:
    TABLES = ("accounts", "contacts", "opportunities")

    def __init__(self, glue_context: GlueContext, database: str):
        self.glue_context = glue_context
        self.database = database

    def load(self) -> None:
        for table in self.TABLES:
            frame = self.glue_context.create_dynamic_frame.from_catalog(database=self.database, table_name=table)
            setattr(self, table, frame)

    def frame(self, table: str) -> DynamicFrame:
        return getattr(self, table)

    def dataframe(self, table: str):
        return getattr(self, table).toDF()
