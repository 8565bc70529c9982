import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.dynamicframe import DynamicFrame

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Patients
Patients_node1 = glueContext.create_dynamic_frame.from_catalog(
    database="clinic", table_name="patients_json", transformation_ctx="Patients_node1"
)

# Script generated for node Change Schema
ChangeSchema_node2 = ApplyMapping.apply(
    frame=Patients_node1,
    mappings=[
        ("id", "string", "patient_id", "long"),
        ("name.first", "string", "first_name", "string"),
        ("name.last", "string", "last_name", "string"),
        ("address.city", "string", "address.city", "string"),
        ("address.zip", "int", "address.postcode", "string"),
        ("vitals.weight_kg", "double", "weight_kg", "decimal(6,2)"),
        ("admitted", "string", "admitted_on", "date"),
    ],
    transformation_ctx="ChangeSchema_node2",
)

# Script generated for node Drop Null Fields
DropNullFields_node3 = DropNullFields.apply(
    frame=ChangeSchema_node2, transformation_ctx="DropNullFields_node3"
)

# Script generated for node Resolve choices
Resolvechoices_node4 = ResolveChoice.apply(
    frame=DropNullFields_node3,
    specs=[("patient_id", "cast:long"), ("address.postcode", "cast:string")],
    transformation_ctx="Resolvechoices_node4",
)

# Script generated for node Drop Duplicates
DropDuplicates_node5 = DynamicFrame.fromDF(
    Resolvechoices_node4.toDF().dropDuplicates(["patient_id"]),
    glueContext,
    "DropDuplicates_node5",
)

# Script generated for node Patients out
Patientsout_node6 = glueContext.write_dynamic_frame.from_catalog(
    frame=DropDuplicates_node5,
    database="clinic_curated",
    table_name="patients",
    additional_options={
        "enableUpdateCatalog": True,
        "updateBehavior": "UPDATE_IN_DATABASE",
        "partitionKeys": ["admitted_on"],
    },
    transformation_ctx="Patientsout_node6",
)

job.commit()
