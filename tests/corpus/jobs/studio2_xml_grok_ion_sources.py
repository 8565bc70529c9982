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

# Script generated for node Catalogue XML
CatalogueXML_node1 = glueContext.create_dynamic_frame.from_options(
    format_options={"rowTag": "book", "attributePrefix": "_"},
    connection_type="s3",
    format="xml",
    connection_options={"paths": ["s3://library-raw/catalogue/"], "recurse": True},
    transformation_ctx="CatalogueXML_node1",
)

# Script generated for node Access logs
Accesslogs_node2 = glueContext.create_dynamic_frame.from_options(
    format_options={"logFormat": "%{COMMONAPACHELOG}"},
    connection_type="s3",
    format="grokLog",
    connection_options={"paths": ["s3://library-raw/access-logs/"], "recurse": True},
    transformation_ctx="Accesslogs_node2",
)

# Script generated for node Loans ION
LoansION_node3 = glueContext.create_dynamic_frame.from_options(
    connection_type="s3",
    format="ion",
    connection_options={"paths": ["s3://library-raw/loans/"]},
    transformation_ctx="LoansION_node3",
)

# Script generated for node Members JSON
MembersJSON_node4 = glueContext.create_dynamic_frame.from_options(
    format_options={"jsonPath": "$.members[*]", "multiline": True},
    connection_type="s3",
    format="json",
    connection_options={
        "paths": ["s3://library-raw/members/"],
        "recurse": True,
        "exclusions": "[\"**.tmp\", \"**/_SUCCESS\"]",
        "compressionType": "gzip",
        "boundedFiles": "500",
    },
    transformation_ctx="MembersJSON_node4",
)

# Script generated for node Branches CSV
BranchesCSV_node5 = glueContext.create_dynamic_frame.from_options(
    format_options={
        "quoteChar": "'",
        "withHeader": True,
        "separator": "|",
        "escaper": "\\",
        "skipFirst": False,
        "optimizePerformance": True,
    },
    connection_type="s3",
    format="csv",
    connection_options={
        "paths": ["s3://library-raw/branches/"],
        "groupFiles": "inPartition",
        "groupSize": "1048576",
    },
    transformation_ctx="BranchesCSV_node5",
)

# Script generated for node Books out
Booksout_node6 = glueContext.write_dynamic_frame.from_options(
    frame=CatalogueXML_node1,
    connection_type="s3",
    format="parquet",
    connection_options={"path": "s3://library-curated/books/"},
    transformation_ctx="Booksout_node6",
)

# Script generated for node Logs out
Logsout_node7 = glueContext.write_dynamic_frame.from_options(
    frame=Accesslogs_node2,
    connection_type="s3",
    format="json",
    connection_options={"path": "s3://library-curated/access/"},
    transformation_ctx="Logsout_node7",
)

# Script generated for node Loans out
Loansout_node8 = glueContext.write_dynamic_frame.from_options(
    frame=LoansION_node3,
    connection_type="s3",
    format="avro",
    connection_options={"path": "s3://library-curated/loans/"},
    transformation_ctx="Loansout_node8",
)

# Script generated for node Members out
Membersout_node9 = glueContext.write_dynamic_frame.from_options(
    frame=MembersJSON_node4,
    connection_type="s3",
    format="csv",
    connection_options={"path": "s3://library-curated/members/"},
    format_options={"separator": ";", "quoteChar": -1, "writeHeader": True},
    transformation_ctx="Membersout_node9",
)

# Script generated for node Branches out
Branchesout_node10 = glueContext.write_dynamic_frame.from_options(
    frame=BranchesCSV_node5,
    connection_type="s3",
    format="xml",
    connection_options={"path": "s3://library-curated/branches/"},
    format_options={"rowTag": "branch"},
    transformation_ctx="Branchesout_node10",
)

job.commit()
