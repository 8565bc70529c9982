"""Thin reader/writer over the GlueContext used by every job of the platform."""

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame


class GlueIO:
    def __init__(self, glue_context: GlueContext, temp_dir=None):
        self.glue_context = glue_context
        self._temp_dir = temp_dir

    def read_catalog(self, database: str, table: str) -> DynamicFrame:
        return self.glue_context.create_dynamic_frame.from_catalog(
            database=database, table_name=table, redshift_tmp_dir=self._temp_dir)

    def read_pandas(self, database: str, table: str):
        return self.read_catalog(database, table).toDF().toPandas()

    def write_parquet(self, frame: DynamicFrame, path: str, partitions=None) -> None:
        self.glue_context.write_dynamic_frame.from_options(
            frame=frame,
            connection_type="s3",
            connection_options={"path": path, "partitionKeys": partitions or []},
            format="parquet",
        )

    def from_df(self, df, name: str) -> DynamicFrame:
        return DynamicFrame.fromDF(df, self.glue_context, name)
