"""Export job with optional arguments read one by one, falling back when Glue reports them missing."""

import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import GlueArgumentError, getResolvedOptions
from pyspark.context import SparkContext

OPTIONAL_DEFAULTS = {"country": None, "min_amount": "0"}


def read_arguments() -> dict:
    try:
        args = getResolvedOptions(sys.argv, ["JOB_NAME", "target_path"])
    except GlueArgumentError as exc:
        print(f"missing a required argument: {exc}")
        sys.exit(1)
    for name, default in OPTIONAL_DEFAULTS.items():
        try:
            args.update(getResolvedOptions(sys.argv, [name]))
        except GlueArgumentError:
            args[name] = default
    return args


args = read_arguments()
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

sales = glueContext.create_dynamic_frame.from_catalog(database="finance", table_name="sales").toDF()
if args["country"]:
    sales = sales.where(sales.country == args["country"])
sales = sales.where(sales.amount >= float(args["min_amount"]))
sales.write.mode("overwrite").parquet(args["target_path"])
job.commit()
