"""Connector helpers run for real: DynamoDB exports written as DynamoDB writes them, read through pysail;
data quality rules evaluated on real DataFrames; connection secrets from the environment."""

from __future__ import annotations

import datetime
import gzip
import json

import pytest

from g2l_core.convert.helpers import g2l_helpers as h


def write_export(root, export_id: str, items: list[dict], completed: bool = True):
    folder = root / "AWSDynamoDB" / export_id
    (folder / "data").mkdir(parents=True)
    with gzip.open(folder / "data" / "part-0000.json.gz", "wt") as fh:
        for item in items:
            fh.write(json.dumps({"Item": item}) + "\n")
    if completed:
        (folder / "manifest-summary.json").write_text(json.dumps({"exportArn": export_id}))


ITEMS = [
    {"pk": {"S": "u1"}, "visits": {"N": "3"}, "score": {"N": "2.5"}, "active": {"BOOL": True},
     "address": {"M": {"city": {"S": "Oslo"}, "zip": {"N": "150"}}}, "tags": {"SS": ["a", "b"]},
     "events": {"L": [{"S": "login"}, {"S": "buy"}]}, "note": {"NULL": True}},
    {"pk": {"S": "u2"}, "visits": {"N": "12"}, "score": {"N": "7"}, "code": {"N": "5"}},
    {"pk": {"S": "u3"}, "code": {"S": "x5"}},
]


def test_dynamodb_export_unnested_into_plain_columns(spark, tmp_path):
    write_export(tmp_path, "01700000000000-old", [{"pk": {"S": "stale"}}])
    write_export(tmp_path, "01710000000000-new", ITEMS)
    write_export(tmp_path, "01720000000000-running", [{"pk": {"S": "partial"}}], completed=False)
    df = h.read_dynamodb_export(spark, str(tmp_path), unnest=True)
    types = dict(df.dtypes)
    assert types["pk"] == "string" and types["visits"] == "bigint" and types["score"] == "double"
    assert types["active"] == "boolean" and types["tags"] == "array<string>" and types["events"] == "array<string>"
    assert types["address"] == "struct<city:string,zip:bigint>"
    assert types["code"] == "string"  # N in one item, S in another
    rows = {r["pk"]: r.asDict(recursive=True) for r in df.collect()}
    assert set(rows) == {"u1", "u2", "u3"}  # the newest completed export only
    assert rows["u1"]["visits"] == 3 and rows["u1"]["score"] == 2.5 and rows["u1"]["address"] == {"city": "Oslo", "zip": 150}
    assert rows["u1"]["events"] == ["login", "buy"] and rows["u1"]["tags"] == ["a", "b"]
    assert rows["u2"]["address"] is None and rows["u2"]["code"] == "5" and rows["u3"]["code"] == "x5"


def test_dynamodb_export_raw_items_and_missing_export(spark, tmp_path):
    write_export(tmp_path / "exports", "01710000000000-a", ITEMS[:1])
    raw = h.read_dynamodb_export(spark, str(tmp_path / "exports" / "AWSDynamoDB" / "01710000000000-a"))
    assert raw.columns == ["Item"] and raw.first()["Item"]["pk"]["S"] == "u1"
    with pytest.raises(FileNotFoundError, match="no completed DynamoDB export under .*empty/AWSDynamoDB"):
        h.read_dynamodb_export(spark, str(tmp_path / "empty"))


def test_simplify_ddb_json_unmarshals_typed_columns_and_keeps_the_rest(spark, tmp_path):
    """DynamicFrame.simplify_ddb_json on a frame whose columns are the item's attributes (a stream's
    NewImage selected with ``NewImage.*``), next to a plain column."""
    path = tmp_path / "image.json"
    path.write_text("\n".join(json.dumps({**{k: v for k, v in item.items() if k in ("pk", "visits", "address")},
                                           "event_id": f"e{i}"}) for i, item in enumerate(ITEMS[:2])))
    simple = h.simplify_dynamodb(spark.read.json(str(path)))
    assert dict(simple.dtypes) == {"address": "struct<city:string,zip:bigint>", "event_id": "string", "pk": "string",
                                   "visits": "bigint"}
    rows = sorted((r.asDict(recursive=True) for r in simple.collect()), key=lambda r: r["pk"])
    assert rows == [{"address": {"city": "Oslo", "zip": 150}, "event_id": "e0", "pk": "u1", "visits": 3},
                    {"address": None, "event_id": "e1", "pk": "u2", "visits": 12}]
    plain = spark.createDataFrame([("a", 1)], ["k", "v"])
    assert h.simplify_dynamodb(plain) is plain


