import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.transforms import ApplyMapping, SelectFromCollection
from awsglue.utils import getResolvedOptions
from awsgluedq.transforms import EvaluateDataQuality
from pyspark.context import SparkContext

import gs_flatten

SOURCE_PATH = "s3://budget-open-data/raw/accounts/accounts.json"
TARGET_PATH = "s3://budget-open-data/clean/accounts/"

RULESET = """
Rules = [
  RowCount > 0,
  IsComplete "account_id",
  ColumnValues "account_id" >= 0
]
"""


def build_job():
    """Contexts and the Glue job, initialised."""
    args = getResolvedOptions(sys.argv, ["JOB_NAME"])
    glue_context = GlueContext(SparkContext())
    job = Job(glue_context)
    job.init(args["JOB_NAME"], args)
    return glue_context, job


def main():
    glue_context, job = build_job()

    # the API answers with a JSON document holding the records under "value"
    source = glue_context.create_dynamic_frame.from_options(
        connection_type="s3",
        format="json",
        format_options={"jsonPath": "$.value[*]", "multiLine": "true"},
        connection_options={"paths": [SOURCE_PATH], "recurse": True},
        transformation_ctx="source",
    )
    flat = source.gs_flatten()
    mapped = ApplyMapping.apply(
        frame=flat,
        mappings=[
            ("account_id", "int", "account_id", "int"),
            ("`owner.name`", "string", "owner_name", "string"),
            ("`owner.unit.code`", "string", "unit_code", "string"),
        ],
        transformation_ctx="mapped",
    )
    checked = EvaluateDataQuality().process_rows(
        frame=mapped,
        ruleset=RULESET,
        publishing_options={"dataQualityEvaluationContext": "accounts_checks", "enableDataQualityResultsPublishing": True},
        additional_options={"performanceTuning.caching": "CACHE_NOTHING", "observations.scope": "NONE"},
    )
    original = SelectFromCollection.apply(dfc=checked, key="originalData", transformation_ctx="original")
    glue_context.write_dynamic_frame.from_options(
        frame=original,
        connection_type="s3",
        format="glueparquet",
        connection_options={"path": TARGET_PATH, "partitionKeys": []},
        format_options={"compression": "snappy"},
        transformation_ctx="target",
    )
    job.commit()


if __name__ == "__main__":
    main()
