"""Kinesis and Kafka streaming sources -> ``spark.readStream`` with Databricks' native connectors.

Glue parses each record by ``classification`` (JSON, CSV, Avro) and hands the columns on; the Spark
connectors hand over the raw record (Kinesis ``data``, Kafka ``value``, both binary). With the schema
Glue was given (``schema``: DDL for JSON and CSV, Avro JSON for Avro, also ``avroSchema``) the read parses
the column the same way (``from_json``, ``from_csv`` with the ``delimiter``, ``from_avro``) through a
helper that spreads the record into columns. A stream cannot infer a schema, so a read that relied on
Glue's inference is flagged with the recipe for its classification (JSON batches handed to
``forEachBatch`` are the exception: they are parsed per batch, see ``parses_in_batches``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from g2l_core.convert.connectors.plan import (
    FRAME, HelperCall, Method, Plan, Secret, Value, leftover, literal, pick, truthy,
)
from g2l_core.options import StreamTable

KINESIS, KAFKA = "kinesis", "kafka"
TYPES = frozenset({KINESIS, KAFKA})
POSITIONS = {"latest": "latest", "trim_horizon": "trim_horizon", "earliest": "earliest"}
KINESIS_RENAMED = {"streamName": "streamName", "endpointUrl": "endpoint", "awsSTSRoleARN": "roleArn",
                   "awsSTSSessionName": "roleSessionName", "awsSTSEndpoint": "stsEndpoint", "region": "region"}
KAFKA_RENAMED = {"bootstrap.servers": "kafka.bootstrap.servers", "security.protocol": "kafka.security.protocol",
                 "topicName": "subscribe", "assign": "assign", "subscribePattern": "subscribePattern",
                 "startingOffsets": "startingOffsets", "endingOffsets": "endingOffsets",
                 "maxOffsetsPerTrigger": "maxOffsetsPerTrigger", "minPartitions": "minPartitions",
                 "includeHeaders": "includeHeaders", "pollTimeoutMs": "kafkaConsumer.pollTimeoutMs",
                 "numRetries": "fetchOffset.numRetries", "retryIntervalMs": "fetchOffset.retryIntervalMs",
                 "failOnDataLoss": "failOnDataLoss"}
# Glue's fetch tuning and parsing settings: nothing to carry over (parsing is flagged on its own).
TUNING = frozenset({"typeOfData", "maxFetchTimeInMs", "maxFetchRecordsPerShard", "maxRecordPerRead",
                    "addIdleTimeBetweenReads", "idleTimeBetweenReadsInMs", "describeShardInterval", "numRetries",
                    "retryIntervalMs", "maxRetryIntervalMs", "avoidEmptyBatches", "emitConsumerLagMetrics",
                    "classification", "inferSchema", "schema", "delimiter", "addRecordTimestamp",
                    "recordPollingLimit"})
# additional_options of a catalog read that only a streaming source takes: the table is a stream.
KINESIS_MARKERS = frozenset({"startingPosition", "streamARN", "streamName", "maxFetchTimeInMs", "maxFetchRecordsPerShard",
                             "idleTimeBetweenReadsInMs", "avoidEmptyBatches"})
KAFKA_MARKERS = frozenset({"startingOffsets", "endingOffsets", "bootstrap.servers", "topicName", "maxOffsetsPerTrigger"})
_ENDPOINT_REGION = re.compile(r"kinesis[.-](?:fips\.)?([a-z]{2}(?:-[a-z]+)+-\d)\.")


def read_plan(connection_type: str, options: Mapping[str, Value], parsed_in_batches: str = "") -> Plan:
    """``parsed_in_batches``: ``"all"`` when the stream only feeds ``forEachBatch`` functions that get
    their batches through ``g2l_helpers.parsed_batches`` (see ``parses_in_batches``), ``"some"`` when it
    is used elsewhere as well."""
    plan = kinesis(options) if connection_type == KINESIS else kafka(options)
    plan.streaming = True
    note = ("records parsed per micro-batch by g2l_helpers.parsed_batches (schema inferred per batch, as Glue's "
            "inferSchema does)")
    if parsed_in_batches == "all":
        plan.flags = [f for f in plan.flags if not f.startswith("Glue parsed the records")]
        plan.notes.append(note)
    elif parsed_in_batches == "some":
        plan.flags = [f + f" (in forEachBatch functions: {note})" if f.startswith("Glue parsed the records") else f
                      for f in plan.flags]
    return plan


def parses_in_batches(options: Mapping[str, Value]) -> bool:
    """Glue parses JSON records with an inferred schema: the converted batch function can do the same."""
    return (literal(options.get("classification"), None) == "json" and truthy(options.get("inferSchema"))
            and "schema" not in options)


def record_column(connection_type: str) -> str:
    return "data" if connection_type == KINESIS else "value"


def catalog_kind(additional: Mapping[str, Value]) -> str | None:
    """``kinesis``/``kafka`` when a catalog read's options make it a streaming read, else None."""
    if KAFKA_MARKERS & set(additional):
        return KAFKA
    if KINESIS_MARKERS & set(additional):
        return KINESIS
    return None


