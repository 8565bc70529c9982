"""Connector plans: Glue connection_type + options -> the Databricks read/write they become (as code),
and the reasons a plan is flagged. Table-driven; options are plain Python values as Glue code writes them."""

from __future__ import annotations

import libcst as cst
import pytest

from g2l_core.convert import build
from g2l_core.convert.connectors import data_quality, render
from g2l_core.convert.connectors.dispatch import jdbc_conf_write_plan, opaque_plan, read_plan, write_plan
from g2l_core.convert.connectors.plan import Unsupported
from g2l_core.convert.connectors.redshift import catalog_review


def helper(name: str) -> cst.BaseExpression:
    return build.attribute(build.name("g2l_helpers"), name)


def read_code(plan) -> str:
    return render.code(render.read(plan, build.name("spark"), helper))


def write_code(plan) -> str:
    return render.code(render.write(plan, build.name("df"), helper))


SECRET = 'g2l_helpers.connection_secret("{}", "{}")'

READS = [
    pytest.param(
        "redshift",
        {"redshiftTmpDir": "s3://tmp/redshift/", "useConnectionProperties": "true", "dbtable": "public.orders",
         "connectionName": "dwh-redshift"},
        'spark.read.format("redshift").option("url", ' + SECRET.format("dwh-redshift", "url") + ')'
        '.option("user", ' + SECRET.format("dwh-redshift", "user") + ')'
        '.option("password", ' + SECRET.format("dwh-redshift", "password") + ')'
        '.option("dbtable", "public.orders").option("tempdir", "s3://tmp/redshift/")'
        '.option("forward_spark_s3_credentials", True).load()',
        [], id="redshift-connection"),
    pytest.param(
        "redshift",
        {"url": "jdbc:redshift://c1.example:5439/dev", "query": "select 1", "redshiftTmpDir": "s3://t/",
         "aws_iam_role": "arn:aws:iam::1:role/r", "user": "etl", "password": "hunter2"},
        'spark.read.format("redshift").option("url", "jdbc:redshift://c1.example:5439/dev").option("user", "etl")'
        '.option("password", "hunter2").option("query", "select 1").option("aws_iam_role", "arn:aws:iam::1:role/r")'
        '.option("tempdir", "s3://t/").load()',
        ["password written in the code"], id="redshift-url-and-role"),
    pytest.param(
        "postgresql",
        {"useConnectionProperties": "true", "connectionName": "pg-orders", "dbtable": "sales.orders",
         "hashfield": "order_id", "hashpartitions": "10"},
        'spark.read.format("jdbc").option("url", ' + SECRET.format("pg-orders", "url") + ')'
        '.option("user", ' + SECRET.format("pg-orders", "user") + ')'
        '.option("password", ' + SECRET.format("pg-orders", "password") + ')'
        '.option("dbtable", "sales.orders").load()',
        [], id="jdbc-hashfield-without-bounds"),
    pytest.param(
        "mysql",
        {"url": "jdbc:mysql://db:3306/shop", "user": "u", "password": "p", "dbtable": "items",
         "hashfield": "id", "hashpartitions": 4, "lowerBound": 0, "upperBound": 1000},
        'spark.read.format("jdbc").option("url", "jdbc:mysql://db:3306/shop").option("user", "u")'
        '.option("password", "p").option("dbtable", "items").option("lowerBound", 0).option("upperBound", 1000)'
        '.option("partitionColumn", "id").option("numPartitions", 4).load()',
        ["password written in the code"], id="jdbc-hashfield-with-bounds"),
    pytest.param(
        "sqlserver", {"connectionName": "mssql", "dbtable": "dbo.t", "hashexpression": "id % 7"},
        'spark.read.format("jdbc").option("url", ' + SECRET.format("mssql", "url") + ')'
        '.option("user", ' + SECRET.format("mssql", "user") + ')'
        '.option("password", ' + SECRET.format("mssql", "password") + ').option("dbtable", "dbo.t").load()',
        [], id="jdbc-hashexpression"),
    pytest.param(
        "custom.jdbc",
        {"connectionName": "snow", "className": "net.snowflake.client.jdbc.SnowflakeDriver", "query": "select 1",
         "secretId": "snow-creds"},
        'spark.read.format("jdbc").option("url", ' + SECRET.format("snow", "url") + ')'
        '.option("user", ' + SECRET.format("snow-creds", "user") + ')'
        '.option("password", ' + SECRET.format("snow-creds", "password") + ')'
        '.option("driver", "net.snowflake.client.jdbc.SnowflakeDriver").option("query", "select 1").load()',
        [], id="custom-jdbc-secrets-manager"),
    pytest.param(
        "kinesis",
        {"typeOfData": "kinesis", "streamARN": "arn:aws:kinesis:eu-west-1:123456789012:stream/clicks",
         "classification": "json", "startingPosition": "TRIM_HORIZON", "inferSchema": "true"},
        'spark.readStream.format("kinesis").option("streamName", "clicks").option("region", "eu-west-1")'
        '.option("initialPosition", "trim_horizon").load()',
        ["Glue parsed the records as json; the stream has them in the binary column 'data'"], id="kinesis-arn"),
    pytest.param(
        "kinesis",
        {"streamName": "orders", "endpointUrl": "https://kinesis.us-east-2.amazonaws.com",
         "startingPosition": "2024-03-01T00:00:00Z", "awsSTSRoleARN": "arn:aws:iam::1:role/k"},
        'spark.readStream.format("kinesis").option("streamName", "orders")'
        '.option("endpoint", "https://kinesis.us-east-2.amazonaws.com").option("roleArn", "arn:aws:iam::1:role/k")'
        '.option("region", "us-east-2")'
        '.option("initialPosition", g2l_helpers.kinesis_initial_position("2024-03-01T00:00:00Z")).load()',
        ["binary column 'data'"], id="kinesis-name-endpoint-timestamp"),
    pytest.param(
        "kafka",
        {"connectionName": "msk", "topicName": "events", "startingOffsets": "earliest", "classification": "json",
         "maxOffsetsPerTrigger": 1000},
        'spark.readStream.format("kafka").option("kafka.bootstrap.servers", '
        + SECRET.format("msk", "bootstrap_servers") + ').option("subscribe", "events")'
        '.option("startingOffsets", "earliest").option("maxOffsetsPerTrigger", 1000).load()',
        ["binary column 'value'"], id="kafka-connection"),
    pytest.param(
        "kinesis",
        {"streamName": "meters", "region": "eu-west-1", "classification": "csv", "delimiter": ";",
         "schema": "meter_id string, kwh double", "inferSchema": "false"},
        'g2l_helpers.csv_column(spark.readStream.format("kinesis").option("streamName", "meters")'
        '.option("region", "eu-west-1").load(), "meter_id string, kwh double", "data", ";")',
        [], id="kinesis-csv-with-schema"),
    pytest.param(
        "kafka",
        {"bootstrap.servers": "b:9092", "topicName": "meters", "classification": "csv", "inferSchema": "true",
         "delimiter": "|"},
        'spark.readStream.format("kafka").option("kafka.bootstrap.servers", "b:9092").option("subscribe", "meters")'
        '.load()',
        ["Glue parsed the records as csv; the stream has them in the binary column 'value': parse with "
         "g2l_helpers.csv_column(df, '<col type, ...>', 'value', '|')"], id="kafka-csv-inferred"),
    pytest.param(
        "kafka",
        {"bootstrap.servers": "b:9092", "topicName": "payments", "classification": "avro",
         "avroSchema": '{"type": "record", "name": "Payment", "fields": [{"name": "id", "type": "long"}]}'},
        'g2l_helpers.avro_column(spark.readStream.format("kafka").option("kafka.bootstrap.servers", "b:9092")'
        '.option("subscribe", "payments").load(), '
        '"{\\"type\\": \\"record\\", \\"name\\": \\"Payment\\", \\"fields\\": [{\\"name\\": \\"id\\", \\"type\\": \\"long\\"}]}", "value")',
        [], id="kafka-avro-schema"),
    pytest.param(
        "kinesis", {"streamName": "payments", "classification": "avro", "schema": "AVRO_SCHEMA"},
        'g2l_helpers.avro_column(spark.readStream.format("kinesis").option("streamName", "payments").load(), '
        '"AVRO_SCHEMA", "data")',
        [], id="kinesis-avro-schema-option"),
    pytest.param(
        "kinesis", {"streamName": "payments", "classification": "avro"},
        'spark.readStream.format("kinesis").option("streamName", "payments").load()',
        ["parse with g2l_helpers.avro_column(df, '<Avro schema JSON>', 'data') (from_avro)"], id="kinesis-avro-no-schema"),
    pytest.param(
        "opensearch", {"connectionName": "search-prod", "opensearch.resource": "products", "pushdown": "true"},
        'spark.read.format("opensearch").option("opensearch.nodes", ' + SECRET.format("search-prod", "url") + ')'
        '.option("opensearch.net.http.auth.user", ' + SECRET.format("search-prod", "user") + ')'
        '.option("opensearch.net.http.auth.pass", ' + SECRET.format("search-prod", "password") + ')'
        '.option("opensearch.resource", "products").option("pushdown", "true").load()',
        [], id="opensearch-connection"),
    pytest.param(
        "opensearch", {"opensearch.nodes": "https://search-logs.eu-west-1.es.amazonaws.com", "secretId": "os-login",
                       "opensearch.port": "443"},
        'spark.read.format("opensearch").option("opensearch.nodes", "https://search-logs.eu-west-1.es.amazonaws.com")'
        '.option("opensearch.port", "443")'
        '.option("opensearch.net.http.auth.user", ' + SECRET.format("os-login", "user") + ')'
        '.option("opensearch.net.http.auth.pass", ' + SECRET.format("os-login", "password") + ').load()',
        ["no opensearch.resource"], id="opensearch-secrets-manager-no-index"),
    pytest.param(
        "marketplace.spark", {"connectionName": "OpenSearch-Connector", "path": "talks"},
        'spark.read.format("opensearch").option("path", "talks").load()',
        [], id="marketplace-opensearch-by-connection-name"),
    pytest.param(
        "postgresql",
        {"connectionName": "pg", "sampleQuery": "select * from t where ok AND ", "hashfield": "id",
         "enablePartitioningForSampleQuery": True},
        'spark.read.format("jdbc").option("url", ' + SECRET.format("pg", "url") + ')'
        '.option("user", ' + SECRET.format("pg", "user") + ')'
        '.option("password", ' + SECRET.format("pg", "password") + ')'
        '.option("query", "select * from t where ok").load()',
        [], id="jdbc-partitioned-sample-query-loses-its-open-condition"),
    pytest.param(
        "redshift",
        {"sampleQuery": "select a from s.t", "redshiftTmpDir": "s3://tmp/", "connectionName": "rs"},
        'spark.read.format("redshift").option("url", ' + SECRET.format("rs", "url") + ')'
        '.option("user", ' + SECRET.format("rs", "user") + ')'
        '.option("password", ' + SECRET.format("rs", "password") + ')'
        '.option("query", "select a from s.t").option("tempdir", "s3://tmp/")'
        '.option("forward_spark_s3_credentials", True).load()',
        [], id="redshift-studio-custom-query"),
    pytest.param(
        "bigquery", {"connectionName": "bq", "parentProject": "p1", "sourceType": "table", "table": "ds.t"},
        'spark.read.format("bigquery").option("credentials", ' + SECRET.format("bq", "credentials") + ')'
        '.option("parentProject", "p1").option("table", "ds.t").load()',
        [], id="bigquery-native"),
    pytest.param(
        "bigquery", {"connectionName": "bq", "parentProject": "p1", "sourceType": "query", "query": "select 1"},
        'spark.read.format("bigquery").option("credentials", ' + SECRET.format("bq", "credentials") + ')'
        '.option("parentProject", "p1").option("query", "select 1").option("viewsEnabled", "true").load()',
        ["materializationDataset"], id="bigquery-native-query"),
    pytest.param(
        "azuresql", {"connectionName": "az", "dbtable": "dbo.t"},
        'spark.read.format("jdbc").option("url", ' + SECRET.format("az", "url") + ')'
        '.option("user", ' + SECRET.format("az", "user") + ')'
        '.option("password", ' + SECRET.format("az", "password") + ').option("dbtable", "dbo.t").load()',
        [], id="azuresql-native"),
    pytest.param(
        "azurecosmos", {"connectionName": "cos", "spark.cosmos.database": "db", "spark.cosmos.container": "c"},
        'spark.read.format("cosmos.oltp").option("spark.cosmos.accountEndpoint", ' + SECRET.format("cos", "url") + ')'
        '.option("spark.cosmos.accountKey", ' + SECRET.format("cos", "password") + ')'
        '.option("spark.cosmos.database", "db").option("spark.cosmos.container", "c").load()',
        [], id="azurecosmos-native"),
    pytest.param(
        "custom.spark", {"connectionName": "gcp-analytics", "parentProject": "proj-1", "table": "ds.events"},
        'spark.read.format("bigquery").option("parentProject", "proj-1").option("table", "ds.events").load()',
        [], id="bigquery-by-option-name"),
    pytest.param(
        "marketplace.spark", {"connectionName": "Apache-Hudi-Connector", "path": "s3://lake/hudi/orders"},
        'spark.read.format("hudi").option("path", "s3://lake/hudi/orders").load()',
        [], id="hudi-by-connection-name"),
    pytest.param(
        "marketplace.spark",
        {"className": "com.mongodb.spark.sql.DefaultSource", "connectionName": "mongo", "database": "app",
         "collection": "users"},
        'spark.read.format("com.mongodb.spark.sql.DefaultSource").option("database", "app")'
        '.option("collection", "users").load()',
        [], id="marketplace-spark"),
    pytest.param(
        "mongodb",
        {"connectionName": "atlas", "database": "tedx", "collection": "talks", "ssl": "true",
         "ssl.domain_match": "false", "partitioner": "MongoSamplePartitioner"},
        'spark.read.format("mongodb").option("connection.uri", g2l_helpers.mongodb_uri('
        + SECRET.format("atlas", "url") + ", " + SECRET.format("atlas", "user") + ", "
        + SECRET.format("atlas", "password") + ', "true", "false")).option("database", "tedx")'
        '.option("collection", "talks").load()',
        [], id="mongodb-connection"),
    pytest.param(
        "documentdb", {"uri": "mongodb://docdb:27017", "database": "d", "collection": "c"},
        'spark.read.format("mongodb").option("connection.uri", "mongodb://docdb:27017").option("database", "d")'
        '.option("collection", "c").load()',
        [], id="documentdb-uri"),
    pytest.param(
        "snowflake", {"sfUrl": "acme.snowflakecomputing.com", "sfUser": "etl", "sfPassword": "pw", "dbtable": "T"},
        'spark.read.format("snowflake").option("sfUrl", "acme.snowflakecomputing.com").option("sfUser", "etl")'
        '.option("sfPassword", "pw").option("dbtable", "T").load()',
        ["password written in the code"], id="snowflake-inline-login"),
    pytest.param(
        "dynamodb",
        {"dynamodb.export": "ddb", "dynamodb.tableArn": "arn:aws:dynamodb:us-east-1:1:table/users",
         "dynamodb.s3.bucket": "exports-bucket", "dynamodb.s3.prefix": "ddb/users/", "dynamodb.unnestDDBJson": True},
        'g2l_helpers.read_dynamodb_export(spark, g2l_helpers.export_dynamodb_table('
        '"arn:aws:dynamodb:us-east-1:1:table/users", "exports-bucket", "ddb/users/"), True)',
        [], id="dynamodb-export-ddb"),
    pytest.param(
        "dynamodb",
        {"dynamodb.export": "s3", "dynamodb.s3.bucket": "b", "dynamodb.tableArn": "arn"},
        'g2l_helpers.read_dynamodb_export(spark, "s3://b", False)', [], id="dynamodb-export-s3"),
    pytest.param(
        "dynamodb", {"dynamodb.input.tableName": "users", "dynamodb.throughput.read.percent": "0.5",
                     "dynamodb.region": "eu-west-1"},
        'g2l_helpers.scan_dynamodb(spark, "users", "eu-west-1")', ["live scan: Databricks has no DynamoDB connector"], id="dynamodb-live-scan"),
]


