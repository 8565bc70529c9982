import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ["JOB_NAME", "TempDir", "output_dir"])

glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# catalog tables created by the crawler over the public dataset
persons = glueContext.create_dynamic_frame.from_catalog(database="legislators", table_name="persons_json")
memberships = glueContext.create_dynamic_frame.from_catalog(database="legislators", table_name="memberships_json")
orgs = glueContext.create_dynamic_frame.from_catalog(database="legislators", table_name="organizations_json")
print("Count: ", persons.count())
persons.printSchema()

orgs = orgs.drop_fields(["other_names", "identifiers"]).rename_field("id", "org_id").rename_field("name", "org_name")

l_history = Join.apply(orgs, Join.apply(persons, memberships, "id", "person_id"), "org_id", "organization_id").drop_fields(["person_id", "org_id"])

# one table per nested array
dfc = l_history.relationalize("hist_root", args["TempDir"])
for df_name in dfc.keys():
    m_df = dfc.select(df_name)
    print("Writing to table: ", df_name)
    glueContext.write_dynamic_frame.from_options(
        frame=m_df,
        connection_type="s3",
        connection_options={"path": args["output_dir"] + "/" + df_name},
        format="parquet",
    )
job.commit()