def catalog_read_plan(kind: str, additional: Mapping[str, Value], table: str, stream: StreamTable | None = None,
                      parsed_in_batches: str = "") -> Plan:
    """A Glue catalog table that describes a stream. With the table's DDL (``stream``), its parameters
    name the stream and its columns are the record schema Glue parsed with; without it, the code does
    not show the stream, so the plan says where to look."""
    if stream is not None:
        plan = read_plan(kind, table_options(stream, additional), parsed_in_batches)
        plan.notes.append(f"stream and record schema from the DDL of Glue catalog table {table}")
        return plan
    plan = read_plan(kind, additional, parsed_in_batches)
    where = "streamName and region" if kind == KINESIS else "kafka.bootstrap.servers and subscribe"
    plan.flags = [f for f in plan.flags if not f.startswith("no ")]
    plan.flags.insert(0, f"the {kind} stream is described by Glue catalog table {table}: set {where} from its "
                         "parameters")
    return plan


def table_options(stream: StreamTable, additional: Mapping[str, Value]) -> dict[str, Value]:
    """The connection options a catalog read of ``stream`` stands for: the table's parameters, its
    columns as the record schema (unless the read asks Glue to infer one), then the read's own options."""
    options: dict[str, Value] = {("bootstrap.servers" if k == "kafka.bootstrap.servers" else k): v
                                 for k, v in stream.parameters.items() if k != "typeOfData"}
    options.setdefault("classification", "json")
    schema = stream.schema()
    if schema is not None and not truthy(additional.get("inferSchema")):
        options["schema"] = schema
    options.update(additional)
    return options


def kinesis(options: Mapping[str, Value]) -> Plan:
    plan = Plan(KINESIS, format=KINESIS)
    _kinesis_stream(plan, options)
    if "streamName" not in plan.options:
        plan.flags.append("no streamARN/streamName: set streamName and region")
    position = options.get("startingPosition")
    if position is not None:
        text = literal(position, None)
        if isinstance(text, str) and text.lower() in POSITIONS:
            plan.option("initialPosition", POSITIONS[text.lower()])
        else:  # a timestamp, or computed at run time
            plan.option("initialPosition", HelperCall("kinesis_initial_position", (position,)))
    if "fanoutConsumerARN" in options:
        plan.flags.append("enhanced fan-out consumer: set consumerMode='efo' and the consumer name by hand")
    parsed = _parsing(plan, options, "data")
    _rest(plan, options, set(KINESIS_RENAMED) | {"streamARN", "startingPosition", "fanoutConsumerARN"} | parsed)
    return plan