WRITES = [
    pytest.param(
        "redshift",
        {"redshiftTmpDir": "s3://tmp/", "useConnectionProperties": "true", "dbtable": "public.stage",
         "connectionName": "dwh", "preactions": "TRUNCATE public.stage;", "postactions": "CALL merge_stage();",
         "aws_iam_role": "arn:aws:iam::1:role/copy"},
        'df.write.format("redshift").mode("append").option("url", ' + SECRET.format("dwh", "url") + ')'
        '.option("user", ' + SECRET.format("dwh", "user") + ')'
        '.option("password", ' + SECRET.format("dwh", "password") + ')'
        '.option("dbtable", "public.stage").option("aws_iam_role", "arn:aws:iam::1:role/copy")'
        '.option("preactions", "TRUNCATE public.stage;").option("postactions", "CALL merge_stage();")'
        '.option("tempdir", "s3://tmp/").save()',
        [], id="redshift-write-actions"),
    pytest.param(
        "redshift", {"connectionName": "dwh", "dbtable": "t", "upsertKeys": ["id"], "action": "merge"},
        'df.write.format("redshift").mode("append").option("url", ' + SECRET.format("dwh", "url") + ')'
        '.option("user", ' + SECRET.format("dwh", "user") + ')'
        '.option("password", ' + SECRET.format("dwh", "password") + ')'
        '.option("dbtable", "t").option("forward_spark_s3_credentials", True).save()',
        ["no redshiftTmpDir", "Glue upsert settings (action, upsertKeys)"], id="redshift-upsert"),
    pytest.param(
        "postgresql", {"url": "jdbc:postgresql://h/db", "dbtable": "t", "user": "u", "password": "p", "bulkSize": 4},
        'df.write.format("jdbc").mode("append").option("url", "jdbc:postgresql://h/db").option("user", "u")'
        '.option("password", "p").option("dbtable", "t").save()',
        ["password written in the code"], id="jdbc-write"),
    pytest.param(
        "dynamodb", {"dynamodb.output.tableName": "users", "dynamodb.throughput.write.percent": "1.0",
                     "dynamodb.output.numParallelTasks": 4, "somethingElse": 1},
        'g2l_helpers.write_dynamodb(df, "users")', ["g2l_helpers.write_dynamodb puts every row", "options not carried over: somethingElse"],
        id="dynamodb-write"),
    pytest.param(
        "mongodb", {"connection.uri": "mongodb://h", "database": "d", "collection": "c", "replaceDocument": "false"},
        'df.write.format("mongodb").mode("append").option("connection.uri", "mongodb://h").option("database", "d")'
        '.option("collection", "c").option("operationType", "update").save()',
        [], id="mongodb-update-write"),
    pytest.param(
        "kafka", {"connectionName": "msk", "topic": "orders-enriched", "classification": "json"},
        'df.selectExpr("to_json(struct(*)) AS value").write.format("kafka").option("kafka.bootstrap.servers", '
        + SECRET.format("msk", "bootstrap_servers") + ').option("topic", "orders-enriched").save()',
        [], id="kafka-write-connection"),
    pytest.param(
        "kafka", {"bootstrap.servers": "b-1:9094", "security.protocol": "SSL", "topic": "alerts", "partition": "2",
                  "kafka.acks": "all"},
        'df.selectExpr("to_json(struct(*)) AS value", "2 AS partition").write.format("kafka")'
        '.option("kafka.bootstrap.servers", "b-1:9094").option("kafka.security.protocol", "SSL")'
        '.option("topic", "alerts").option("kafka.acks", "all").save()',
        [], id="kafka-write-partition-producer-option"),
    pytest.param(
        "kafka", {"connectionName": "msk", "classification": "avro", "key": "id"},
        'df.selectExpr("to_json(struct(*)) AS value").write.format("kafka").option("kafka.bootstrap.servers", '
        + SECRET.format("msk", "bootstrap_servers") + ').save()',
        ["no topic", "Glue wrote the records as avro", "options without a Spark kafka sink equivalent: key"],
        id="kafka-write-needs-review"),
    pytest.param(
        "kinesis", {"streamARN": "arn:aws:kinesis:eu-west-1:123456789012:stream/alerts", "partitionKey": "sensor",
                    "aggregationEnabled": "true", "producerRateLimit": "100"},
        'g2l_helpers.write_kinesis(df, "alerts", "eu-west-1", "sensor")', [], id="kinesis-write-arn-partition-key"),
    pytest.param(
        "kinesis", {"streamName": "clicks", "endpointUrl": "https://kinesis.us-east-2.amazonaws.com",
                    "awsSTSRoleARN": "arn:aws:iam::1:role/writer"},
        'g2l_helpers.write_kinesis(df, "clicks", "us-east-2", None, "arn:aws:iam::1:role/writer", '
        '"https://kinesis.us-east-2.amazonaws.com")', [], id="kinesis-write-name-endpoint-role"),
    pytest.param(
        "kinesis", {"classification": "csv", "shardCount": 2},
        'g2l_helpers.write_kinesis(df, None)',
        ["no streamARN/streamName", "Glue wrote the records as csv", "options without an equivalent in write_kinesis: "
         "shardCount"], id="kinesis-write-needs-review"),
    pytest.param(
        "opensearch", {"connectionName": "search-prod", "opensearch.resource": "orders",
                       "opensearch.mapping.id": "order_id", "opensearch.write.operation": "upsert"},
        'df.write.format("opensearch").mode("append").option("opensearch.nodes", '
        + SECRET.format("search-prod", "url") + ')'
        '.option("opensearch.net.http.auth.user", ' + SECRET.format("search-prod", "user") + ')'
        '.option("opensearch.net.http.auth.pass", ' + SECRET.format("search-prod", "password") + ')'
        '.option("opensearch.resource", "orders").option("opensearch.mapping.id", "order_id")'
        '.option("opensearch.write.operation", "upsert").save()',
        [], id="opensearch-write"),
    pytest.param(
        "custom.spark", {"connectionName": "search-conn", "path": "products", "es.port": "443", "es.mapping.id": "sku"},
        'df.write.format("org.elasticsearch.spark.sql").mode("append").option("path", "products")'
        '.option("es.port", "443").option("es.mapping.id", "sku").save()',
        [], id="custom-spark-format-from-option-names"),
]


