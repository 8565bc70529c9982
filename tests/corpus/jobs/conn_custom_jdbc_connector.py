import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# SAP HANA through a custom JDBC connector uploaded to Glue Studio
materials = glueContext.create_dynamic_frame.from_options(
    connection_type="custom.jdbc",
    connection_options={
        "connectionName": "hana-custom",
        "className": "com.sap.db.jdbc.Driver",
        "dbTable": "SAPHANADB.MARA",
        "filterPredicate": "MTART = 'FERT'",
        "partitionColumn": "MATNR",
        "lowerBound": "0",
        "upperBound": "999999",
        "numPartitions": "4",
    },
    transformation_ctx="materials",
)
materials.toDF().write.mode("overwrite").parquet("s3://erp-lake/mara/")
job.commit()