def _kinesis_stream(plan: Plan, options: Mapping[str, Value]) -> None:
    """The stream's name and region (from ``streamARN``, ``streamName``, the endpoint's host) and the
    renamed connection options, as ``plan`` options."""
    arn = options.get("streamARN")
    if arn is not None:
        text = literal(arn, None)
        if isinstance(text, str) and text.count(":") >= 5 and "/" in text:
            plan.option("streamName", text.rsplit("/", 1)[-1])
            plan.option("region", text.split(":")[3])
        else:
            plan.option("streamName", HelperCall("kinesis_arn", (arn, "streamName")))
            plan.option("region", HelperCall("kinesis_arn", (arn, "region")))
    for glue, spark in KINESIS_RENAMED.items():
        if glue in options:
            plan.option(spark, options[glue])
    endpoint = literal(options.get("endpointUrl"), None)
    if "region" not in plan.options and isinstance(endpoint, str) and _ENDPOINT_REGION.search(endpoint):
        plan.option("region", _ENDPOINT_REGION.search(endpoint).group(1))  # type: ignore[union-attr]


# Glue's Kinesis Producer Library settings: batching and rate limits of its writer, nothing to carry over.
KINESIS_PRODUCER = frozenset({"recordMaxBufferedTime", "aggregationEnabled", "aggregationMaxSize", "aggregationMaxCount",
                              "producerRateLimit", "collectionMaxCount", "collectionMaxSize"})
KINESIS_WRITE_KNOWN = frozenset({"streamARN", "streamName", "endpointUrl", "region", "partitionKey", "awsSTSRoleARN",
                                 "awsSTSSessionName", "classification", "connectionName"}) | KINESIS_PRODUCER


def kinesis_write_plan(options: Mapping[str, Value]) -> Plan:
    """A Kinesis write: Glue puts every row as one JSON record. Databricks' Kinesis sink serves streaming
    queries only (``writeStream``), while Glue writes the DataFrame of a batch function, so the rows go
    through ``g2l_helpers.write_kinesis`` (PutRecords from each partition, as a Structured Streaming
    ``foreach`` writer to Kinesis does)."""
    plan = Plan(KINESIS)
    stream = Plan(KINESIS)
    _kinesis_stream(stream, options)
    name, region = stream.options.get("streamName"), stream.options.get("region")
    if name is None:
        plan.flags.append("no streamARN/streamName: name the stream to write to")
    role, endpoint = stream.options.get("roleArn"), stream.options.get("endpoint")
    args: list[Value] = [FRAME, name, region, options.get("partitionKey"), role, endpoint]
    while len(args) > 2 and args[-1] is None:
        args.pop()
    plan.writer = HelperCall("write_kinesis", tuple(args))
    key = "with the partitionKey Glue was given" if "partitionKey" in options else "with a random partition key each"
    plan.notes.append(f"g2l_helpers.write_kinesis puts every row as one JSON record, as Glue writes them, {key} "
                      "(PutRecords from each partition; cluster credentials need kinesis:PutRecords)")
    classification = literal(options.get("classification", "json"), None)
    if classification != "json":
        plan.flags.append(f"Glue wrote the records as {classification or 'a computed classification'}: "
                          "write_kinesis writes JSON")
    producer = sorted(KINESIS_PRODUCER & set(options))
    if producer:
        plan.notes.append(f"Kinesis Producer Library settings dropped: {', '.join(producer)} (records are put one "
                          "by one, not aggregated; Kinesis consumers read both)")
    unknown = leftover(options, KINESIS_WRITE_KNOWN)
    if unknown:
        plan.flags.append(f"options without an equivalent in write_kinesis: {', '.join(unknown)}")
    return plan