@pytest.mark.parametrize("write, connection_type, options, expected, flags",
                         [pytest.param(False, *p.values, id=p.id) for p in READS]
                         + [pytest.param(True, *p.values, id=p.id) for p in WRITES])
def test_plans(write, connection_type, options, expected, flags):
    plan = (write_plan if write else read_plan)(connection_type, options)
    assert (write_code if write else read_code)(plan) == expected
    assert len(plan.flags) == len(flags), plan.flags
    for wanted, got in zip(flags, plan.flags, strict=True):
        assert wanted in got


def test_spark_connector_options_known_at_run_time_name_their_format_when_the_job_runs():
    plan = opaque_plan("marketplace.spark", build.name("combined"), write=True)
    assert write_code(plan) == ('df.write.format(g2l_helpers.spark_connector_format(combined)).mode("append")'
                                '.options(**g2l_helpers.spark_connector_options(combined)).save()')
    assert any("className" in flag for flag in plan.flags)


def test_bigquery_is_built_in_hudi_is_a_library():
    assert any("built-in BigQuery" in n for n in read_plan("custom.spark", {"parentProject": "p", "table": "t"}).notes)
    assert any("install the 'hudi'" in n for n in read_plan("marketplace.spark", {"hoodie.table.name": "t"}).notes)


