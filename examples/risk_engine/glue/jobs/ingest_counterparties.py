"""Curate the counterparty master from the onboarding system's JSON export.

risk_raw.counterparties is a JSON SerDe table over s3://risk-data-lake/raw/counterparties/.
Output: risk_curated.counterparties (flat, parquet) used by exposures and limit checks.
"""

import sys

from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job

from risk_common.transforms import map_counterparties

args = getResolvedOptions(sys.argv, ["JOB_NAME"])

sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

counterparties_raw = glueContext.create_dynamic_frame.from_catalog(
    database="risk_raw",
    table_name="counterparties",
    transformation_ctx="counterparties_raw",
)

# Flatten the rating struct (rating.grade / rating.agency) and type the onboarding date
flat = map_counterparties(counterparties_raw)
flat = RenameField.apply(frame=flat, old_name="legal_name", new_name="counterparty_name")

# Rating bucket drives the PFE add-on downstream. Kept in SQL so Credit Risk can read it.
flat.toDF().createOrReplaceTempView("counterparties_flat")
bucketed_df = spark.sql(
    """
    SELECT counterparty_id,
           counterparty_name,
           upper(country_code) AS country_code,
           sector,
           rating_grade,
           rating_agency,
           parent_id,
           onboarded_date,
           CASE
               WHEN rating_grade IN ('AAA', 'AA+', 'AA', 'AA-', 'A+', 'A', 'A-', 'BBB+', 'BBB', 'BBB-') THEN 'IG'
               WHEN rating_grade IS NULL OR rating_grade = 'NR' THEN 'NR'
               ELSE 'HY'
           END AS rating_bucket
    FROM counterparties_flat
    WHERE counterparty_id IS NOT NULL
    """
)
bucketed = DynamicFrame.fromDF(bucketed_df, glueContext, "counterparties_bucketed")
bucketed = DropNullFields.apply(frame=bucketed, transformation_ctx="drop_null_counterparty_fields")

# NOTE: from_catalog appends. The table is emptied by the weekly housekeeping job before the full reload.
glueContext.write_dynamic_frame.from_catalog(
    frame=bucketed,
    database="risk_curated",
    table_name="counterparties",
    transformation_ctx="write_curated_counterparties",
)

job.commit()
