import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

## @params: [JOB_NAME]
args = getResolvedOptions(sys.argv, ['JOB_NAME'])

sc = SparkContext.getOrCreate()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args['JOB_NAME'], args)

branches = glueContext.create_dynamic_frame.from_catalog(
    database="s3_reference_data",
    table_name="branch_xml"
)

# the branch table is replaced wholesale every night
branch_load = glueContext.write_dynamic_frame.from_jdbc_conf(
    frame = branches,
    catalog_connection = "Retail Branches DB",
    connection_options = {
        "dbtable": "ref.branch",
        "preactions": "TRUNCATE TABLE ref.branch"
    },
    transformation_ctx = "branch_load"
)

job.commit()
