import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Trainer Landing
TrainerLanding_node1 = glueContext.create_dynamic_frame.from_options(
    format_options={"multiline": False},
    connection_type="s3",
    format="json",
    connection_options={
        "paths": ["s3://wearables-lake/step_trainer/landing/"],
        "recurse": True,
    },
    transformation_ctx="TrainerLanding_node1",
)

# Script generated for node Customers Curated
CustomersCurated_node2 = glueContext.create_dynamic_frame.from_catalog(
    database="wearables",
    table_name="customers_curated",
    transformation_ctx="CustomersCurated_node2",
)

# Script generated for node Renamed keys for Join
RenamedkeysforJoin_node3 = ApplyMapping.apply(
    frame=CustomersCurated_node2,
    mappings=[
        ("serialNumber", "string", "`(right) serialNumber`", "string"),
        ("birthDay", "string", "`(right) birthDay`", "string"),
        ("registrationDate", "long", "`(right) registrationDate`", "long"),
        ("email", "string", "`(right) email`", "string"),
        ("shareWithResearchAsOfDate", "long", "shareWithResearchAsOfDate", "bigint"),
    ],
    transformation_ctx="RenamedkeysforJoin_node3",
)

# Script generated for node Join
Join_node4 = Join.apply(
    frame1=TrainerLanding_node1,
    frame2=RenamedkeysforJoin_node3,
    keys1=["serialNumber"],
    keys2=["`(right) serialNumber`"],
    transformation_ctx="Join_node4",
)

# Script generated for node Drop Fields
DropFields_node5 = DropFields.apply(
    frame=Join_node4,
    paths=[
        "`(right) serialNumber`",
        "`(right) birthDay`",
        "`(right) registrationDate`",
        "`(right) email`",
        "shareWithResearchAsOfDate",
    ],
    transformation_ctx="DropFields_node5",
)

# Script generated for node Trainer Trusted
TrainerTrusted_node6 = glueContext.getSink(
    path="s3://wearables-lake/step_trainer/trusted/",
    connection_type="s3",
    updateBehavior="UPDATE_IN_DATABASE",
    partitionKeys=[],
    enableUpdateCatalog=True,
    transformation_ctx="TrainerTrusted_node6",
)
TrainerTrusted_node6.setCatalogInfo(
    catalogDatabase="wearables", catalogTableName="step_trainer_trusted"
)
TrainerTrusted_node6.setFormat("json")
TrainerTrusted_node6.writeFrame(DropFields_node5)
job.commit()
