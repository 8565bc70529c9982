"""Nightly inventory job: the shared base class (another module) owns the GlueContext and the Job."""
from common.base_job import BaseGlueJob
from pyspark.sql import functions as F


class InventoryJob(BaseGlueJob):
    def run(self):
        stock = self.glue_context.create_dynamic_frame.from_catalog(database="warehouse", table_name="stock")
        totals = stock.toDF().groupBy("sku").agg(F.sum("qty").alias("qty"))
        totals.write.mode("overwrite").saveAsTable("warehouse.stock_totals")
        self.job.commit()


if __name__ == "__main__":
    InventoryJob().run()
