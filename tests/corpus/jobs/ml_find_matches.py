"""Deduplicate customer records with a trained FindMatches ML transform."""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from awsglueml.transforms import FindMatches
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "transform_id"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

customers = glueContext.create_dynamic_frame.from_catalog(database="crm", table_name="customers_all_sources")
# the transform adds a match_id column; records with the same match_id are one customer
matched = FindMatches.apply(frame=customers, transformId=args["transform_id"], computeMatchConfidenceScores=True)
unique = matched.toDF().dropDuplicates(["match_id"])
unique.write.mode("overwrite").parquet("s3://crm-lake/customers_unique/")
job.commit()
