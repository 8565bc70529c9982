"""Orders ETL as a class: the job keeps its Glue context and Spark session on the instance."""

import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext


class OrdersEtl:
    def __init__(self):
        params = ["JOB_NAME", "env"]
        self.args = getResolvedOptions(sys.argv, params)
        self.context = GlueContext(SparkContext.getOrCreate())
        self.spark = self.context.spark_session
        self.job = Job(self.context)
        self.job.init(self.args["JOB_NAME"], self.args)

    def extract(self):
        return self.context.create_dynamic_frame.from_catalog(
            database=f"orders_{self.args['env']}", table_name="raw"
        )

    def transform(self, frame):
        # cancelled orders never reach the clean table
        return frame.toDF().where("status <> 'cancelled'")

    def load(self, df):
        df.write.mode("append").saveAsTable(f"orders_{self.args['env']}.clean")

    def run(self):
        self.load(self.transform(self.extract()))
        self.job.commit()


if __name__ == "__main__":
    OrdersEtl().run()
