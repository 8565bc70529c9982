"""``marketplace.spark`` / ``custom.spark`` connectors -> ``format(<className>)``, options passed through;
Snowflake and OpenSearch Service connections -> ``format("snowflake"|"opensearch")``; an Iceberg connector's
catalog table -> the Unity Catalog table of that name."""

from __future__ import annotations

from g2l_core.convert.connectors import custom
from g2l_core.convert.connectors.plan import FRAME, SESSION, Method, Plan, Value
from g2l_core.convert.connectors.rules.base import ConnectorRead, ConnectorWrite
from g2l_core.convert.rules import Site


def unity_catalog_table(site: Site, plan: Plan | None, write: bool) -> Plan | None:
    """An Iceberg connector reading or writing ``glue_catalog.db.table``: the Glue catalog's tables are Unity
    Catalog tables on Databricks, read with ``spark.table`` and appended to with ``writeTo(...).append()``
    (which, like the connector, needs the table to exist)."""
    table = custom.catalog_table(plan) if plan is not None else None
    if table is None:
        return plan
    name = site.options.table_name(*table)
    out = Plan("iceberg table", notes=[f"Iceberg table {table[0]}.{table[1]} of the Glue catalog -> Unity Catalog "
                                      f"table {name} (migrate it, as Delta or as a managed Iceberg table)"])
    if write:
        out.writer = Method(Method(FRAME, "writeTo", (name,)), "append")
    else:
        out.reader = Method(SESSION, "table", (name,))
    others = sorted(k for k in plan.options if k != "path")
    if others:
        out.flags.append(f"connector options not carried over to the table: {', '.join(others)}")
    return out


class SparkConnectorRead(ConnectorRead):
    DESCRIPTION = ("`from_options('marketplace.spark'|'custom.spark', {className, ...})` -> `spark.read.format(className)`; "
                   "`'opensearch'` -> `format('opensearch')` with the opensearch.* options")
    TYPES = custom.TYPES

    def plan(self, site: Site, kind: str, options: dict[str, Value]) -> Plan | None:
        return unity_catalog_table(site, super().plan(site, kind, options), write=False)


class SparkConnectorWrite(ConnectorWrite):
    DESCRIPTION = ("`write_dynamic_frame.from_options(frame, 'custom.spark'|'opensearch', {className, ...})` -> "
                   "`df.write.format(className|'opensearch')`")
    TYPES = custom.TYPES

    def plan(self, site: Site, kind: str, options: dict[str, Value]) -> Plan | None:
        return unity_catalog_table(site, super().plan(site, kind, options), write=True)


RULES = (SparkConnectorRead, SparkConnectorWrite)
