import sys
import boto3
from awsglue.utils import getResolvedOptions
from awsglue.context import GlueContext
from awsglue.transforms import *
from awsglue.job import Job
from pyspark.context import SparkContext

glue = boto3.client("glue")
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
args = getResolvedOptions(sys.argv, ["JOB_NAME", "export_bucket"])
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

export_bucket = args["export_bucket"]

try:
    # Script generated for node Warranty Claims
    WarrantyClaims_node1 = glueContext.create_dynamic_frame.from_options(
        connection_type="dynamodb",
        connection_options={
            "dynamodb.export": "ddb",
            "dynamodb.tableArn": "arn:aws:dynamodb:eu-west-1:111122223333:table/warranty-claims",
            "dynamodb.s3.bucket": export_bucket,
            "dynamodb.s3.prefix": "exports/warranty/",
            "dynamodb.unnestDDBJson": True,
        },
        transformation_ctx="WarrantyClaims_node1",
    )

    def sparkSqlQuery(glueContext, query, mapping, transformation_ctx) -> DynamicFrame:
        for alias, frame in mapping.items():
            frame.toDF().createOrReplaceTempView(alias)
        result = spark.sql(query)
        return DynamicFrame.fromDF(result, glueContext, transformation_ctx)

    OpenClaims_query = """
        select claim_id, product_sku, opened_at
        from claims
        where status = 'OPEN'
    """
    OpenClaims_node2 = sparkSqlQuery(
        glueContext,
        query=OpenClaims_query,
        mapping={"claims": WarrantyClaims_node1},
        transformation_ctx="OpenClaims_node2",
    )

    # Script generated for node Claims Parquet
    ClaimsParquet_node3 = glueContext.write_dynamic_frame.from_options(
        frame=OpenClaims_node2,
        connection_type="s3",
        format="glueparquet",
        connection_options={"path": f"s3://{export_bucket}/curated/open_claims/", "partitionKeys": []},
        format_options={"compression": "snappy"},
        transformation_ctx="ClaimsParquet_node3",
    )
except Exception as exc:
    print(f"warranty export failed: {exc}")
    raise
job.commit()
