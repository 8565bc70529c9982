"""``marketplace.spark`` / ``custom.spark`` connectors -> ``format(<className>)`` with the options
passed through: a Spark connector reads its own options the same way under Glue and Databricks, but
its library has to be installed on the cluster (said in the decision: a missing library fails the job at
its first read, by name). Snowflake (Glue's native ``snowflake`` type, or the
Snowflake Spark connector class) is built into Databricks Runtime as ``format("snowflake")``, with the
same ``sf*`` options. Glue's native OpenSearch Service connection (``opensearch``) reads and writes through
the OpenSearch Spark connector, which Databricks has as a library: ``format("opensearch")`` with the same
``opensearch.*`` options, the endpoint and login of the connection from the secret scope."""

from __future__ import annotations

from collections.abc import Mapping

from g2l_core.convert.connectors import credentials
from g2l_core.convert.connectors.plan import HelperCall, Plan, Secret, Value, literal

SNOWFLAKE, OPENSEARCH, COSMOS = "snowflake", "opensearch", "azurecosmos"
# Glue 4's native BigQuery and Azure Cosmos DB connections are Spark connectors under their own type.
TYPES = frozenset({"marketplace.spark", "custom.spark", SNOWFLAKE, OPENSEARCH, "bigquery", COSMOS})
COSMOS_LOGIN = {"spark.cosmos.accountEndpoint": "url", "spark.cosmos.accountKey": "password"}
COSMOS_LIBRARY = "com.azure.cosmos.spark:azure-cosmos-spark_3-5_2-12"
GLUE_ONLY = frozenset({"connectionName", "className", "useConnectionProperties", "secretId"})
BUILT_IN = {"net.snowflake.spark.snowflake": SNOWFLAKE, SNOWFLAKE: SNOWFLAKE}
SNOWFLAKE_LOGIN = {"sfUrl": "url", "sfUser": "user", "sfPassword": "password"}
BIGQUERY, ICEBERG, HUDI, DELTA = "bigquery", "iceberg", "hudi", "delta"
# Option-name prefixes (or names) only one connector reads: the format when the class is named by the connection
# only. BigQuery's ``parentProject`` is the Spark BigQuery connector's own option.
OPTION_PREFIXES = {"es.": "org.elasticsearch.spark.sql", "opensearch.": OPENSEARCH, "hoodie.": HUDI,
                   "parentProject": BIGQUERY}
# Words in a connection name that say which connector it is, when nothing else does.
NAME_WORDS = {"opensearch": OPENSEARCH, "elasticsearch": "org.elasticsearch.spark.sql", "bigquery": BIGQUERY,
              "iceberg": ICEBERG, "hudi": HUDI, "deltalake": DELTA}
# Formats Databricks Runtime has built in: no library to install, said instead.
BUILT_IN_FORMATS = {
    BIGQUERY: "Databricks' built-in BigQuery connector: give it the service account key of the Glue connection's "
              "secret as the credentials option (base64), or set the cluster's Google credentials",
    DELTA: "Delta is Databricks' own format",
}
OPENSEARCH_LOGIN = {"opensearch.nodes": "url", "opensearch.net.http.auth.user": "user",
                    "opensearch.net.http.auth.pass": "password"}
OPENSEARCH_LIBRARY = "org.opensearch.client:opensearch-spark-30_2.12"


def plan(connection_type: str, options: Mapping[str, Value], write: bool = False) -> Plan:
    out = Plan("spark connector")
    name = options.get("connectionName")
    class_name = literal(options.get("className"), None)
    if connection_type == SNOWFLAKE or class_name in BUILT_IN:
        return _snowflake(options, write)
    if connection_type == OPENSEARCH:
        return _opensearch(options, write)
    if connection_type == "bigquery":
        return _bigquery(options, write)
    if connection_type == COSMOS:
        return _cosmos(options, write)
    inferred = next((fmt for prefix, fmt in OPTION_PREFIXES.items() if any(k.startswith(prefix) for k in options)), None)
    shown_name = literal(name, None)
    named = next((fmt for word, fmt in NAME_WORDS.items()
                  if isinstance(shown_name, str) and word in shown_name.lower().replace("-", "").replace("_", "")), None)
    if "className" in options:
        out.format = options["className"]
    elif inferred is not None:
        out.format = inferred
        out.notes.append(f"format {inferred!r} read off the connector's option names")
    elif named is not None:
        out.format = named
        out.notes.append(f"format {named!r} read off the connection name {shown_name!r}")
    else:
        out.format = name
        out.flags.append(f"the connector class comes from Glue connection {credentials.describe(name)}: "
                         "put the connector's Spark format name in format(...)")
    _pass_through(out, options)
    if "secretId" in options:
        credentials.add_secrets_manager(out, options["secretId"])
    if write:
        out.mode = "append"
    shown = literal(out.format, None)
    if shown in BUILT_IN_FORMATS:
        out.notes.append(BUILT_IN_FORMATS[shown])
        return out
    library = repr(shown) if isinstance(shown, str) else "the connector's"
    out.notes.append(f"install the {library} connector library on the cluster ({connection_type} "
                     "connectors are not part of Databricks Runtime)")
    return out


