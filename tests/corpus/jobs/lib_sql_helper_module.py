"""The Glue Studio SQL helper, lifted into a shared module so hand-written jobs can use it too."""
from awsglue.dynamicframe import DynamicFrame


def sparkSqlQuery(glueContext, query, mapping, transformation_ctx) -> DynamicFrame:
    for alias, frame in mapping.items():
        frame.toDF().createOrReplaceTempView(alias)
    result = glueContext.spark_session.sql(query)
    return DynamicFrame.fromDF(result, glueContext, transformation_ctx)


def run_sql_file(glueContext, path, mapping):
    """Run a .sql file shipped with the job (extra-files) against named frames."""
    with open(path) as handle:
        query = handle.read()
    return sparkSqlQuery(glueContext, query, mapping, transformation_ctx=path.replace("/", "_"))
