"""Log ingest: arguments list edited over time, a JSON payload unboxed then selected inside fromDF."""
import sys

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
from awsglue.transforms import Unbox
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F

args = getResolvedOptions(sys.argv,
                          ['JOB_NAME',
                           'audit_db',
                           # 'audit_table_v1',  replaced by the partitioned table
                           'audit_table',
                           'out_path'])

sc = SparkContext()
glueContext = GlueContext(sc)
job = Job(glueContext)
job.init(args['JOB_NAME'], args)

audit = glueContext.create_dynamic_frame.from_catalog(
    database=args['audit_db'],
    table_name=args['audit_table'],
    # transformation_ctx="audit",  off while the replay runs
)

flat = DynamicFrame.fromDF(
    Unbox.apply(frame=audit, path="detail", format="json").toDF()
    .select(F.col("detail.*"), F.col("received_at")), glueContext, "flat")

glueContext.write_dynamic_frame.from_options(frame=flat, connection_type="s3",
                                             connection_options={"path": args['out_path']}, format="json")
job.commit()
