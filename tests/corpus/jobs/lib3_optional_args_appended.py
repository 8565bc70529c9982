"""Shared argument handling of the fleet telemetry jobs: optional flags join the list when passed."""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

REQUIRED = ["JOB_NAME", "telemetry_table", "report_path"]
OPTIONAL = ["vehicle_filter", "max_days"]

for flag in OPTIONAL:
    if f"--{flag}" in sys.argv:
        REQUIRED.append(flag)


class TelemetryRun:
    def __init__(self):
        self.args = getResolvedOptions(sys.argv, REQUIRED)
        self.glue_context = GlueContext(SparkContext.getOrCreate())
        self.job = Job(self.glue_context)
        self.job.init(self.args["JOB_NAME"], self.args)

    def run(self):
        readings = self.glue_context.create_dynamic_frame.from_catalog(
            database="fleet", table_name=self.args["telemetry_table"]
        ).toDF()
        if self.args.get("vehicle_filter"):
            readings = readings.filter(readings.vehicle_id == self.args["vehicle_filter"])
        readings.groupBy("vehicle_id").count().write.mode("overwrite").parquet(self.args["report_path"])
        self.job.commit()


if __name__ == "__main__":
    TelemetryRun().run()
