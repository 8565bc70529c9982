import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue import DynamicFrame
from pyspark.sql import functions as SqlFuncs

args = getResolvedOptions(sys.argv, ['JOB_NAME'])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args['JOB_NAME'], args)

# Script generated for node Sensor readings
Sensorreadings_node1740000000001 = glueContext.create_dynamic_frame.from_options(format_options={"quoteChar": "\"", "withHeader": True, "separator": ","}, connection_type="s3", format="csv", connection_options={"paths": ["s3://plant-raw/readings/"], "recurse": True}, transformation_ctx="Sensorreadings_node1740000000001")

# Script generated for node Drop Duplicates
DropDuplicates_node1740000000002 = DynamicFrame.fromDF(Sensorreadings_node1740000000001.toDF().dropDuplicates(["sensor_id", "ts"]), glueContext, "DropDuplicates_node1740000000002")

# Script generated for node Fill Missing
FillMissing_node1740000000003 = DynamicFrame.fromDF(DropDuplicates_node1740000000002.toDF().na.fill({"unit": "C"}), glueContext, "FillMissing_node1740000000003")

# Script generated for node Limit
Limit_node1740000000004 = DynamicFrame.fromDF(FillMissing_node1740000000003.toDF().limit(10000), glueContext, "Limit_node1740000000004")

# Script generated for node Plant sensors
Plantsensors_node1740000000005 = glueContext.create_data_frame.from_catalog(database="plant", table_name="sensors")

# Script generated for node Join sensors
Limit_node1740000000004DF = Limit_node1740000000004.toDF()
Joinsensors_node1740000000006 = DynamicFrame.fromDF(Limit_node1740000000004DF.join(Plantsensors_node1740000000005, (Limit_node1740000000004DF['sensor_id'] == Plantsensors_node1740000000005['id']), "leftsemi"), glueContext, "Joinsensors_node1740000000006")

# Script generated for node Readings out
Readingsout_node1740000000007 = glueContext.write_dynamic_frame.from_options(frame=Joinsensors_node1740000000006, connection_type="s3", format="glueparquet", connection_options={"path": "s3://plant-curated/readings/", "partitionKeys": ["sensor_id"]}, format_options={"compression": "zstd"}, transformation_ctx="Readingsout_node1740000000007")

job.commit()
