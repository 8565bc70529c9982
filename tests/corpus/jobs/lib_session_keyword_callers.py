"""Loaders used by several jobs; everything takes the GlueContext as `glue_ctx`."""
from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame


class CustomerLoader:
    def __init__(self, glue_ctx: GlueContext, database: str = "crm"):
        self.glue_ctx = glue_ctx
        self.database = database

    def load(self, table: str) -> DynamicFrame:
        return self.glue_ctx.create_dynamic_frame.from_catalog(database=self.database, table_name=table)

    def sql(self, query: str):
        return self.glue_ctx.spark_session.sql(query)


def customers(glue_ctx: GlueContext) -> DynamicFrame:
    loader = CustomerLoader(glue_ctx=glue_ctx)
    return loader.load("customers")


def active_customers(glue_ctx, since):
    frame = customers(glue_ctx=glue_ctx)
    return frame.toDF().where(f"last_seen >= '{since}'")
