"""Before -> after for catalog reads of tables over streams whose DDL the project has
(``ConvertOptions.stream_tables``, built from the DDL by ``g2l_core.ddl.streams``)."""

import pytest

from connector_cases import check_cases
from g2l_core.convert import ConvertOptions
from g2l_core.options import StreamTable

TABLES = {
    "admissions.admissions_stream": StreamTable(
        "kinesis", {"classification": "json", "typeOfData": "kinesis",
                    "streamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/admissions"},
        (("admit", "string"), ("gre", "string"), ("gpa", "string"))),
    "telemetry.readings_stream": StreamTable(
        "kafka", {"classification": "csv", "topicName": "meter-readings", "kafka.bootstrap.servers": "b-1.msk:9092",
                  "delimiter": "|"}, (("meter_id", "string"), ("kwh", "double"))),
    "streaming.orders_kafka": StreamTable(
        "kafka", {"classification": "json", "topicName": "orders", "connectionName": "msk-orders"},
        (("order_id", "bigint"),)),
}

CASES = [
    pytest.param("""def admissions(glueContext):
    return glueContext.create_data_frame.from_catalog(
        database="admissions", table_name="admissions_stream",
        additional_options={"startingPosition": "latest", "inferSchema": "false"})
""",
                 """import g2l_helpers

def admissions(spark):
    return g2l_helpers.json_column(
        (
            spark.readStream.format("kinesis")
            .option("streamName", "admissions")
            .option("region", "us-east-1")
            .option("initialPosition", "latest")
            .load()
        ),
        "`admit` string, `gre` string, `gpa` string",
        "data",
    )
""",
                 [('StreamCatalogRead', 'converted_with_helper')], id='kinesis_table_from_ddl'),
    pytest.param("""DATABASE = "telemetry"


def readings(glueContext):
    return glueContext.create_data_frame.from_catalog(database=DATABASE, table_name="READINGS_STREAM")
""",
                 """import g2l_helpers

DATABASE = "telemetry"


def readings(spark):
    return g2l_helpers.csv_column(
        (
            spark.readStream.format("kafka")
            .option("kafka.bootstrap.servers", "b-1.msk:9092")
            .option("subscribe", "meter-readings")
            .load()
        ),
        "`meter_id` string, `kwh` double",
        "value",
        "|",
    )
""",
                 [('StreamCatalogRead', 'converted_with_helper')], id='kafka_csv_table_no_options'),
    pytest.param("""def run(glueContext, process, checkpoint):
    orders = glueContext.create_data_frame.from_catalog(
        database="streaming", table_name="orders_kafka",
        additional_options={"startingOffsets": "earliest", "inferSchema": "true"})
    glueContext.forEachBatch(frame=orders, batch_function=process,
                             options={"windowSize": "60 seconds", "checkpointLocation": checkpoint})
""",
                 """import g2l_helpers

def run(spark, process, checkpoint):
    orders = (
        spark.readStream.format("kafka")
        .option(
            "kafka.bootstrap.servers",
            g2l_helpers.connection_secret("msk-orders", "bootstrap_servers"),
        )
        .option("subscribe", "orders")
        .option("startingOffsets", "earliest")
        .load()
    )
    (
        orders.writeStream.foreachBatch(g2l_helpers.parsed_batches(process, "value"))
        .option("checkpointLocation", checkpoint)
        .trigger(processingTime="60 seconds")
        .start()
        .awaitTermination()
    )
""",
                 [('StreamCatalogRead', 'converted_with_helper'), ('ParsedForEachBatch', 'converted')],
                 id='kafka_table_inferred_schema_parsed_per_batch'),
    pytest.param("""def unknown(glueContext):
    return glueContext.create_data_frame.from_catalog(database="streaming", table_name="not_in_ddl",
                                                      additional_options={"startingOffsets": "latest"})
""",
                 """def unknown(spark):
    # g2l: review: kafka stream read with format('kafka'): the kafka stream is described by Glue catalog table streaming.not_in_ddl: set kafka.bootstrap.servers and subscribe from its parameters; Glue parsed the records as the classification; the stream has them in the binary column 'value': parse with F.from_json(F.col('value').cast('string'), <record schema>)
    return spark.readStream.format("kafka").option("startingOffsets", "latest").load()
""",
                 [('StreamCatalogRead', 'flagged')], id='table_without_ddl_stays_flagged'),
    pytest.param("""from awsglue.dynamicframe import DynamicFrame


def process_batch(data_frame, batch_id):
    out = DynamicFrame.fromDF(data_frame, glueContext, "out")
    glueContext.write_dynamic_frame.from_catalog(frame=out, database="streaming", table_name="orders_kafka")
""",
                 """import g2l_helpers


def process_batch(data_frame, batch_id):
    out = data_frame
    (
        out.selectExpr("to_json(struct(*)) AS value")
        .write.format("kafka")
        .option(
            "kafka.bootstrap.servers",
            g2l_helpers.connection_secret("msk-orders", "bootstrap_servers"),
        )
        .option("topic", "orders")
        .save()
    )
""",
                 [('FromDF', 'converted'), ('StreamCatalogWrite', 'converted_with_helper')], id='catalog_write_to_kafka_table'),
    pytest.param("""def publish(glueContext, frame):
    sink = glueContext.getSink(connection_type="kafka", transformation_ctx="sink")
    sink.setFormat("json")
    sink.setCatalogInfo(catalogDatabase="telemetry", catalogTableName="readings_stream")
    sink.writeFrame(frame)
""",
                 """def publish(spark, frame):
    (
        frame.selectExpr("to_json(struct(*)) AS value")
        .write.format("kafka")
        .option("kafka.bootstrap.servers", "b-1.msk:9092")
        .option("topic", "meter-readings")
        .save()
    )
""",
                 [('ConnectorSink', 'converted'), ('ConnectorSink', 'converted'), ('ConnectorSink', 'converted'),
                  ('ConnectorSink', 'converted')], id='kafka_sink_with_catalog_info'),
    pytest.param("""def publish(glueContext, frame):
    sink = glueContext.getSink(connection_type="kinesis")
    sink.setCatalogInfo("events", "not_in_ddl")
    sink.writeFrame(frame)
""",
                 """import g2l_helpers

def publish(spark, frame):
    # g2l: review: kinesis write: the kinesis stream is described by Glue catalog table events.not_in_ddl: set its stream name and region from the table's parameters
    g2l_helpers.write_kinesis(frame, None)
""",
                 [('ConnectorSink', 'converted'), ('ConnectorSink', 'converted'), ('ConnectorSink', 'flagged')],
                 id='kinesis_sink_catalog_info_without_ddl'),
]

test_connector_rule = check_cases(CASES, ConvertOptions(stream_tables=TABLES))


def test_a_stream_table_named_at_run_time_is_shown_by_its_code():
    """The note names the table by the code that computes it, not as ``(computed).(computed)``."""
    from g2l_core.convert import convert_source

    code = convert_source('''def tail(glueContext, args):
    return glueContext.create_data_frame.from_catalog(
        database=args["stream_db"], table_name=args["stream_table"],
        additional_options={"startingPosition": "TRIM_HORIZON"})
''', "job.py", ConvertOptions()).code
    assert "described by Glue catalog table {args[\"stream_db\"]}.{args[\"stream_table\"]}: set streamName" in code
    assert "(computed)" not in code