def test_dynamodb_values_both_ways(spark):
    typed = {"id": {"S": "k1"}, "n": {"N": "42"}, "x": {"N": "-1.5"}, "ok": {"BOOL": False}, "none": {"NULL": True},
             "blob": {"B": "aGk="}, "tags": {"SS": ["a"]}, "nums": {"NS": ["1", "2.5"]},
             "address": {"M": {"zip": {"N": "7"}}}, "hist": {"L": [{"S": "a"}, {"N": "1"}]}}
    plain = {k: h.dynamodb_plain(v) for k, v in typed.items()}
    assert plain == {"id": "k1", "n": 42, "x": -1.5, "ok": False, "none": None, "blob": b"hi", "tags": ["a"],
                     "nums": [1, 2.5], "address": {"zip": 7}, "hist": ["a", 1]}
    back = {k: h.dynamodb_typed(v) for k, v in plain.items() if k not in ("tags", "nums", "hist")}
    assert back == {"id": {"S": "k1"}, "n": {"N": "42"}, "x": {"N": "-1.5"}, "ok": {"BOOL": False},
                    "none": {"NULL": True}, "blob": {"B": b"hi"}, "address": {"M": {"zip": {"N": "7"}}}}
    frame = h.dynamodb_frame(spark, [{"id": "a", "n": 1}, {"id": "b", "extra": "x"}])
    assert frame.columns == ["extra", "id", "n"]
    assert [tuple(r) for r in frame.orderBy("id").collect()] == [(None, "a", 1), ("x", "b", None)]
    assert h.dynamodb_frame(spark, []).columns == []


RULESET = """Rules = [
    IsComplete "id",
    Completeness "code" > 0.7,
    IsUnique "id",
    ColumnValues "amount" between 0 and 10,
    ColumnValues "code" in ["a", "b", "c"] with threshold > 0.5,
    ColumnExists "missing",
    RowCount > 3,
    ColumnCount = 3,
    Mean "amount" < 100
]"""


@pytest.fixture(scope="module")
def orders(spark):
    return spark.createDataFrame([(1, "a", 5.0), (2, "b", 7.0), (3, None, 50.0), (3, "c", 9.0)],
                                 "id int, code string, amount double")


def test_data_quality_outcomes_have_glues_shape(orders):
    out = h.evaluate_data_quality(orders, RULESET)
    assert out.columns == ["Rule", "Outcome", "FailureReason", "EvaluatedMetrics"]
    got = {r["Rule"]: (r["Outcome"], r["EvaluatedMetrics"]) for r in out.collect()}
    assert got == {
        'IsComplete "id"': ("Passed", {"Column.id.Completeness": 1.0}),
        'Completeness "code" > 0.7': ("Passed", {"Column.code.Completeness": 0.75}),
        'IsUnique "id"': ("Failed", {"Column.id.Uniqueness": 0.5}),
        'ColumnValues "amount" between 0 and 10': ("Failed", {"Column.amount.ColumnValues.Compliance": 0.75}),
        'ColumnValues "code" in ["a", "b", "c"] with threshold > 0.5':
            ("Passed", {"Column.code.ColumnValues.Compliance": 0.75}),
        'ColumnExists "missing"': ("Failed", {}),
        "RowCount > 3": ("Passed", {"Dataset.*.RowCount": 4.0}),
        "ColumnCount = 3": ("Passed", {"Dataset.*.ColumnCount": 3.0}),
        'Mean "amount" < 100': ("Passed", {"Column.amount.Mean": 17.75}),
    }
    reasons = {r["Rule"]: r["FailureReason"] for r in out.collect()}
    assert reasons['IsUnique "id"'] == "Value: 0.5 does not meet the constraint requirement (= 1.0)"
    assert reasons['ColumnExists "missing"'] == "Column missing does not exist"


