"""Flatten the nested legislators data set and join memberships to persons and organizations."""
import sys

from awsglue.context import GlueContext
from awsglue.transforms import Join, Relationalize
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "temp_dir", "output_dir"])

glueContext = GlueContext(SparkContext.getOrCreate())

# catalog tables created by the crawler over the raw json
persons = glueContext.create_dynamic_frame.from_catalog(database="legislators", table_name="persons_json")
memberships = glueContext.create_dynamic_frame.from_catalog(database="legislators", table_name="memberships_json")
orgs = glueContext.create_dynamic_frame.from_catalog(database="legislators", table_name="organizations_json")

# keep only what we need from orgs and rename clashing keys
orgs = orgs.drop_fields(["other_names", "identifiers"]).rename_field("id", "org_id").rename_field("name", "org_name")

history = Join.apply(orgs, Join.apply(persons, memberships, "id", "person_id"), "org_id", "organization_id")
history = history.drop_fields(["person_id", "org_id"])
print("history rows:", history.count())

# nested arrays become separate frames keyed by the root
flat = Relationalize.apply(frame=history, staging_path=args["temp_dir"], name="hist_root", transformation_ctx="flat")
for name in flat.keys():
    frame = flat.select(name)
    glueContext.write_dynamic_frame.from_options(
        frame=frame,
        connection_type="s3",
        connection_options={"path": args["output_dir"] + name},
        format="parquet",
    )
