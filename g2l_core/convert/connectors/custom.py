"""``marketplace.spark`` / ``custom.spark`` connectors -> ``format(<className>)`` with the options
passed through: a Spark connector reads its own options the same way under Glue and Databricks, but
its library has to be installed on the cluster."""

from __future__ import annotations

from collections.abc import Mapping

from g2l_core.convert.connectors import credentials
from g2l_core.convert.connectors.plan import Plan, Value, literal

TYPES = frozenset({"marketplace.spark", "custom.spark"})
GLUE_ONLY = frozenset({"connectionName", "className", "useConnectionProperties", "secretId"})


def plan(connection_type: str, options: Mapping[str, Value], write: bool = False) -> Plan:
    out = Plan("spark connector")
    name = options.get("connectionName")
    if "className" in options:
        out.format = options["className"]
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
    out.flags.append(f"install the {library} connector library on the cluster ({connection_type} "
                     "connectors are not part of Databricks Runtime)")
    return out