def catalog_table(plan: Plan) -> tuple[str, str] | None:
    """``(database, table)`` of an Iceberg connector's ``path`` naming a catalog table
    (``glue_catalog.db.table``): Glue's catalog tables are Unity Catalog tables on Databricks."""
    path = literal(plan.options.get("path"), None)
    if literal(plan.format, None) != ICEBERG or not isinstance(path, str):
        return None
    parts = path.split(".")
    return (parts[1], parts[2]) if len(parts) == 3 and all(parts) and "/" not in path else None


def opaque_plan(connection_type: str, options: Value, write: bool = False) -> Plan:
    """A Spark connector's options known only at run time: the helper names the format from their
    ``className`` and drops Glue's connection plumbing when the job runs."""
    out = Plan("spark connector", format=HelperCall("spark_connector_format", (options,)),
               spread=HelperCall("spark_connector_options", (options,)), mode="append" if write else None)
    out.flags.append(f"{connection_type} options computed at run time: g2l_helpers.spark_connector_format takes "
                     "the format from their className (a connector named only by its Glue connection needs its "
                     "format written in); install the connector library on the cluster")
    return out


def _pass_through(out: Plan, options: Mapping[str, Value]) -> None:
    """The connector's own options go in as they are; Glue's connection plumbing does not."""
    for key, value in options.items():
        if key not in GLUE_ONLY:
            out.option(key, value)


def _snowflake(options: Mapping[str, Value], write: bool) -> Plan:
    out = Plan(SNOWFLAKE, format=SNOWFLAKE, mode="append" if write else None)
    name = options.get("connectionName")
    if name is not None:
        for option, field in SNOWFLAKE_LOGIN.items():
            if option not in options:
                out.option(option, Secret(name, field))
        out.notes.append(f"login of Glue connection {credentials.describe(name)} from the secret scope")
    _pass_through(out, options)
    if isinstance(literal(options.get("sfPassword"), None), str):
        out.flags.append("password written in the code: store it in the secret scope")
    return out


def _opensearch(options: Mapping[str, Value], write: bool) -> Plan:
    out = Plan(OPENSEARCH, format=OPENSEARCH, mode="append" if write else None)
    name = options.get("connectionName")
    if name is not None:
        for option, field in OPENSEARCH_LOGIN.items():
            if option not in options and not (field != "url" and "secretId" in options):
                out.option(option, Secret(name, field))
        out.notes.append(f"endpoint and login of Glue connection {credentials.describe(name)} from the secret scope; "
                         "its other settings (opensearch.port, opensearch.nodes.wan.only, SigV4) go in as options")
    _pass_through(out, options)
    if "secretId" in options:
        for option, field in list(OPENSEARCH_LOGIN.items())[1:]:
            out.option(option, Secret(options["secretId"], field))
        out.notes.append(f"login of Secrets Manager secret {credentials.describe(options['secretId'])} from the "
                         "secret scope")
    if name is None and "opensearch.nodes" not in options:
        out.flags.append("no connectionName and no opensearch.nodes: set the domain endpoint")
    if "opensearch.resource" not in options and "path" not in options:
        out.flags.append("no opensearch.resource: name the index")
    if isinstance(literal(options.get("opensearch.net.http.auth.pass"), None), str):
        out.flags.append("password written in the code: store it in the secret scope")
    out.notes.append(f"install the OpenSearch Spark connector ({OPENSEARCH_LIBRARY}) on the cluster: it is not part "
                     "of Databricks Runtime")
    return out


def _bigquery(options: Mapping[str, Value], write: bool) -> Plan:
    """Glue 4's native BigQuery connection -> Databricks' built-in ``format("bigquery")``: the options are the
    Spark BigQuery connector's; the service account key of the Glue connection comes from the secret scope
    as ``credentials`` (base64, as the connector takes it); a ``query`` source needs views enabled."""
    out = Plan(BIGQUERY, format=BIGQUERY, mode="append" if write else None)
    name = options.get("connectionName")
    if name is not None and "credentials" not in options:
        out.option("credentials", Secret(name, "credentials"))
        out.notes.append(f"service account key (base64) of Glue connection {credentials.describe(name)} from the "
                         "secret scope")
    for key, value in options.items():
        if key not in GLUE_ONLY and key != "sourceType":
            out.option(key, value)
    if literal(options.get("sourceType"), None) == "query" or "query" in options:
        out.options.setdefault("viewsEnabled", "true")
        if "materializationDataset" not in options:
            out.flags.append("a BigQuery query source needs materializationDataset (a dataset for the query result)")
    out.notes.append(BUILT_IN_FORMATS[BIGQUERY])
    return out


def _cosmos(options: Mapping[str, Value], write: bool) -> Plan:
    """Glue 4's native Azure Cosmos DB connection -> the Azure Cosmos DB Spark connector
    (``format("cosmos.oltp")``) with the same ``spark.cosmos.*`` options; the account endpoint and key of
    the Glue connection come from the secret scope."""
    out = Plan("azure cosmos db", format="cosmos.oltp", mode="append" if write else None)
    name = options.get("connectionName")
    if name is not None:
        for option, field in COSMOS_LOGIN.items():
            if option not in options:
                out.option(option, Secret(name, field))
        out.notes.append(f"account endpoint and key of Glue connection {credentials.describe(name)} from the "
                         "secret scope")
    _pass_through(out, options)
    out.notes.append(f"install the Azure Cosmos DB Spark connector ({COSMOS_LIBRARY}) on the cluster")
    return out