def test_data_quality_custom_sql_and_freshness(spark):
    now = datetime.datetime.now()
    seen = spark.createDataFrame([(1, -5.0, now - datetime.timedelta(hours=2)), (2, 3.0, now - datetime.timedelta(days=3))],
                                 "id int, amount double, last_seen timestamp")
    ruleset = ('Rules = [ CustomSql "select count(*) from primary where amount < 0" = 0, '
               'DataFreshness "last_seen" <= 24 hours, DataFreshness "last_seen" between 1 hours and 5 days ]')
    got = {r["Rule"]: (r["Outcome"], r["EvaluatedMetrics"]) for r in h.evaluate_data_quality(seen, ruleset).collect()}
    assert got == {
        'CustomSql "select count(*) from primary where amount < 0" = 0': ("Failed", {"Dataset.*.CustomSQL": 1.0}),
        'DataFreshness "last_seen" <= 24 hours': ("Failed", {"Column.last_seen.DataFreshness.Compliance": 0.5}),
        'DataFreshness "last_seen" between 1 hours and 5 days':
            ("Passed", {"Column.last_seen.DataFreshness.Compliance": 1.0}),
    }
    rows = {r["id"]: r["DataQualityRulesFail"] for r in h.evaluate_data_quality_rows(seen, ruleset)["rowLevelOutcomes"].collect()}
    assert rows == {1: [], 2: ['DataFreshness "last_seen" <= 24 hours']}


def test_data_quality_row_level_outcomes(orders):
    result = h.evaluate_data_quality_rows(orders, 'Rules = [ IsComplete "code", ColumnValues "amount" <= 10, RowCount > 0 ]')
    assert set(result) == {"ruleOutcomes", "rowLevelOutcomes", "originalData"}  # Glue's three keys
    assert result["originalData"].count() == orders.count()
    rows = {(r["id"], r["code"]): r for r in result["rowLevelOutcomes"].collect()}
    failed = rows[(3, None)]
    assert failed["DataQualityEvaluationResult"] == "Failed"
    assert failed["DataQualityRulesFail"] == ['IsComplete "code"', 'ColumnValues "amount" <= 10']
    assert failed["DataQualityRulesSkip"] == ["RowCount > 0"]
    assert rows[(1, "a")]["DataQualityEvaluationResult"] == "Passed"


def test_data_quality_unsupported_rules_raise_by_name(orders):
    with pytest.raises(ValueError, match="rule type ReferentialIntegrity is not supported"):
        h.evaluate_data_quality(orders, 'Rules = [ IsComplete "id", ReferentialIntegrity "id" "ref.id" = 1.0 ]')
    with pytest.raises(ValueError, match="no 'Rules = \\[ ... \\]' block"):
        h.evaluate_data_quality(orders, "Analyzers = [ RowCount ]")


def test_connection_secrets_from_environment(monkeypatch):
    monkeypatch.setenv("ORDERS_DB_URL", "jdbc:postgresql://db.internal:5432/orders")
    monkeypatch.setenv("ORDERS_DB_USER", "etl")
    monkeypatch.setenv("ORDERS_DB_PASSWORD", "s3cret")
    assert h.connection_secret("orders db", "password") == "s3cret"  # key orders-db-password
    assert h.jdbc_connection_conf("orders-db") == {
        "url": "jdbc:postgresql://db.internal:5432", "fullUrl": "jdbc:postgresql://db.internal:5432/orders",
        "user": "etl", "password": "s3cret", "vendor": "postgresql", "database": "orders"}
    with pytest.raises(KeyError, match="secret glue-connections/other-password is read from the environment variable OTHER_PASSWORD"):
        h.connection_secret("other", "password")


