"""Extra DynamicFrame methods attached at import time (custom transform style)."""
from awsglue.dynamicframe import DynamicFrame
from pyspark.sql import functions as F


def with_ingest_date(self, column="ingest_date"):
    df = self.toDF().withColumn(column, F.current_date())
    return DynamicFrame.fromDF(df, self.glue_ctx, self.name + "_dated")


def dedupe(self, keys):
    """Latest record per key, by `updated_at`."""
    df = self.toDF().orderBy(F.col("updated_at").desc()).dropDuplicates(keys)
    return DynamicFrame.fromDF(df, self.glue_ctx, self.name + "_dedup")


DynamicFrame.with_ingest_date = with_ingest_date
DynamicFrame.dedupe = dedupe
