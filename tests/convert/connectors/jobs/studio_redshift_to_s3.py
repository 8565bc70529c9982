import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Amazon Redshift
AmazonRedshift_node1712 = glueContext.create_dynamic_frame.from_options(
    connection_type="redshift",
    connection_options={
        "redshiftTmpDir": "s3://aws-glue-assets-111122223333-eu-west-1/temporary/",
        "useConnectionProperties": "true",
        "dbtable": "finance.invoices",
        "connectionName": "Redshift finance cluster",
    },
    transformation_ctx="AmazonRedshift_node1712",
)

# Script generated for node Change Schema
ChangeSchema_node1713 = ApplyMapping.apply(
    frame=AmazonRedshift_node1712,
    mappings=[
        ("invoice_id", "long", "invoice_id", "long"),
        ("amount", "decimal", "amount", "decimal"),
        ("issued_at", "timestamp", "issued_at", "timestamp"),
    ],
    transformation_ctx="ChangeSchema_node1713",
)

# Script generated for node Amazon S3
AmazonS3_node1714 = glueContext.write_dynamic_frame.from_options(
    frame=ChangeSchema_node1713,
    connection_type="s3",
    format="glueparquet",
    connection_options={"path": "s3://finance-lake/invoices/", "partitionKeys": []},
    format_options={"compression": "snappy"},
    transformation_ctx="AmazonS3_node1714",
)

job.commit()
