"""DynamicFrame helpers registered with setattr so jobs can chain them: frame.add_audit_columns()."""
from awsglue.dynamicframe import DynamicFrame
from pyspark.sql import functions as F

AUDIT_USER = "etl"


def add_audit_columns(self, source_system):
    df = self.toDF()
    df = df.withColumn("_loaded_at", F.current_timestamp()).withColumn("_source", F.lit(source_system))
    return DynamicFrame.fromDF(df, self.glue_ctx, "audited")


def only_current(self, flag_column="is_current"):
    return self.filter(f=lambda row: row[flag_column] == "Y")


def as_sql_view(self, view_name):
    # lets SQL-minded colleagues query the frame
    self.toDF().createOrReplaceTempView(view_name)
    return self.glue_ctx.spark_session.table(view_name)


setattr(DynamicFrame, "add_audit_columns", add_audit_columns)
setattr(DynamicFrame, "only_current", only_current)
setattr(DynamicFrame, "as_sql_view", as_sql_view)