@pytest.mark.parametrize("connection_type, options, note", [
    ("postgresql", {"connectionName": "pg", "dbtable": "t", "hashfield": "id", "hashpartitions": 10},
     "hashfield 'id' split Glue's read into 10 parallel queries"),
    ("sqlserver", {"connectionName": "ms", "dbtable": "t", "hashexpression": "id % 7"},
     "hashexpression has no Spark equivalent: the same rows are read by one query"),
    ("mongodb", {"connection.uri": "mongodb://h", "database": "d", "collection": "c"},
     "install the MongoDB Spark connector"),
    ("custom.spark", {"className": "org.opensearch.spark.sql", "opensearch.nodes": "https://search"},
     "install the 'org.opensearch.spark.sql' connector library on the cluster"),
    ("mysql", {"connectionName": "m", "dbtable": "t", "customJdbcDriverS3Path": "s3://jars/mysql.jar",
               "customJdbcDriverClassName": "com.mysql.cj.jdbc.Driver"}, "install the jar from customJdbcDriverS3Path"),
])
def test_same_results_other_means_are_notes(connection_type, options, note):
    """Converted code that reads the same rows (serially, or once a library is installed) is not flagged."""
    plan = read_plan(connection_type, options)
    assert plan.flags == [] and any(note in n for n in plan.notes), plan.notes


