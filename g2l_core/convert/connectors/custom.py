"""``marketplace.spark`` / ``custom.spark`` connectors -> ``format(<className>)`` with the options
passed through: a Spark connector reads its own options the same way under Glue and Databricks, but
its library has to be installed on the cluster (said in the decision: a missing library fails the job at
its first read, by name). Snowflake (Glue's native ``snowflake`` type, or the
Snowflake Spark connector class) is built into Databricks Runtime as ``format("snowflake")``, with the
same ``sf*`` options."""

from __future__ import annotations

from collections.abc import Mapping

from g2l_core.convert.connectors import credentials
from g2l_core.convert.connectors.plan import Plan, Secret, Value, literal

SNOWFLAKE = "snowflake"
TYPES = frozenset({"marketplace.spark", "custom.spark", SNOWFLAKE})
GLUE_ONLY = frozenset({"connectionName", "className", "useConnectionProperties", "secretId"})
BUILT_IN = {"net.snowflake.spark.snowflake": SNOWFLAKE, SNOWFLAKE: SNOWFLAKE}
SNOWFLAKE_LOGIN = {"sfUrl": "url", "sfUser": "user", "sfPassword": "password"}
# Option-name prefixes only one connector reads: the format when the class is named by the connection only.
OPTION_PREFIXES = {"es.": "org.elasticsearch.spark.sql", "opensearch.": "opensearch"}


def plan(connection_type: str, options: Mapping[str, Value], write: bool = False) -> Plan:
    out = Plan("spark connector")
    name = options.get("connectionName")
    class_name = literal(options.get("className"), None)
    if connection_type == SNOWFLAKE or class_name in BUILT_IN:
        return _snowflake(options, write)
    inferred = next((fmt for prefix, fmt in OPTION_PREFIXES.items() if any(k.startswith(prefix) for k in options)), None)
    if "className" in options:
        out.format = options["className"]
    elif inferred is not None:
        out.format = inferred
        out.notes.append(f"format {inferred!r} read off the connector's option names")
    else:
        out.format = name
        out.flags.append(f"the connector class comes from Glue connection {credentials.describe(name)}: "
                         "put the connector's Spark format name in format(...)")
    for key, value in options.items():
        if key not in GLUE_ONLY:
            out.option(key, value)
    if "secretId" in options:
        credentials.add_secrets_manager(out, options["secretId"])
    if write:
        out.mode = "append"
    shown = literal(out.format, None)
    library = repr(shown) if isinstance(shown, str) else "the connector's"
    out.notes.append(f"install the {library} connector library on the cluster ({connection_type} "
                     "connectors are not part of Databricks Runtime)")
    return out


def _snowflake(options: Mapping[str, Value], write: bool) -> Plan:
    out = Plan(SNOWFLAKE, format=SNOWFLAKE, mode="append" if write else None)
    name = options.get("connectionName")
    if name is not None:
        for option, field in SNOWFLAKE_LOGIN.items():
            if option not in options:
                out.option(option, Secret(name, field))
        out.notes.append(f"login of Glue connection {credentials.describe(name)} from the secret scope")
    for key, value in options.items():
        if key not in GLUE_ONLY:
            out.option(key, value)
    if isinstance(literal(options.get("sfPassword"), None), str):
        out.flags.append("password written in the code: store it in the secret scope")
    return out
