import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.dynamicframe import DynamicFrameCollection
from awsglue.dynamicframe import DynamicFrame


# Script generated for node Late deliveries
def LateDeliveries(glueContext, dfc) -> DynamicFrameCollection:
    spark = glueContext.spark_session
    logger = glueContext.get_logger()
    source = dfc.select(list(dfc.keys())[0]).toDF()
    source.createOrReplaceTempView("deliveries")
    late = spark.sql(
        "select order_id, carrier, datediff(delivered_at, promised_at) as days_late "
        "from deliveries where delivered_at > promised_at"
    )
    logger.info("late deliveries: %d" % late.count())
    late_dyf = DynamicFrame.fromDF(late, glueContext, "late")
    typed = late_dyf.resolveChoice(specs=[("days_late", "cast:int")])
    return DynamicFrameCollection({"late": typed}, glueContext)


args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Deliveries
Deliveries_node1 = glueContext.create_dynamic_frame.from_catalog(
    database="logistics", table_name="deliveries", transformation_ctx="Deliveries_node1"
)

# Script generated for node Late deliveries
Latedeliveries_node2 = LateDeliveries(
    glueContext, DynamicFrameCollection({"Deliveries_node1": Deliveries_node1}, glueContext)
)

# Script generated for node Select From Collection
SelectFromCollection_node3 = SelectFromCollection.apply(
    dfc=Latedeliveries_node2,
    key=list(Latedeliveries_node2.keys())[0],
    transformation_ctx="SelectFromCollection_node3",
)

# Script generated for node Late report
Latereport_node4 = glueContext.write_dynamic_frame.from_options(
    frame=SelectFromCollection_node3,
    connection_type="s3",
    format="csv",
    connection_options={"path": "s3://logistics-reports/late/", "partitionKeys": ["carrier"]},
    transformation_ctx="Latereport_node4",
)

job.commit()