def test_jdbc_custom_connector_spelling_and_filter_predicate():
    plan = read_plan("custom.jdbc", {"connectionName": "hana", "dbTable": "SAP.MARA", "filterPredicate": "MTART = 'FERT'",
                                     "partitionColumn": "MATNR", "lowerBound": 0, "upperBound": 9, "numPartitions": 2})
    assert plan.flags == [] and "dbTable" not in plan.options
    assert """.option("dbtable", "(SELECT * FROM SAP.MARA WHERE MTART = 'FERT') AS filtered")""" in read_code(plan)
    computed = read_plan("custom.jdbc", {"connectionName": "hana", "query": cst.parse_expression("QUERY"),
                                         "filterPredicate": cst.parse_expression("pred")})
    assert ('.option("dbtable", "(SELECT * FROM ({}) AS source WHERE {}) AS filtered".format(QUERY, pred))'
            in read_code(computed))


@pytest.mark.parametrize("preaction, mode", [
    ("TRUNCATE TABLE reporting.dim", "overwrite"), ("truncate reporting.dim;", "overwrite"),
    ("TRUNCATE TABLE reporting.other", "append"), ("DELETE FROM reporting.dim", "append"),
])
def test_jdbc_truncate_preaction_is_a_truncating_overwrite(preaction, mode):
    plan = jdbc_conf_write_plan("reporting-postgres", {"dbtable": "reporting.dim", "preactions": preaction})
    assert plan.format == "jdbc" and plan.mode == mode
    assert (plan.options.get("truncate") == "true") == (mode == "overwrite")
    assert bool(plan.flags) == (mode == "append")  # other preactions have no JDBC equivalent


