"""Before -> after for the connector rules in ``g2l_core.convert.connectors.rules.streaming``."""

import pytest

from connector_cases import check_cases

CASES = [
    pytest.param("""def run(glueContext, stream_arn, checkpoint, process):
    kinesis_options = {"streamARN": stream_arn, "startingPosition": "TRIM_HORIZON", "classification": "json",
                       "inferSchema": "true", "maxFetchTimeInMs": 15000}
    frame = glueContext.create_data_frame.from_options(connection_type="kinesis", connection_options=kinesis_options)
    glueContext.forEachBatch(frame=frame, batch_function=process,
                             options={"windowSize": "30 seconds", "checkpointLocation": checkpoint})
""",
                 """import g2l_helpers

def run(spark, stream_arn, checkpoint, process):
    kinesis_options = {"streamARN": stream_arn, "startingPosition": "TRIM_HORIZON", "classification": "json",
                       "inferSchema": "true", "maxFetchTimeInMs": 15000}
    frame = (
        spark.readStream.format("kinesis")
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
                 """def run(spark):
    # g2l: review: kafka stream read with format('kafka'): Glue parsed the records as json; the stream has them in the binary column 'value': parse with F.from_json(F.col('value').cast('string'), <record schema>)
    return (
        spark.readStream.format("kafka")
        .option("kafka.bootstrap.servers", "b-1.msk:9092")
        .option("subscribe", "orders")
        .option("startingOffsets", "latest")
        .load()
    )
""",
                 [('StreamRead', 'flagged')], id='kafka_stream'),
    pytest.param("""def stream(glueContext):
    return glueContext.create_data_frame.from_catalog(
        database="streaming_db", table_name="msk_orders",
        additional_options={"startingOffsets": "earliest", "inferSchema": "false"})
""",
                 """def stream(spark):
    # g2l: review: kafka stream read with format('kafka'): the kafka stream is described by Glue catalog table streaming_db.msk_orders: set kafka.bootstrap.servers and subscribe from its parameters; Glue parsed the records as the classification; the stream has them in the binary column 'value': parse with F.from_json(F.col('value').cast('string'), <record schema>)
    return spark.readStream.format("kafka").option("startingOffsets", "earliest").load()
""",
                 [('StreamCatalogRead', 'flagged')], id='stream_catalog_table'),
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

def run(spark, process):
    # g2l: review: kafka stream read with format('kafka'): Glue parsed the records as json; the stream has them in the binary column 'value': parse with F.from_json(F.col('value').cast('string'), <record schema>) (in forEachBatch functions: records parsed per micro-batch by g2l_helpers.parsed_batches (schema inferred per batch, as Glue's inferSchema does))
    frame = (
        spark.readStream.format("kafka")
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

def run(spark, stream, handle):
    events = (
        spark.readStream.format("kinesis")
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
    pytest.param("""def meters(glueContext, checkpoint, handle):
    # semicolon-separated meter readings
    frame = glueContext.create_data_frame.from_options(
        connection_type="kinesis",
        connection_options={"streamName": "meter-readings", "region": "eu-west-1", "startingPosition": "LATEST",
                            "classification": "csv", "delimiter": ";", "inferSchema": "false",
                            "schema": "`meter_id` STRING, `kwh` DOUBLE, `read_at` TIMESTAMP"})
    glueContext.forEachBatch(frame=frame, batch_function=handle,
                             options={"windowSize": "60 seconds", "checkpointLocation": checkpoint})
""",
                 """import g2l_helpers

def meters(spark, checkpoint, handle):
    # semicolon-separated meter readings
    frame = g2l_helpers.csv_column(
        (
            spark.readStream.format("kinesis")
            .option("streamName", "meter-readings")
            .option("region", "eu-west-1")
            .option("initialPosition", "latest")
            .load()
        ),
        "`meter_id` STRING, `kwh` DOUBLE, `read_at` TIMESTAMP",
        "data",
        ";",
    )
    (
        frame.writeStream.foreachBatch(handle)
        .option("checkpointLocation", checkpoint)
        .trigger(processingTime="60 seconds")
        .start()
        .awaitTermination()
    )
""",
                 [('StreamRead', 'converted_with_helper'), ('ForEachBatch', 'converted')], id='kinesis_csv_with_schema'),
    pytest.param("""PAYMENT_SCHEMA = '{"type": "record", "name": "Payment", "fields": [{"name": "id", "type": "long"}, {"name": "amount", "type": "double"}]}'


def payments(glueContext):
    source = glueContext.getSource(connection_type="kafka", connectionName="msk-payments", topicName="payments",
                                   startingOffsets="earliest", classification="avro", avroSchema=PAYMENT_SCHEMA)
    return source.getFrame()
""",
                 """import g2l_helpers

PAYMENT_SCHEMA = '{"type": "record", "name": "Payment", "fields": [{"name": "id", "type": "long"}, {"name": "amount", "type": "double"}]}'


def payments(spark):
    return g2l_helpers.avro_column(
        (
            spark.readStream.format("kafka")
            .option(
                "kafka.bootstrap.servers",
                g2l_helpers.connection_secret("msk-payments", "bootstrap_servers"),
            )
            .option("subscribe", "payments")
            .option("startingOffsets", "earliest")
            .load()
        ),
        PAYMENT_SCHEMA,
        "value",
    )
""",
                 [('StreamSource', 'converted'), ('StreamSource', 'converted_with_helper')], id='kafka_avro_get_source'),
    pytest.param("""from awsglue.dynamicframe import DynamicFrame


def forward_alerts(batch_df, batch_id):
    alerts = DynamicFrame.fromDF(batch_df.where("severity = 'high'"), glueContext, "alerts")
    glueContext.write_dynamic_frame.from_options(
        frame=alerts,
        connection_type="kinesis",
        connection_options={"streamARN": "arn:aws:kinesis:eu-west-1:123456789012:stream/alerts",
                            "partitionKey": "alerts", "aggregationEnabled": "true"},
    )
""",
                 """import g2l_helpers


def forward_alerts(batch_df, batch_id):
    alerts = batch_df.where("severity = 'high'")
    g2l_helpers.write_kinesis(alerts, "alerts", "eu-west-1", "alerts")
""",
                 [('FromDF', 'converted'), ('StreamWrite', 'converted_with_helper')], id='kinesis_write_in_batch_function'),
    pytest.param("""def publish(glueContext, batch_df, stream_arn):
    sink = glueContext.getSink(connection_type="kinesis", streamARN=stream_arn)
    sink.setFormat("json")
    sink.writeFrame(batch_df)
""",
                 """import g2l_helpers

def publish(spark, batch_df, stream_arn):
    g2l_helpers.write_kinesis(
        batch_df,
        g2l_helpers.kinesis_arn(stream_arn, "streamName"),
        g2l_helpers.kinesis_arn(stream_arn, "region"),
    )
""",
                 [('ConnectorSink', 'converted'), ('ConnectorSink', 'converted'), ('ConnectorSink', 'converted_with_helper')],
                 id='kinesis_get_sink'),
    pytest.param("""def publish(glueContext, batch_df):
    glueContext.write_data_frame.from_options(
        frame=batch_df, connection_type="kinesis",
        connection_options={"streamName": "clicks", "region": "us-east-2", "classification": "avro"})
""",
                 """import g2l_helpers

def publish(spark, batch_df):
    # g2l: review: kinesis write: Glue wrote the records as avro: write_kinesis writes JSON
    g2l_helpers.write_kinesis(batch_df, "clicks", "us-east-2")
""",
                 [('StreamWrite', 'flagged')], id='kinesis_write_data_frame_avro'),
    pytest.param("""def main(glue_context, tables):
    source = glue_context.create_data_frame.from_options(
        connection_type="kafka",
        connection_options={"bootstrap.servers": "b-1:9092", "topicName": "cdc", "classification": "json",
                            "inferSchema": "true"})
    stream_options = {"windowSize": "10 seconds", "checkpointLocation": "s3://lake/_chk/cdc/", "batchMaxRetries": 5}
    for table in tables:
        glue_context.forEachBatch(source, lambda df, batch_id: upsert(df, batch_id, table), stream_options)
""",
                 """import g2l_helpers

def main(spark, tables):
    source = (
        spark.readStream.format("kafka")
        .option("kafka.bootstrap.servers", "b-1:9092")
        .option("subscribe", "cdc")
        .load()
    )
    stream_options = {"windowSize": "10 seconds", "checkpointLocation": "s3://lake/_chk/cdc/", "batchMaxRetries": 5}
    for table in tables:
        (
            source.writeStream.foreachBatch(g2l_helpers.parsed_batches(lambda df, batch_id: upsert(df, batch_id, table), "value"))
            .option("checkpointLocation", "s3://lake/_chk/cdc/")
            .trigger(processingTime="10 seconds")
            .start()
            .awaitTermination()
        )
""",
                 [('StreamRead', 'converted'), ('ParsedForEachBatch', 'converted')], id='for_each_batch_local_options_lambda'),
    pytest.param("""def run(glueContext, source, process, window_options):
    glueContext.forEachBatch(frame=source, batch_function=process, options=window_options)
""",
                 """import g2l_helpers

def run(spark, source, process, window_options):
    g2l_helpers.for_each_batch(source, process, window_options)
""",
                 [('ForEachBatch', 'converted_with_helper')], id='for_each_batch_options_at_run_time'),
    pytest.param("""def relay(glueContext):
    clicks = glueContext.create_data_frame.from_options(
        connection_type="kinesis", connection_options={"streamName": "clicks", "region": "eu-west-1"})
    glueContext.write_data_frame.from_options(
        frame=clicks, connection_type="kinesis", connection_options={"streamName": "clicks-copy", "region": "eu-west-1"})
""",
                 """import g2l_helpers

def relay(spark):
    # g2l: review: kinesis stream read with format('kinesis'): Glue parsed the records as the classification; the stream has them in the binary column 'data': parse with F.from_json(F.col('data').cast('string'), <record schema>)
    clicks = (
        spark.readStream.format("kinesis")
        .option("streamName", "clicks")
        .option("region", "eu-west-1")
        .load()
    )
    # g2l: review: kinesis write: the frame is a stream, which a batch write cannot take: write it in a forEachBatch batch function, as Glue does, or with writeStream and a checkpointLocation
    g2l_helpers.write_kinesis(clicks, "clicks-copy", "eu-west-1")
""",
                 [('StreamRead', 'flagged'), ('StreamWrite', 'flagged')], id='stream_frame_written_directly'),
    pytest.param("""def publish(glueContext, frame, sink_config):
    glueContext.write_dynamic_frame.from_options(frame=frame, connection_type="kinesis",
                                                 connection_options=sink_config["kinesis"])
    glueContext.write_dynamic_frame.from_options(frame=frame, connection_type="kafka",
                                                 connection_options=sink_config["kafka"])
""",
                 """import g2l_helpers

def publish(spark, frame, sink_config):
    g2l_helpers.write_kinesis_options(frame, sink_config["kinesis"])
    g2l_helpers.write_kafka_options(frame, sink_config["kafka"])
""",
                 [('StreamWrite', 'converted_with_helper'), ('StreamWrite', 'converted_with_helper')],
                 id='stream_writes_with_options_known_at_run_time'),
]

test_connector_rule = check_cases(CASES)
