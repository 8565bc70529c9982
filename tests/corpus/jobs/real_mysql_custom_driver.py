import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext, SparkConf
from awsglue.context import GlueContext
from awsglue.job import Job

sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session

args = getResolvedOptions(sys.argv, [
                          'tablename', 'dbuser', 'dbpassword', 'dburl', 'driverpath', 'outputpath'])
## JDBC options for a MySQL 8 source with its own driver jar
mysql_options = {
    "url": args['dburl'],
    "dbtable": args['tablename'],
    "user": args['dbuser'],
    "password": args['dbpassword'],
    "customJdbcDriverS3Path": args['driverpath'] + "mysql-connector-j-8.0.33.jar",
    "customJdbcDriverClassName": "com.mysql.cj.jdbc.Driver"}

# Read the table
source = glueContext.create_dynamic_frame.from_options(
    connection_type="mysql", connection_options=mysql_options)

# Write to S3
writer = glueContext.write_dynamic_frame.from_options(frame=source, connection_type="s3", connection_options={
                                                      "path": args['outputpath'] + args['tablename']}, format="parquet")
