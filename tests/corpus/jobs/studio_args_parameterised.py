#
# Generated with Glue Studio, then parameterised by hand for the three environments
#
import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ["JOB_NAME", "source_database", "source_table", "target_path"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Source table
Sourcetable_node1 = glueContext.create_dynamic_frame.from_catalog(
    database=args["source_database"],
    table_name=args["source_table"],
    transformation_ctx="Sourcetable_node1",
)

# Script generated for node Resolve choice
ResolveChoice_node2 = ResolveChoice.apply(
    frame=Sourcetable_node1,
    choice="make_struct",
    transformation_ctx="ResolveChoice_node2",
)

# Script generated for node Drop nulls
DropNullFields_node3 = DropNullFields.apply(
    frame=ResolveChoice_node2, transformation_ctx="DropNullFields_node3"
)

# Script generated for node Target
Target_node4 = glueContext.write_dynamic_frame.from_options(
    frame=DropNullFields_node3,
    connection_type="s3",
    format="parquet",
    connection_options={"path": args["target_path"], "partitionKeys": []},
    transformation_ctx="Target_node4",
)

job.commit()