def kafka(options: Mapping[str, Value]) -> Plan:
    plan = Plan(KAFKA, format=KAFKA)
    _bootstrap(plan, options)
    for glue, spark in KAFKA_RENAMED.items():
        if glue in options:
            plan.option(spark, options[glue])
    if not {"subscribe", "assign", "subscribePattern"} & set(plan.options):
        plan.flags.append("no topicName/assign/subscribePattern: set the topic to subscribe to")
    if "kafka.bootstrap.servers" not in plan.options:
        plan.flags.append("no bootstrap servers: set kafka.bootstrap.servers")
    parsed = _parsing(plan, options, "value")
    _rest(plan, options, set(KAFKA_RENAMED) | {"connectionName"} | parsed)
    return plan


# Glue's Kafka sink options -> Spark's Kafka sink options (producer settings keep their kafka. prefix).
KAFKA_SINK_RENAMED = {"bootstrap.servers": "kafka.bootstrap.servers", "security.protocol": "kafka.security.protocol",
                      "topic": "topic", "topicName": "topic"}


def kafka_write_plan(options: Mapping[str, Value]) -> Plan:
    """A Kafka sink: Glue writes each record as a JSON document; Spark's sink writes the ``value``
    column (and ``partition`` when given), so the frame is serialized first."""
    plan = Plan(KAFKA, format=KAFKA)
    columns: list[Value] = ["to_json(struct(*)) AS value"]
    _bootstrap(plan, options)
    for glue, spark in KAFKA_SINK_RENAMED.items():
        if glue in options:
            plan.option(spark, options[glue])
    for key, value in options.items():
        if key.startswith("kafka."):
            plan.option(key, value)
    if "topic" not in plan.options:
        plan.flags.append("no topic: set the topic to write to")
    if "kafka.bootstrap.servers" not in plan.options:
        plan.flags.append("no bootstrap servers: set kafka.bootstrap.servers")
    classification = literal(options.get("classification", "json"), None)
    if classification != "json":
        plan.flags.append(f"Glue wrote the records as {classification or 'a computed classification'}: "
                          "serialize the value column accordingly")
    partition = literal(options.get("partition"), None) if "partition" in options else None
    if isinstance(partition, (int, str)) and str(partition).strip().isdigit():
        columns.append(f"{int(partition)} AS partition")
    elif "partition" in options:
        plan.flags.append("partition computed at run time: add it as an int column named partition")
    plan.before = Method(FRAME, "selectExpr", tuple(columns))
    plan.notes.append("records written as JSON in the value column, as Glue writes them")
    known = set(KAFKA_SINK_RENAMED) | {"connectionName", "classification", "partition"}
    unknown = [k for k in leftover(options, known) if not k.startswith("kafka.")]
    if unknown:
        plan.flags.append(f"options without a Spark kafka sink equivalent: {', '.join(unknown)}")
    return plan


SINK_TABLE_KEYS = {KAFKA: frozenset({"topicName", "bootstrap.servers", "kafka.bootstrap.servers", "connectionName",
                                     "security.protocol", "classification"}),
                   KINESIS: frozenset({"streamARN", "streamName", "endpointUrl", "region", "awsSTSRoleARN",
                                       "classification"})}


def catalog_write_plan(kind: str, given: Mapping[str, Value], table: str, stream: StreamTable | None) -> Plan:
    """A write to a Glue catalog table over a stream (``write_dynamic_frame.from_catalog``, a sink with
    ``setCatalogInfo``): the topic or stream and its brokers or region come from the table's DDL, the
    write's own options on top; without the DDL the plan says where to look."""
    options: dict[str, Value] = {}
    if stream is not None:
        options = {("bootstrap.servers" if k == "kafka.bootstrap.servers" else k): v
                   for k, v in stream.parameters.items() if k in SINK_TABLE_KEYS[kind]}
    options.update(given)
    plan = kafka_write_plan(options) if kind == KAFKA else kinesis_write_plan(options)
    if stream is not None:
        plan.notes.append(f"{'topic' if kind == KAFKA else 'stream'} from the DDL of Glue catalog table {table}")
    else:
        what = "topic and kafka.bootstrap.servers" if kind == KAFKA else "stream name and region"
        plan.flags = [f for f in plan.flags if not f.startswith("no ")]
        plan.flags.insert(0, f"the {kind} {'topic' if kind == KAFKA else 'stream'} is described by Glue catalog "
                             f"table {table}: set its {what} from the table's parameters")
    return plan


