import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "db_user", "db_password"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# the shop's operational MySQL (RDS); credentials arrive as job parameters
connection_mysql_options = {
    "url": "jdbc:mysql://shop-db.cluster-abc.eu-west-1.rds.amazonaws.com:3306/shop",
    "dbtable": "orders",
    "user": args["db_user"],
    "password": args["db_password"],
    "customJdbcDriverS3Path": "s3://shop-artifacts/drivers/mysql-connector-j-8.0.33.jar",
    "customJdbcDriverClassName": "com.mysql.cj.jdbc.Driver",
    "hashfield": "order_id",
    "hashpartitions": "8",
}
orders = glueContext.create_dynamic_frame.from_options(
    connection_type="mysql", connection_options=connection_mysql_options, transformation_ctx="orders"
)
glueContext.write_dynamic_frame.from_options(
    frame=orders,
    connection_type="s3",
    connection_options={"path": "s3://shop-lake/bronze/orders/"},
    format="parquet",
)
job.commit()
