import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "load_date"])
sc = SparkContext()
glueContext = GlueContext(sc)
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Oracle via the catalog connection; sampleQuery pushes the filter down
claims = glueContext.create_dynamic_frame.from_options(
    connection_type="oracle",
    connection_options={
        "useConnectionProperties": "true",
        "connectionName": "claims-oracle",
        "dbtable": "CLAIMS.CLAIM_HEADER",
        "sampleQuery": f"SELECT * FROM CLAIMS.CLAIM_HEADER WHERE LOAD_DT = DATE '{args['load_date']}'",
        "enablePartitioningForSampleQuery": True,
        "hashfield": "CLAIM_ID",
    },
)
claims.toDF().write.mode("overwrite").parquet(f"s3://claims-lake/header/load_date={args['load_date']}/")
job.commit()
