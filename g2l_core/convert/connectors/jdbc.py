"""JDBC sources and targets (``mysql``, ``postgresql``, ``sqlserver``, ``oracle``, ``custom.jdbc``,
``marketplace.jdbc``, catalog connections) -> ``format("jdbc")`` with the same options.

Glue's parallel read by ``hashfield``/``hashpartitions`` has a Spark counterpart only for a numeric,
date or timestamp column with known bounds (``partitionColumn``, ``lowerBound``, ``upperBound``,
``numPartitions``); without bounds (and for ``hashexpression``) the read is one partition: the same
rows, read by one query, which the decision notes. Spark reads its JDBC option names in any case, as
custom connectors write them (``dbTable``); a custom connector's ``filterPredicate`` becomes a
filtered subquery in ``dbtable``, which also works with ``partitionColumn``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from g2l_core.convert.connectors import credentials
from g2l_core.convert.connectors.plan import Plan, Secret, Template, Value, leftover, literal, pick, truthy

TYPES = frozenset({"jdbc", "mysql", "postgresql", "sqlserver", "oracle", "custom.jdbc", "marketplace.jdbc",
                   "azuresql", "teradata", "vertica", "saphana", "db2"})  # the last ones: Glue 4 native JDBC types
# Spark JDBC options Glue accepts under the same name (custom and marketplace connectors pass them on).
SAME_NAME = ("dbtable", "query", "partitionColumn", "lowerBound", "upperBound", "numPartitions", "fetchsize",
             "batchsize", "isolationLevel", "truncate", "createTableColumnTypes", "sessionInitStatement")
# Glue-only settings with nothing to carry over; bookmark keys get their own decision.
DROPPED = frozenset({"useConnectionProperties", "connectionName", "bulkSize", "jobBookmarkKeys",
                     "jobBookmarkKeysSortOrder", "customJdbcDriverS3Path", "enablePartitioningForSampleQuery",
                     "sampleSize", "dataTypeMapping"})
DRIVER_NOTES = {
    "oracle": "the Oracle JDBC driver (ojdbc) is not in Databricks Runtime: install it on the cluster",
    "teradata": "the Teradata JDBC driver is not in Databricks Runtime: install it on the cluster",
    "vertica": "the Vertica JDBC driver is not in Databricks Runtime: install it on the cluster",
    "saphana": "the SAP HANA JDBC driver (ngdbc) is not in Databricks Runtime: install it on the cluster",
    "db2": "the IBM Db2 JDBC driver is not in Databricks Runtime: install it on the cluster",
}


def read_plan(connection_type: str, options: Mapping[str, Value], connection: Value | None = None) -> Plan:
    """``connection``: a catalog connection named outside the options (``catalog_connection=``)."""
    plan = _base(connection_type, options, connection)
    _partitioning(plan, options)
    return plan


def write_plan(connection_type: str, options: Mapping[str, Value], connection: Value | None = None) -> Plan:
    truncates = _truncates(options)
    if truncates:
        options = {k: v for k, v in options.items() if k != "preactions"}
    plan = _base(connection_type, options, connection)
    plan.mode = "append"  # Glue inserts rows into the existing table
    if truncates:  # emptied first, then loaded: Spark's truncating overwrite keeps the table's definition
        plan.mode = "overwrite"
        plan.option("truncate", "true")
        plan.notes.append("preaction TRUNCATE + insert -> overwrite with truncate=true (the table is kept)")
    if "query" in plan.options:
        plan.flags.append("a JDBC write needs dbtable, not query")
    if "bulkSize" in options:
        plan.notes.append("bulkSize dropped: Spark writes one connection per partition (repartition to tune)")
    return plan


def _base(connection_type: str, options: Mapping[str, Value], connection: Value | None) -> Plan:
    options = _spark_spelling(options)
    plan = Plan("jdbc", format="jdbc")
    name = connection if connection is not None else options.get("connectionName")
    database = options.get("database")
    if "url" in options:
        plan.option("url", options["url"])
        if database is not None:
            plan.flags.append("database option next to an explicit url: put the database into the url")
    elif name is not None:
        plan.option("url", credentials.connection_url(name, database))
    else:
        plan.flags.append("no url and no Glue connection: add the JDBC url option")
    for key in credentials.LOGIN_FIELDS:
        if key in options:
            plan.option(key, options[key])
    if name is not None and "secretId" not in options and not ("user" in options and "password" in options):
        for key in credentials.LOGIN_FIELDS:
            plan.options.setdefault(key, Secret(name, key))
        plan.notes.append(f"credentials of Glue connection {credentials.describe(name)} from the secret scope")
    if "secretId" in options:
        credentials.add_secrets_manager(plan, options["secretId"])
    if isinstance(literal(options.get("password"), None), str):
        plan.flags.append("password written in the code: store it in the secret scope")
    driver = pick(options, "customJdbcDriverClassName", "className")
    if driver is not None:
        plan.option("driver", driver)
    if "customJdbcDriverS3Path" in options:
        plan.notes.append("custom JDBC driver: install the jar from customJdbcDriverS3Path on the cluster")
    if connection_type in DRIVER_NOTES:
        plan.notes.append(DRIVER_NOTES[connection_type])
    for key in SAME_NAME:
        if key in options:
            plan.option(key, options[key])
    if "sampleQuery" in options:
        plan.option("query", sample_query(options))
    if "dbtable" in plan.options and "query" in plan.options:
        del plan.options["dbtable"]
        plan.notes.append("query given: dbtable dropped (Spark takes one of them)")
    if "filterPredicate" in options:
        _filter(plan, options["filterPredicate"])
    known = DROPPED | set(SAME_NAME) | {"url", "user", "password", "database", "secretId", "customJdbcDriverClassName",
                                       "className", "sampleQuery", "filterPredicate", "hashfield", "hashexpression",
                                       "hashpartitions"}
    unknown = leftover(options, known)
    if unknown:
        plan.flags.append(f"options without a Spark JDBC equivalent: {', '.join(unknown)}")
    return plan


_OPEN_CONDITION = re.compile(r"\s+(?:where|and)\s*;?\s*$", re.IGNORECASE)


def sample_query(options: Mapping[str, Value]) -> Value:
    """The rows Glue reads for ``sampleQuery``: with ``enablePartitioningForSampleQuery`` the query ends in
    ``where``/``and`` for Glue to append its partition condition, which Spark's ``query`` must not keep."""
    query = options["sampleQuery"]
    text = literal(query, None)
    if isinstance(text, str) and truthy(options.get("enablePartitioningForSampleQuery")):
        return _OPEN_CONDITION.sub("", text)
    return query


