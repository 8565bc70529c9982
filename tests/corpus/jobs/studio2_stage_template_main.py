import sys
import logging
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
import gs_now

log = logging.getLogger(__name__)


def transform(source_path, layer, ctx):
    # Script generated for node Stage source
    Stagesource_node1716000000301 = ctx.create_dynamic_frame.from_options(
        format_options={"multiline": False},
        connection_type="s3",
        format="json",
        connection_options={"paths": [source_path], "recurse": True},
        transformation_ctx="Stagesource_node1716000000301",
    )

    # Script generated for node Drop Null Fields
    DropNullFields_node1716000000302 = DropNullFields.apply(
        frame=Stagesource_node1716000000301, transformation_ctx="DropNullFields_node1716000000302"
    )

    # Script generated for node Add Current Timestamp
    AddCurrentTimestamp_node1716000000303 = DropNullFields_node1716000000302.gs_now(colName=f"{layer}_loaded_at")
    # the next stage reads what this one returns
    return AddCurrentTimestamp_node1716000000303


def main():
    args = getResolvedOptions(sys.argv, ["JOB_NAME", "source_path", "target_path", "layer"])
    sc = SparkContext()
    glueContext = GlueContext(sc)
    job = Job(glueContext)
    job.init(args["JOB_NAME"], args)
    log.info("stage %s from %s", args["layer"], args["source_path"])
    staged = transform(args["source_path"], args["layer"], glueContext)

    # Script generated for node Stage target
    Stagetarget_node1716000000304 = glueContext.write_dynamic_frame.from_options(
        frame=staged,
        connection_type="s3",
        format="glueparquet",
        connection_options={"path": args["target_path"], "partitionKeys": []},
        format_options={"compression": "snappy"},
        transformation_ctx="Stagetarget_node1716000000304",
    )
    job.commit()


main()
