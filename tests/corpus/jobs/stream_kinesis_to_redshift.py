import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue import DynamicFrame

args = getResolvedOptions(sys.argv, ["JOB_NAME", "TempDir"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Admissions stream
dataframe_Admissions_node1 = glueContext.create_data_frame.from_catalog(
    database="admissions",
    table_name="admissions_stream",
    additional_options={"startingPosition": "latest", "inferSchema": "false"},
    transformation_ctx="dataframe_Admissions_node1",
)


def processBatch(data_frame, batchId):
    if data_frame.count() > 0:
        Admissions_node1 = DynamicFrame.fromDF(data_frame, glueContext, "from_data_frame")
        # Script generated for node Change Schema
        ChangeSchema_node2 = ApplyMapping.apply(
            frame=Admissions_node1,
            mappings=[("admit", "string", "admit", "double"), ("gre", "string", "gre", "int"), ("gpa", "string", "gpa", "double"), ("rank", "string", "rank", "double")],
            transformation_ctx="ChangeSchema_node2",
        )
        # Script generated for node Redshift
        Redshift_node3 = glueContext.write_dynamic_frame.from_options(
            frame=ChangeSchema_node2,
            connection_type="redshift",
            connection_options={
                "redshiftTmpDir": args["TempDir"],
                "useConnectionProperties": "true",
                "dbtable": "public.admissions",
                "connectionName": "redshift-admissions",
                "preactions": "CREATE TABLE IF NOT EXISTS public.admissions (admit FLOAT8, gre INTEGER, gpa FLOAT8, rank FLOAT8);",
            },
            transformation_ctx="Redshift_node3",
        )


glueContext.forEachBatch(
    frame=dataframe_Admissions_node1,
    batch_function=processBatch,
    options={"windowSize": "100 seconds", "checkpointLocation": args["TempDir"] + "/" + args["JOB_NAME"] + "/checkpoint/"},
)
job.commit()
