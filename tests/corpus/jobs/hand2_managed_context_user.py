"""Job script built on the shared EtlJob class: the context manager hands out the GlueContext."""

from dataclasses import dataclass

from awsglue.dynamicframe import DynamicFrame
from pyspark.sql import functions as F

from platform_lib.etl_job import EtlJob, JobOptions


@dataclass
class Options(JobOptions):
    run_date: str


def main() -> None:
    job = EtlJob(options_cls=Options)
    with job.managed_glue_context() as glue_context:
        orders = glue_context.create_dynamic_frame.from_catalog(
            database="sales", table_name=job.options.source_table
        )
        daily = orders.toDF().where(F.col("order_date") == job.options.run_date)
        out = DynamicFrame.fromDF(daily, glue_context, "daily")
        glue_context.write_dynamic_frame.from_options(
            frame=out,
            connection_type="s3",
            connection_options={"path": job.options.target_path},
            format="parquet",
        )


if __name__ == "__main__":
    main()
