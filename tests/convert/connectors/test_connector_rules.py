"""Connector rules, before -> after: Glue connector calls in, the Databricks code and decisions out.
Every output is free of Glue residue and defines every name it uses."""

from __future__ import annotations

import pyflakes.api
import pyflakes.reporter
import pytest

from g2l_core.convert import REVIEW_MARKER, ConvertOptions, convert_source, glue_residue

HEADER = "from awsglue.context import GlueContext\nfrom awsgluedq.transforms import EvaluateDataQuality\n"

CASES = [
    pytest.param("""def load(glueContext, day):
    return glueContext.create_dynamic_frame.from_options(
        connection_type="redshift",
        connection_options={
            "url": "jdbc:redshift://dwh.example:5439/analytics",
            "query": f"select * from sales.orders where day = '{day}'",
            "redshiftTmpDir": "s3://acme-tmp/unload/",
            "aws_iam_role": "arn:aws:iam::123456789012:role/redshift-unload",
            "connectionName": "dwh",
        },
    )
""",
                 """def load(glueContext, day):
    return (
        glueContext.read.format("redshift")
        .option("url", "jdbc:redshift://dwh.example:5439/analytics")
        .option("query", f"select * from sales.orders where day = '{day}'")
        .option("aws_iam_role", "arn:aws:iam::123456789012:role/redshift-unload")
        .option("tempdir", "s3://acme-tmp/unload/")
        .load()
    )
""",
                 [('RedshiftRead', 'converted')], id='redshift_query_iam'),
    pytest.param("""def publish(glueContext, frame, tmp):
    options = {"dbtable": "mart.daily", "database": "analytics", "postactions": "ANALYZE mart.daily;"}
    glueContext.write_dynamic_frame.from_jdbc_conf(frame=frame, catalog_connection="redshift-main",
                                                   connection_options=options, redshift_tmp_dir=tmp)
""",
                 """import g2l_helpers

def publish(glueContext, frame, tmp):
    options = {"dbtable": "mart.daily", "database": "analytics", "postactions": "ANALYZE mart.daily;"}
    (
        frame.write.format("redshift")
        .mode("append")
        .option(
            "url",
            g2l_helpers.jdbc_url(g2l_helpers.connection_secret("redshift-main", "url"), "analytics"),
        )
        .option("user", g2l_helpers.connection_secret("redshift-main", "user"))
        .option("password", g2l_helpers.connection_secret("redshift-main", "password"))
        .option("dbtable", "mart.daily")
        .option("postactions", "ANALYZE mart.daily;")
        .option("tempdir", tmp)
        .option("forward_spark_s3_credentials", True)
        .save()
    )
""",
                 [('JdbcConfWrite', 'converted_with_helper')], id='jdbc_conf_local_options'),
    pytest.param("""def publish(glueContext, frame, options):
    glueContext.write_dynamic_frame.from_jdbc_conf(frame, "orders-mysql", options)
""",
                 """import g2l_helpers

def publish(glueContext, frame, options):
    # g2l: review: jdbc write with format('jdbc'): connection options computed at run time are passed as they are: Glue's database option is not a Spark JDBC option (put the database into the url)
    (
        frame.write.format("jdbc")
        .mode("append")
        .option("url", g2l_helpers.connection_secret("orders-mysql", "url"))
        .option("user", g2l_helpers.connection_secret("orders-mysql", "user"))
        .option("password", g2l_helpers.connection_secret("orders-mysql", "password"))
        .options(**options)
        .save()
    )
""",
                 [('JdbcConfWrite', 'flagged')], id='jdbc_conf_opaque'),
    pytest.param("""def save(glueContext, frame):
    sink = glueContext.write_dynamic_frame.from_options(
        frame=frame, connection_type="postgresql",
        connection_options={"connectionName": "ops-pg", "dbtable": "public.daily"})
""",
                 """import g2l_helpers

def save(glueContext, frame):
    (
        frame.write.format("jdbc")
        .mode("append")
        .option("url", g2l_helpers.connection_secret("ops-pg", "url"))
        .option("user", g2l_helpers.connection_secret("ops-pg", "user"))
        .option("password", g2l_helpers.connection_secret("ops-pg", "password"))
        .option("dbtable", "public.daily")
        .save()
    )
""",
                 [('JdbcWrite', 'converted_with_helper')], id='postgres_write'),
    pytest.param("""def run(glueContext, stream_arn, checkpoint, process):
    kinesis_options = {"streamARN": stream_arn, "startingPosition": "TRIM_HORIZON", "classification": "json",
                       "inferSchema": "true", "maxFetchTimeInMs": 15000}
    frame = glueContext.create_data_frame.from_options(connection_type="kinesis", connection_options=kinesis_options)
    glueContext.forEachBatch(frame=frame, batch_function=process,
                             options={"windowSize": "30 seconds", "checkpointLocation": checkpoint})
""",
                 """import g2l_helpers

def run(glueContext, stream_arn, checkpoint, process):
    kinesis_options = {"streamARN": stream_arn, "startingPosition": "TRIM_HORIZON", "classification": "json",
                       "inferSchema": "true", "maxFetchTimeInMs": 15000}
    frame = (
        glueContext.readStream.format("kinesis")
        .option("streamName", g2l_helpers.kinesis_arn(stream_arn, "streamName"))
        .option("region", g2l_helpers.kinesis_arn(stream_arn, "region"))
        .option("initialPosition", "trim_horizon")
        .load()
    )
    (
        frame.writeStream.foreachBatch(g2l_helpers.parsed_batches(process, "data"))
        .option("checkpointLocation", checkpoint)
        .trigger(processingTime="30 seconds")
        .start()
        .awaitTermination()
    )
""",
                 [('StreamRead', 'converted_with_helper'), ('ParsedForEachBatch', 'converted')], id='kinesis_stream'),
    pytest.param("""def run(glueContext):
    return glueContext.create_data_frame.from_options(
        connection_type="kafka",
        connection_options={"bootstrap.servers": "b-1.msk:9092", "topicName": "orders", "startingOffsets": "latest",
                            "classification": "json"})
""",
                 """def run(glueContext):
    # g2l: review: kafka stream read with format('kafka'): Glue parsed the records as json; the stream has them in the binary column 'value': parse with F.from_json(F.col('value').cast('string'), <record schema>)
    return (
        glueContext.readStream.format("kafka")
        .option("kafka.bootstrap.servers", "b-1.msk:9092")
        .option("subscribe", "orders")
        .option("startingOffsets", "latest")
        .load()
    )
""",
                 [('StreamRead', 'flagged')], id='kafka_stream'),
    pytest.param("""def load(glueContext):
    return glueContext.create_dynamic_frame.from_options(
        connection_type="snowflake",
        connection_options={"connectionName": "sf-prod", "sfDatabase": "SALES", "sfSchema": "PUBLIC",
                            "sfWarehouse": "ETL_WH", "dbtable": "ORDERS"})
""",
                 """import g2l_helpers

def load(glueContext):
    return (
        glueContext.read.format("snowflake")
        .option("sfUrl", g2l_helpers.connection_secret("sf-prod", "url"))
        .option("sfUser", g2l_helpers.connection_secret("sf-prod", "user"))
        .option("sfPassword", g2l_helpers.connection_secret("sf-prod", "password"))
        .option("sfDatabase", "SALES")
        .option("sfSchema", "PUBLIC")
        .option("sfWarehouse", "ETL_WH")
        .option("dbtable", "ORDERS")
        .load()
    )
""",
                 [('SparkConnectorRead', 'converted_with_helper')], id='snowflake_native'),
    pytest.param("""def load(glueContext):
    return glueContext.create_dynamic_frame.from_options(
        connection_type="marketplace.spark",
        connection_options={"connectionName": "snowflake-conn", "dbtable": "ORDERS", "sfDatabase": "SALES"})
""",
                 """def load(glueContext):
    # g2l: review: spark connector read with format('snowflake-conn'): the connector class comes from Glue connection 'snowflake-conn': put the connector's Spark format name in format(...)
    return (
        glueContext.read.format("snowflake-conn")
        .option("dbtable", "ORDERS")
        .option("sfDatabase", "SALES")
        .load()
    )
""",
                 [('SparkConnectorRead', 'flagged')], id='marketplace'),
    pytest.param("""def users(glueContext, bucket):
    return glueContext.create_dynamic_frame.from_options(
        connection_type="dynamodb",
        connection_options={"dynamodb.export": "s3", "dynamodb.s3.bucket": bucket, "dynamodb.s3.prefix": "exports/users",
                            "dynamodb.unnestDDBJson": True})
""",
                 """import g2l_helpers

def users(glueContext, bucket):
    return g2l_helpers.read_dynamodb_export(
        glueContext,
        "s3://{}/{}".format(bucket, "exports/users"),
        True,
    )
""",
                 [('DynamoDbRead', 'converted_with_helper')], id='dynamodb_export'),
    pytest.param("""def save(glueContext, frame):
    glueContext.write_dynamic_frame_from_options(
        frame=frame, connection_type="dynamodb",
        connection_options={"dynamodb.output.tableName": "customer-profiles", "dynamodb.throughput.write.percent": "1.0"})
""",
                 """import g2l_helpers

def save(glueContext, frame):
    # g2l: review: dynamodb write: Databricks has no DynamoDB connector; g2l_helpers.write_dynamodb puts every row with boto3 batch_write_item from each partition (cluster credentials need dynamodb:BatchWriteItem; Glue's write throughput percentage is not applied: repartition to limit parallel writers)
    g2l_helpers.write_dynamodb(frame, "customer-profiles")
""",
                 [('DynamoDbWrite', 'flagged')], id='dynamodb_write'),
    pytest.param('''RULES = """Rules = [ IsComplete "order_id", ColumnValues "amount" > 0, CustomSql "select count(*) from primary" > 0 ]"""


def check(frame):
    return EvaluateDataQuality.apply(frame=frame, ruleset=RULES,
                                     publishing_options={"dataQualityEvaluationContext": "orders_check"})
''',
                 '''import g2l_helpers

RULES = """Rules = [ IsComplete "order_id", ColumnValues "amount" > 0, CustomSql "select count(*) from primary" > 0 ]"""


def check(frame):
    return g2l_helpers.evaluate_data_quality(frame, RULES)
''',
                 [('EvaluateDataQuality', 'converted_with_helper')], id='dq_apply'),
    pytest.param("""def connect(glueContext):
    conf = glueContext.extract_jdbc_conf("orders-db")
    return conf["url"] + "/orders", conf["user"], conf["password"]
""",
                 """import g2l_helpers

def connect(glueContext):
    conf = g2l_helpers.extract_jdbc_conf("orders-db")
    return conf["url"] + "/orders", conf["user"], conf["password"]
""",
                 [('ExtractJdbcConf', 'converted_with_helper')], id='extract_conf'),
    pytest.param("""def stream(glueContext):
    return glueContext.create_data_frame.from_catalog(
        database="streaming_db", table_name="msk_orders",
        additional_options={"startingOffsets": "earliest", "inferSchema": "false"})
""",
                 """def stream(glueContext):
    # g2l: review: kafka stream read with format('kafka'): the kafka stream is described by Glue catalog table streaming_db.msk_orders: set kafka.bootstrap.servers and subscribe from its parameters; Glue parsed the records as the classification; the stream has them in the binary column 'value': parse with F.from_json(F.col('value').cast('string'), <record schema>)
    return glueContext.readStream.format("kafka").option("startingOffsets", "earliest").load()
""",
                 [('StreamCatalogRead', 'flagged')], id='stream_catalog_table'),
    pytest.param("""def load(glueContext, table):
    options = {"url": "jdbc:postgresql://db/x", "user": "u"}
    options["dbtable"] = table
    return glueContext.create_dynamic_frame.from_options(connection_type="postgresql", connection_options=options)
""",
                 """def load(glueContext, table):
    options = {"url": "jdbc:postgresql://db/x", "user": "u"}
    options["dbtable"] = table
    # g2l: review: jdbc read with format('jdbc'): postgresql options computed at run time are passed as they are: Glue's names that differ from the jdbc connector's (connectionName -> url/user/password from the secret scope, hashfield/hashpartitions) need renaming
    return glueContext.read.format("jdbc").options(**options).load()
""",
                 [('JdbcRead', 'flagged')], id='options_changed_after_binding'),
    pytest.param("""def run(glueContext, process):
    frame = glueContext.create_data_frame.from_options(
        connection_type="kafka",
        connection_options={"connectionName": "msk", "topicName": "events", "classification": "json",
                            "inferSchema": "true"})
    frame.printSchema()
    glueContext.forEachBatch(frame=frame, batch_function=process,
                             options={"windowSize": "10 seconds", "checkpointLocation": "s3://ckpt/events/"})
""",
                 """import g2l_helpers

def run(glueContext, process):
    # g2l: review: kafka stream read with format('kafka'): Glue parsed the records as json; the stream has them in the binary column 'value': parse with F.from_json(F.col('value').cast('string'), <record schema>) (in forEachBatch functions: records parsed per micro-batch by g2l_helpers.parsed_batches (schema inferred per batch, as Glue's inferSchema does))
    frame = (
        glueContext.readStream.format("kafka")
        .option(
            "kafka.bootstrap.servers",
            g2l_helpers.connection_secret("msk", "bootstrap_servers"),
        )
        .option("subscribe", "events")
        .load()
    )
    frame.printSchema()
    (
        frame.writeStream.foreachBatch(g2l_helpers.parsed_batches(process, "value"))
        .option("checkpointLocation", "s3://ckpt/events/")
        .trigger(processingTime="10 seconds")
        .start()
        .awaitTermination()
    )
""",
                 [('StreamRead', 'flagged'), ('ParsedForEachBatch', 'converted')], id='stream_used_outside_batches'),
    pytest.param("""def run(glueContext, stream, handle):
    source = glueContext.getSource(connection_type="kinesis", streamName=stream, startingPosition="LATEST",
                                   classification="json", inferSchema="true", region="eu-west-1")
    events = source.getFrame()
    glueContext.forEachBatch(frame=events, batch_function=handle,
                             options={"windowSize": "10 seconds", "checkpointLocation": "s3://ckpt/events/"})
""",
                 """import g2l_helpers

def run(glueContext, stream, handle):
    events = (
        glueContext.readStream.format("kinesis")
        .option("streamName", stream)
        .option("region", "eu-west-1")
        .option("initialPosition", "latest")
        .load()
    )
    (
        events.writeStream.foreachBatch(g2l_helpers.parsed_batches(handle, "data"))
        .option("checkpointLocation", "s3://ckpt/events/")
        .trigger(processingTime="10 seconds")
        .start()
        .awaitTermination()
    )
""",
                 [('StreamSource', 'converted'), ('StreamSource', 'converted'), ('ParsedForEachBatch', 'converted')], id='get_source_kinesis'),
]


@pytest.mark.parametrize("before, after, decisions", CASES)
def test_connector_rule(before, after, decisions):
    result = convert_source(HEADER + "\n" + before, "job.py", ConvertOptions())
    assert result.code.lstrip("\n") == after
    assert [(d.rule, d.action) for d in result.decisions] == decisions
    # no Glue left, not even under a review note: a flag never sits on code that cannot run
    assert glue_residue(result.code.replace(REVIEW_MARKER, "# note:")) == []
    assert undefined_names(result.code) <= undefined_names(HEADER + before)


def undefined_names(code: str) -> set[str]:
    """Names pyflakes reports undefined (the snippets' free variables are defined by their callers)."""
    messages = []

    class Collect(pyflakes.reporter.Reporter):
        def __init__(self):
            pass

        def flake(self, message):
            if type(message).__name__ == "UndefinedName":
                messages.append(message.message_args[0])

    pyflakes.api.check(code, "job.py", Collect())
    return set(messages)