def opaque_write_plan(kind: str, options: Value) -> Plan:
    """A Kafka or Kinesis write whose ``connection_options`` are known only at run time: a helper maps
    Glue's option names as the converter does, and raises on one it has no equivalent for."""
    plan = Plan(kind, writer=HelperCall(f"write_{kind}_options", (FRAME, options)))
    plan.notes.append(f"connection options known only at run time: g2l_helpers.write_{kind}_options maps Glue's "
                      "names when the job runs (records as JSON, as Glue writes them); other keys raise")
    return plan


def _bootstrap(plan: Plan, options: Mapping[str, Value]) -> None:
    """Bootstrap servers of a Glue connection named by ``connectionName``, unless given directly."""
    name = options.get("connectionName")
    if name is not None and "bootstrap.servers" not in options:
        plan.option("kafka.bootstrap.servers", Secret(name, "bootstrap_servers"))
        plan.notes.append("bootstrap servers of the Glue connection from the secret scope; add its SASL/SSL "
                          "settings as kafka.* options")


def _parsing(plan: Plan, options: Mapping[str, Value], column: str) -> set[str]:
    """How the records in ``column`` are parsed (``plan.after``), or the flag saying how to; returns the
    option names used."""
    classification = literal(options.get("classification"), None)
    schema = options.get("schema")
    given = schema is not None and not truthy(options.get("inferSchema"))
    if classification == "json" and given:
        plan.after = HelperCall("json_column", (FRAME, schema, column))
        plan.notes.append(f"JSON records in {column!r} parsed with the schema Glue was given")
        return {"schema"}
    if classification == "csv" and given:
        delimiter = options.get("delimiter", ",")
        plan.after = HelperCall("csv_column", (FRAME, schema, column, delimiter))
        plan.notes.append(f"CSV records in {column!r} parsed with the schema Glue was given (from_csv)")
        return {"schema", "delimiter"}
    avro_schema = pick(options, "avroSchema", "schema")
    if classification == "avro" and avro_schema is not None:
        plan.after = HelperCall("avro_column", (FRAME, avro_schema, column))
        plan.notes.append(f"Avro records in {column!r} decoded with the Avro schema Glue was given (from_avro); "
                          "records framed by a schema registry need from_avro's schema registry options instead")
        return {"schema", "avroSchema"}
    kind = classification if isinstance(classification, str) else "the classification"
    delimiter = literal(options.get("delimiter", ","), None)
    recipe = RECIPES.get(classification, RECIPES["json"]).format(
        column=column, delimiter=repr(delimiter) if isinstance(delimiter, str) else "<delimiter>")
    plan.flags.append(f"Glue parsed the records as {kind}; the stream has them in the binary column {column!r}: "
                      f"parse with {recipe}")
    return set()


# How to parse records whose schema Glue inferred (or read from the catalog): a stream needs it written out.
RECIPES = {
    "json": "F.from_json(F.col({column!r}).cast('string'), <record schema>)",
    "csv": "g2l_helpers.csv_column(df, '<col type, ...>', {column!r}, {delimiter}) (from_csv; the CSV schema "
           "Glue inferred has to be written out)",
    "avro": "g2l_helpers.avro_column(df, '<Avro schema JSON>', {column!r}) (from_avro)",
}


def _rest(plan: Plan, options: Mapping[str, Value], known: set[str]) -> None:
    dropped = sorted(TUNING & set(options) - known - {"classification", "inferSchema", "schema"})
    if dropped:
        plan.notes.append(f"Glue-only tuning options dropped: {', '.join(dropped)}")
    unknown = leftover(options, known | TUNING)
    if unknown:
        plan.flags.append(f"options without a Spark {plan.family} equivalent: {', '.join(unknown)}")