def test_kinesis_with_a_schema_parses_the_stream():
    plan = read_plan("kinesis", {"streamName": "s", "classification": "json", "inferSchema": "false",
                                 "schema": "device string, temp_c double"})
    assert plan.flags == []
    assert read_code(plan) == ('g2l_helpers.json_column(spark.readStream.format("kinesis").option("streamName", "s")'
                               '.load(), "device string, temp_c double", "data")')


def test_from_jdbc_conf_picks_redshift_or_jdbc_and_swaps_the_database():
    redshift = jdbc_conf_write_plan("analytics", {"dbtable": "t", "database": "dev"}, tmp_dir="s3://tmp/")
    assert redshift.format == "redshift"
    assert 'g2l_helpers.jdbc_url(g2l_helpers.connection_secret("analytics", "url"), "dev")' in write_code(redshift)
    assert jdbc_conf_write_plan("my-redshift-conn", {"dbtable": "t"}).format == "redshift"
    assert jdbc_conf_write_plan("orders-postgres", {"dbtable": "t", "preactions": "x"}, tmp_dir="s3://t/").format == "jdbc"
    plain = jdbc_conf_write_plan("orders-mysql", {"dbtable": "t", "database": "shop"})
    assert plain.format == "jdbc" and plain.mode == "append"
    # a TRUNCATE before the load does not make a connection that names no database a Redshift one
    truncated = jdbc_conf_write_plan("orders-db", {"dbtable": "t", "preactions": "TRUNCATE TABLE t"})
    assert truncated.format == "jdbc" and truncated.mode == "overwrite"
    assert jdbc_conf_write_plan("orders-db", {"dbtable": "t", "aws_iam_role": "arn:aws:iam::1:role/r"}).format == "redshift"


