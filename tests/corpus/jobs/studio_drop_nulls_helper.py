import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.dynamicframe import DynamicFrame
from pyspark.sql.types import StringType, IntegerType, NullType


def _find_null_fields(ctx, schema, path, output, nullStringSet, nullIntegerSet, frame):
    if isinstance(schema, StructType):
        for field in schema:
            new_path = path + "." if path != "" else path
            output = _find_null_fields(ctx, field.dataType, new_path + field.name, output, nullStringSet, nullIntegerSet, frame)
    elif isinstance(schema, StringType):
        # a string column counts as null when every value is in nullStringSet
        distinct_set = set(frame.toDF().select(path).distinct().rdd.map(lambda r: r[0]).collect())
        if distinct_set <= nullStringSet:
            output.append(path)
    elif isinstance(schema, IntegerType):
        distinct_set = set(frame.toDF().select(path).distinct().rdd.map(lambda r: r[0]).collect())
        if distinct_set <= nullIntegerSet:
            output.append(path)
    elif isinstance(schema, NullType):
        output.append(path)
    return output


def drop_nulls(glueContext, frame, nullStringSet, nullIntegerSet, transformation_ctx) -> DynamicFrame:
    nullColumns = _find_null_fields(frame.glue_ctx, frame.schema(), "", [], nullStringSet, nullIntegerSet, frame)
    return DropFields.apply(frame=frame, paths=nullColumns, transformation_ctx=transformation_ctx)


from pyspark.sql.types import StructType  # noqa: E402

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Survey responses
Surveyresponses_node1 = glueContext.create_dynamic_frame.from_catalog(database="surveys", table_name="responses_2024", transformation_ctx="Surveyresponses_node1")

# Script generated for node Drop Null Fields
DropNullFields_node2 = drop_nulls(glueContext, frame=Surveyresponses_node1, nullStringSet={"", "null"}, nullIntegerSet={-1}, transformation_ctx="DropNullFields_node2")

# Script generated for node Responses clean
Responsesclean_node3 = glueContext.write_dynamic_frame.from_options(frame=DropNullFields_node2, connection_type="s3", format="glueparquet", connection_options={"path": "s3://surveys-curated/responses/", "partitionKeys": ["survey_id"]}, format_options={"compression": "snappy"}, transformation_ctx="Responsesclean_node3")

job.commit()
