"""MongoDB and Amazon DocumentDB (``connection_type="mongodb"|"documentdb"``) -> the MongoDB Spark
connector's ``format("mongodb")`` (version 10; a cluster library, not part of Databricks Runtime).

Glue takes the login and TLS settings as options; the connector reads them from the connection URI,
so ``g2l_helpers.mongodb_uri`` puts them into it at run time (with a Glue connection, the URI and the
login come from the secret scope).
"""

from __future__ import annotations

from collections.abc import Mapping

from g2l_core.convert.connectors import credentials
from g2l_core.convert.connectors.plan import HelperCall, Plan, Secret, Value, leftover, literal, pick

TYPES = frozenset({"mongodb", "documentdb"})
SAME_NAME = ("database", "collection", "maxBatchSize", "batchSize")
URI_SETTINGS = ("username", "password", "ssl", "ssl.domain_match", "retryWrites")
DROPPED = frozenset({"connectionName", "uri", "connection.uri", "partitioner", "partitionerOptions.partitionKey",
                     "partitionerOptions.partitionSizeMB", "partitionerOptions.samplesPerPartition",
                     "disableUpdateUri", "replaceDocument", "extendedBsonTypes", "writeConcern.w", "readPreference.name"})
LIBRARY = ("install the MongoDB Spark connector (org.mongodb.spark:mongo-spark-connector_2.12, version 10) on the "
           "cluster")


def plan(connection_type: str, options: Mapping[str, Value], write: bool = False) -> Plan:
    out = Plan(connection_type, format="mongodb", mode="append" if write else None)
    name = options.get("connectionName")
    uri = pick(options, "connection.uri", "uri")
    if uri is None and name is not None:
        uri = Secret(name, "url")
    login = {key: options.get(key) for key in ("username", "password")}
    if name is not None:
        login = {key: login[key] if login[key] is not None else Secret(name, field)
                 for key, field in (("username", "user"), ("password", "password"))}
        out.notes.append(f"URI and login of Glue connection {credentials.describe(name)} from the secret scope")
    if uri is None:
        out.flags.append("no uri/connection.uri and no Glue connection: set connection.uri")
    else:
        tls = [options.get("ssl"), options.get("ssl.domain_match"), options.get("retryWrites")]
        args = (uri, login["username"], login["password"], *tls)
        while args and args[-1] is None and len(args) > 1:
            args = args[:-1]
        out.option("connection.uri", uri if len(args) == 1 else HelperCall("mongodb_uri", args))
    for key in SAME_NAME:
        if key in options:
            out.option(key, options[key])
    if write and literal(options.get("replaceDocument"), "true") in (False, "false"):
        out.option("operationType", "update")  # Glue's replaceDocument=false updates the given fields only
    if isinstance(literal(options.get("password"), None), str):
        out.flags.append("password written in the code: store it in the secret scope")
    if connection_type == "documentdb":
        out.notes.append("DocumentDB needs its CA bundle on the cluster (tlsCAFile in the URI)")
    unknown = leftover(options, DROPPED | set(SAME_NAME) | set(URI_SETTINGS))
    if unknown:
        out.flags.append(f"options without a MongoDB connector equivalent: {', '.join(unknown)}")
    out.notes.append(LIBRARY)
    return out
