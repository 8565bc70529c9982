"""Before -> after for the connector rules in ``g2l_core.convert.connectors.rules.sinks`` and connector
writes to Kafka."""

import pytest

from connector_cases import check_cases

CASES = [
    pytest.param("""def publish(glueContext, frame):
    # enriched orders go back to the event bus
    sink = glueContext.getSink(connection_type="kafka", connectionName="msk-events", topic="orders-enriched")
    sink.setFormat("json")
    sink.writeFrame(frame)
""",
                 """import g2l_helpers

def publish(spark, frame):
    # enriched orders go back to the event bus
    (
        frame.selectExpr("to_json(struct(*)) AS value")
        .write.format("kafka")
        .option(
            "kafka.bootstrap.servers",
            g2l_helpers.connection_secret("msk-events", "bootstrap_servers"),
        )
        .option("topic", "orders-enriched")
        .save()
    )
""",
                 [('ConnectorSink', 'converted'), ('ConnectorSink', 'converted'), ('ConnectorSink', 'converted_with_helper')], id='kafka_get_sink_set_format'),
    pytest.param("""def audit(glueContext, frame):
    datasink = glueContext.getSink(connection_type="postgresql", connectionName="audit-pg", dbtable="public.audit",
                                   transformation_ctx="datasink")
    datasink.write(frame)
""",
                 """import g2l_helpers

def audit(spark, frame):
    (
        frame.write.format("jdbc")
        .mode("append")
        .option("url", g2l_helpers.connection_secret("audit-pg", "url"))
        .option("user", g2l_helpers.connection_secret("audit-pg", "user"))
        .option("password", g2l_helpers.connection_secret("audit-pg", "password"))
        .option("dbtable", "public.audit")
        .save()
    )
""",
                 [('ConnectorSink', 'converted'), ('ConnectorSink', 'converted_with_helper')], id='postgres_get_sink_write'),
    pytest.param("""from awsglue.dynamicframe import DynamicFrame


def process_batch(data_frame, batch_id):
    if data_frame.count() > 0:
        alerts = DynamicFrame.fromDF(data_frame.where("temp_c > 40"), glueContext, "alerts")
        glueContext.write_dynamic_frame.from_options(
            frame=alerts,
            connection_type="kafka",
            connection_options={"connectionName": "msk-alerts", "topic": "overheating", "classification": "json"},
        )
""",
                 """import g2l_helpers


def process_batch(data_frame, batch_id):
    if data_frame.count() > 0:
        alerts = data_frame.where("temp_c > 40")
        (
            alerts.selectExpr("to_json(struct(*)) AS value")
            .write.format("kafka")
            .option(
                "kafka.bootstrap.servers",
                g2l_helpers.connection_secret("msk-alerts", "bootstrap_servers"),
            )
            .option("topic", "overheating")
            .save()
        )
""",
                 [('FromDF', 'converted'), ('StreamWrite', 'converted_with_helper')], id='kafka_write_in_batch_function'),
    pytest.param("""import logging


def publish(glueContext, frame):
    sink = glueContext.getSink(connection_type="kafka", connectionName="msk-events", topic="orders-enriched")
    sink.setFormat("json")
    logging.info("publishing through %s", sink)
    sink.writeFrame(frame)
""",
                 """import logging
import g2l_helpers


def publish(spark, frame):
    sink = dict(connection_type="kafka", connectionName="msk-events", topic="orders-enriched")
    sink.update(format="json")
    logging.info("publishing through %s", sink)
    (
        frame.selectExpr("to_json(struct(*)) AS value")
        .write.format("kafka")
        .option(
            "kafka.bootstrap.servers",
            g2l_helpers.connection_secret("msk-events", "bootstrap_servers"),
        )
        .option("topic", "orders-enriched")
        .save()
    )
""",
                 [('ConnectorSink', 'converted'), ('ConnectorSink', 'converted'), ('ConnectorSink', 'converted_with_helper')],
                 id='kafka_sink_logged_keeps_its_settings'),
]

test_connector_rule = check_cases(CASES)