def test_computed_values_pass_through_untouched():
    arn = cst.parse_expression('args["stream_arn"]')
    plan = read_plan("kinesis", {"streamARN": arn, "startingPosition": cst.parse_expression("START")})
    assert read_code(plan) == (
        'spark.readStream.format("kinesis").option("streamName", g2l_helpers.kinesis_arn(args["stream_arn"], '
        '"streamName")).option("region", g2l_helpers.kinesis_arn(args["stream_arn"], "region"))'
        '.option("initialPosition", g2l_helpers.kinesis_initial_position(START)).load()')
    bucket = cst.parse_expression("BUCKET")
    export = read_plan("dynamodb", {"dynamodb.export": "s3", "dynamodb.s3.bucket": bucket, "dynamodb.s3.prefix": "p/"})
    assert read_code(export) == 'g2l_helpers.read_dynamodb_export(spark, "s3://{}/{}".format(BUCKET, "p/"), False)'


@pytest.mark.parametrize("connection_type, options, write, message", [
    ("dynamodb", {"dynamodb.throughput.read.percent": "0.5"}, False, "DynamoDB without dynamodb.input.tableName"),
    ("dynamodb", {"dynamodb.export": "ddb", "dynamodb.tableArn": "arn"}, False, "without dynamodb.s3.bucket"),
])
def test_unsupported_say_what_to_do(connection_type, options, write, message):
    with pytest.raises(Unsupported, match=message.replace("(", r"\(").replace(")", r"\)").replace("*", r"\*")):
        (write_plan if write else read_plan)(connection_type, options)


