"""Custom Glue transform written as a class, registered on DynamicFrame by the job."""
from awsglue.dynamicframe import DynamicFrame
from pyspark.sql import functions as F


class StandardizeCurrency:
    """Convert `amount` in `currency` to EUR using a rates frame."""

    def __init__(self, glue_ctx, rates_frame):
        self.glue_ctx = glue_ctx
        self.rates = rates_frame.toDF()

    def __call__(self, frame: DynamicFrame) -> DynamicFrame:
        df = frame.toDF().join(F.broadcast(self.rates), "currency", "left")
        df = df.withColumn("amount_eur", F.round(F.col("amount") / F.col("rate"), 2)).drop("rate")
        return DynamicFrame.fromDF(df, self.glue_ctx, "standardized")


def register(glue_ctx, rates_frame):
    transform = StandardizeCurrency(glue_ctx, rates_frame)
    DynamicFrame.to_eur = lambda self: transform(self)
    return transform
