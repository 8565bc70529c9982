import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from pyspark.conf import SparkConf

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
conf = SparkConf()
conf.set("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
conf.set("spark.sql.catalog.glue_catalog", "org.apache.iceberg.spark.SparkCatalog")
conf.set("spark.sql.catalog.glue_catalog.warehouse", "s3://fleet-lake/warehouse/")
conf.set("spark.sql.catalog.glue_catalog.catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog")
conf.set("spark.sql.catalog.glue_catalog.io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
sc = SparkContext.getOrCreate(conf=conf)
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Telemetry
Telemetry_node1 = glueContext.create_dynamic_frame.from_options(
    format_options={"multiline": False},
    connection_type="s3",
    format="json",
    connection_options={"paths": ["s3://fleet-landing/telemetry/"], "recurse": True},
    transformation_ctx="Telemetry_node1",
)

# Script generated for node Change Schema
ChangeSchema_node2 = ApplyMapping.apply(
    frame=Telemetry_node1,
    mappings=[
        ("vehicle.vin", "string", "vin", "string"),
        ("vehicle.model", "string", "model", "string"),
        ("reading.speed_kph", "double", "speed_kph", "double"),
        ("reading.ts", "string", "reading_ts", "timestamp"),
    ],
    transformation_ctx="ChangeSchema_node2",
)

# Script generated for node Telemetry Iceberg
additional_options = {"write.parquet.compression-codec": "gzip"}
tables_collection = spark.catalog.listTables("fleet")
table_names_in_db = [table.name for table in tables_collection]
table_exists = "telemetry" in table_names_in_db
if table_exists:
    TelemetryIceberg_node3_df = ChangeSchema_node2.toDF()
    TelemetryIceberg_node3_df.writeTo("glue_catalog.fleet.telemetry").tableProperty(
        "format-version", "2"
    ).tableProperty("location", "s3://fleet-lake/warehouse/fleet/telemetry").options(
        **additional_options
    ).append()
else:
    TelemetryIceberg_node3_df = ChangeSchema_node2.toDF()
    TelemetryIceberg_node3_df.writeTo("glue_catalog.fleet.telemetry").tableProperty(
        "format-version", "2"
    ).tableProperty("location", "s3://fleet-lake/warehouse/fleet/telemetry").options(
        **additional_options
    ).create()

# Script generated for node Vehicles Iceberg
Vehicles_node4 = glueContext.write_dynamic_frame.from_catalog(
    frame=ChangeSchema_node2,
    database="fleet",
    table_name="vehicles_iceberg",
    additional_options={"write.parquet.compression-codec": "snappy"},
    transformation_ctx="Vehicles_node4",
)

job.commit()