def test_opensearch_says_the_library_to_install():
    for plan in (read_plan("opensearch", {"connectionName": "c", "opensearch.resource": "i"}),
                 read_plan("custom.spark", {"connectionName": "my-opensearch", "path": "i"})):
        assert any("install the" in note and "opensearch" in note.lower() for note in plan.notes), plan.notes


def test_not_a_connector():
    assert read_plan("s3", {"paths": ["s3://b/"]}) is None
    assert write_plan("s3", {"path": "s3://b/"}) is None


def test_unknown_options_are_flagged_by_name():
    plan = read_plan("mysql", {"url": "jdbc:mysql://h/d", "dbtable": "t", "someGlueThing": 1})
    assert any("someGlueThing" in f for f in plan.flags)


def test_data_quality_flags_rule_by_rule():
    ruleset = ('Rules = [ IsComplete "id", ReferentialIntegrity "id" "ref.id" = 1.0, '
               'ColumnValues "amount" > 0, (IsUnique "id") and (RowCount > 1), DatasetMatch "ref" "id" >= 0.9, '
               'CustomSql "select count(*) from primary" > 0, DataFreshness "ts" <= 24 hours ]')
    plan = data_quality.plan(cst.parse_expression("frame"), ruleset, row_level=False)
    assert render.code(render.expression(plan.reader, helper)).startswith("g2l_helpers.evaluate_data_quality(frame, ")
    assert [f.split(":", 1)[1].strip() for f in plan.flags] == [
        "rule type ReferentialIntegrity is not supported",
        "composite rule '(IsUnique \"id\") and (RowCount > 1)' is not supported",
        "rule type DatasetMatch is not supported"]
    assert data_quality.plan("f", cst.parse_expression("RULES"), row_level=True).flags == []


@pytest.mark.parametrize("tmp_dir, additional, flagged", [
    (None, {}, None),
    (cst.parse_expression('""'), {}, None),
    (cst.parse_expression("None"), {}, None),
    (cst.parse_expression('args["TempDir"]'), {}, True),
    (cst.parse_expression('"s3://tmp/redshift/"'), {}, True),
    (None, {"aws_iam_role": "arn:aws:iam::1:role/r"}, True),
    (None, {"postactions": "ANALYZE t"}, True),
    (cst.parse_expression("self.temp_dir"), {}, False),  # a wrapper's folder, given to every catalog call
    (cst.parse_expression("temp_dir"), {"aws_iam_role": "r"}, True),
    (None, {"push_down_predicate": "x", "catalogPartitionPredicate": "y"}, None),
])
def test_catalog_tables_glue_reached_through_redshift(tmp_dir, additional, flagged):
    review = catalog_review(tmp_dir, additional, "main.dw.orders", write=False)
    assert (review and review[1]) == flagged if flagged is not None else review is None
    if review is not None:
        assert "main.dw.orders" in review[0] and "Lakehouse Federation" in review[0]
    write = catalog_review(tmp_dir, additional, "main.dw.orders", write=True)
    assert (write is None) == (review is None)
    if write is not None:
        assert "read-only" in write[0] and "format('redshift')" in write[0]