def test_glue_connection_answers_get_connection_from_the_secret_scope(monkeypatch):
    monkeypatch.setenv("LEDGER_DOCS_URL", "mongodb://docs.internal:27017")
    monkeypatch.setenv("LEDGER_DOCS_USER", "reader")
    monkeypatch.setenv("LEDGER_DOCS_PASSWORD", "pw")
    props = h.glue_connection("ledger-docs")["Connection"]["ConnectionProperties"]
    assert (props["CONNECTION_URL"], props["JDBC_CONNECTION_URL"], props["USERNAME"], props["PASSWORD"]) == (
        "mongodb://docs.internal:27017", "mongodb://docs.internal:27017", "reader", "pw")
    hidden = h.glue_connection("ledger-docs", True)["Connection"]
    assert hidden["Name"] == "ledger-docs" and "PASSWORD" not in hidden["ConnectionProperties"]
    with pytest.raises(KeyError, match="KAFKA_BOOTSTRAP_SERVERS"):
        props["KAFKA_BOOTSTRAP_SERVERS"]  # a property the secret scope does not hold fails by name


@pytest.mark.parametrize("url, database, expected", [
    ("jdbc:mysql://h:3306/old?useSSL=true", "new", "jdbc:mysql://h:3306/new?useSSL=true"),
    ("jdbc:redshift://c.example:5439/dev", "prod", "jdbc:redshift://c.example:5439/prod"),
    ("jdbc:postgresql://h:5432", "db", "jdbc:postgresql://h:5432/db"),
    ("jdbc:sqlserver://h:1433;databaseName=old;encrypt=true", "new", "jdbc:sqlserver://h:1433;databaseName=new;encrypt=true"),
])
def test_jdbc_url_database(url, database, expected):
    assert h.jdbc_url(url, database) == expected


def test_kinesis_helpers():
    arn = "arn:aws:kinesis:ap-south-1:123456789012:stream/page-views"
    assert (h.kinesis_arn(arn, "streamName"), h.kinesis_arn(arn, "region")) == ("page-views", "ap-south-1")
    assert h.kinesis_initial_position("TRIM_HORIZON") == "trim_horizon"
    assert json.loads(h.kinesis_initial_position("2024-03-01T00:00:00Z"))["at_timestamp"] == "2024-03-01T00:00:00Z"
    with pytest.raises(ValueError, match="not a Kinesis stream ARN"):
        h.kinesis_arn("arn:aws:sqs:us-east-1:1:queue", "region")


@pytest.mark.parametrize("args, expected", [
    (("mongodb+srv://cluster0.example.net", "ada", "p@ss word", "true", "false"),
     "mongodb+srv://ada:p%40ss%20word@cluster0.example.net/?tls=true&tlsAllowInvalidHostnames=true"),
    (("mongodb://h:27017/db?tls=false", None, None, "true"), "mongodb://h:27017/db?tls=false"),
    (("mongodb://u:p@h:27017", "other", "x"), "mongodb://u:p@h:27017"),
])
def test_mongodb_uri(args, expected):
    assert h.mongodb_uri(*args) == expected


def test_json_records_parse_each_batch_with_an_inferred_schema(spark):
    records = [b'{"user": "u1", "page": "/a", "ms": 12, "geo": {"country": "NO"}}',
               b'{"user": "u2", "page": "/b", "ms": 7.5, "tags": ["x"]}', b"not json", None]
    batch = spark.createDataFrame([(r, "shard-1") for r in records], "data binary, shardId string")
    parsed = h.json_records(batch)
    assert parsed.columns == ["geo", "ms", "page", "tags", "user"]
    assert dict(parsed.dtypes)["ms"] == "double" and dict(parsed.dtypes)["geo"] == "struct<country:string>"
    rows = [r.asDict(recursive=True) for r in parsed.collect()]
    assert {"geo": {"country": "NO"}, "ms": 12.0, "page": "/a", "tags": None, "user": "u1"} in rows
    assert {"geo": None, "ms": 7.5, "page": "/b", "tags": ["x"], "user": "u2"} in rows
    seen = []
    h.parsed_batches(lambda df, batch_id: seen.append((df.columns, batch_id)))(batch, 3)
    assert seen == [(["geo", "ms", "page", "tags", "user"], 3)]