def _truncates(options: Mapping[str, Value]) -> bool:
    """The only preaction empties the target table (``TRUNCATE [TABLE] <dbtable>``)."""
    action, table = literal(options.get("preactions"), None), literal(_spark_spelling(options).get("dbtable"), None)
    if not isinstance(action, str) or not isinstance(table, str):
        return False
    match = re.fullmatch(r"\s*truncate\s+(?:table\s+)?([\w.\"`\[\]]+)\s*;?\s*", action, re.IGNORECASE)
    return match is not None and match.group(1).strip('"`[]').lower() == table.strip('"`[]').lower()


def _spark_spelling(options: Mapping[str, Value]) -> dict[str, Value]:
    """Option names as this module spells them, whatever their case (Spark JDBC ignores case)."""
    spelling = {name.lower(): name for name in SAME_NAME}
    return {spelling.get(key.lower(), key): value for key, value in options.items()}


def _filter(plan: Plan, predicate: Value) -> None:
    """``filterPredicate`` -> ``dbtable`` = ``(SELECT * FROM <table or query> WHERE <predicate>) AS filtered``."""
    source = plan.options.pop("dbtable", None)
    query = plan.options.pop("query", None)
    if source is None and query is None:
        plan.flags.append("filterPredicate without dbtable/query: add it as .where(...) after the read")
        return
    inner = "({}) AS source" if source is None else "{}"
    plan.option("dbtable", Template(f"(SELECT * FROM {inner} WHERE {{}}) AS filtered",
                                    (query if source is None else source, predicate)))


def _partitioning(plan: Plan, options: Mapping[str, Value]) -> None:
    options = _spark_spelling(options)
    if "hashexpression" in options:
        plan.notes.append("hashexpression has no Spark equivalent: the same rows are read by one query; for a "
                          "parallel read set partitionColumn/lowerBound/upperBound/numPartitions")
        return
    if "hashfield" not in options:
        if "hashpartitions" in options:
            plan.notes.append("hashpartitions without hashfield dropped")
        return
    partitions = options.get("hashpartitions", 7)  # Glue's default
    if "lowerBound" in options and "upperBound" in options:
        plan.option("partitionColumn", options["hashfield"])
        plan.option("numPartitions", partitions)
        return
    plan.notes.append(f"hashfield {credentials.describe(options['hashfield'])} split Glue's read into "
                      f"{literal(partitions, '(computed)')} parallel queries; Spark needs lowerBound/upperBound for "
                      "partitionColumn, so the same rows are read by one query until they are added")
