"""Type-2 history for dimension tables stored as parquet in S3."""
from awsglue.dynamicframe import DynamicFrame
from pyspark.sql import DataFrame
from pyspark.sql import functions as F


class Scd2Merger:
    def __init__(self, glue_context, database, table, keys):
        self.glue_context = glue_context
        self.spark = glue_context.spark_session
        self.database = database
        self.table = table
        self.keys = keys

    def current(self) -> DataFrame:
        dyf = self.glue_context.create_dynamic_frame.from_catalog(database=self.database, table_name=self.table)
        return dyf.toDF().filter(F.col("is_current"))

    def merge(self, changes: DataFrame) -> DataFrame:
        cur = self.current()
        joined = cur.join(changes, self.keys, "left_semi")
        # close the versions that changed
        closed = joined.withColumn("is_current", F.lit(False)).withColumn("valid_to", F.current_timestamp())
        opened = (changes.withColumn("is_current", F.lit(True))
                  .withColumn("valid_from", F.current_timestamp())
                  .withColumn("valid_to", F.lit(None).cast("timestamp")))
        return closed.unionByName(opened, allowMissingColumns=True)

    def write(self, df: DataFrame, path: str):
        self.glue_context.write_dynamic_frame.from_options(
            frame=DynamicFrame.fromDF(df, self.glue_context, "scd2"),
            connection_type="s3",
            connection_options={"path": path},
            format="parquet",
        )