def test_csv_records_parse_with_the_schema_glue_was_given(spark):
    batch = spark.createDataFrame([(b"m-1;12.5;2024-03-01", "shard-1"), (b"m-2;3;2024-03-02", "shard-1")],
                                  "data binary, shardId string")
    parsed = h.csv_column(batch, "meter_id string, kwh double, day date", "data", ";")
    assert parsed.dtypes == [("meter_id", "string"), ("kwh", "double"), ("day", "date")]
    assert [tuple(r) for r in parsed.orderBy("meter_id").collect()] == [
        ("m-1", 12.5, datetime.date(2024, 3, 1)), ("m-2", 3.0, datetime.date(2024, 3, 2))]


def test_kinesis_records_are_json_rows_in_requests_kinesis_accepts(spark):
    df = spark.createDataFrame([(1, "a b", None), (2, "ü", 2.5)], "id bigint, `sensor name` string, temp double")
    documents = [r["data"] for r in h.kinesis_documents(df).orderBy("data").collect()]
    assert [json.loads(d) for d in documents] == [{"id": 1, "sensor name": "a b"},
                                                  {"id": 2, "sensor name": "ü", "temp": 2.5}]
    batches = list(h.kinesis_batches(["{}"] * 1001, "sensor"))
    assert [len(b) for b in batches] == [500, 500, 1]
    assert {e["PartitionKey"] for b in batches for e in b} == {"sensor"} and batches[0][0]["Data"] == b"{}"
    big = "x" * (h.KINESIS_MAX_BYTES // 2)
    assert [len(b) for b in h.kinesis_batches([big, big, "{}"])] == [1, 2]  # 5 MiB per request, keys included
    keys = [e["PartitionKey"] for b in h.kinesis_batches(["{}"] * 3) for e in b]
    assert len(set(keys)) == 3  # no partitionKey: records spread over the shards
    with pytest.raises(ValueError, match="no stream to write to"):
        h.write_kinesis(df, None)


def test_for_each_batch_refuses_options_it_cannot_apply(spark):
    df = spark.createDataFrame([(1,)], "id int")
    with pytest.raises(ValueError, match="without a Structured Streaming equivalent: outputMode"):
        h.for_each_batch(df, lambda batch, batch_id: None, {"windowSize": "5 seconds", "batchMaxRetries": 3,
                                                          "outputMode": "update"})


def test_stream_write_options_known_at_run_time_map_as_the_converter_maps_them(monkeypatch):
    target = h.kinesis_write_target({"streamARN": "arn:aws:kinesis:eu-west-1:1:stream/alerts", "partitionKey": "k",
                                     "aggregationEnabled": "true", "classification": "json"})
    assert target == ("alerts", "eu-west-1", "k", None, None)
    assert h.kinesis_write_target({"streamName": "s", "endpointUrl": "https://kinesis.us-east-2.amazonaws.com"}) == (
        "s", "us-east-2", None, None, "https://kinesis.us-east-2.amazonaws.com")
    with pytest.raises(ValueError, match="without an equivalent: shardCount"):
        h.kinesis_write_target({"streamName": "s", "shardCount": 2})
    monkeypatch.setenv("MSK_BOOTSTRAP_SERVERS", "b-1:9094")
    assert h.kafka_write_options({"connectionName": "msk", "topicName": "t", "partition": "2", "kafka.acks": "all"}) == (
        {"topic": "t", "kafka.acks": "all", "kafka.bootstrap.servers": "b-1:9094"},
        ["to_json(struct(*)) AS value", "2 AS partition"])
    with pytest.raises(ValueError, match="another classification"):
        h.kafka_write_options({"topic": "t", "classification": "avro"})
