"""JDBC sources and targets (``mysql``, ``postgresql``, ``sqlserver``, ``oracle``, ``custom.jdbc``,
``marketplace.jdbc``, catalog connections) -> ``format("jdbc")`` with the same options.

Glue's parallel read by ``hashfield``/``hashpartitions`` has a Spark counterpart only for a numeric,
date or timestamp column with known bounds (``partitionColumn``, ``lowerBound``, ``upperBound``,
``numPartitions``); without bounds the read stays one partition (the same rows, read serially) and is
flagged. ``hashexpression`` has no counterpart.
"""

from __future__ import annotations

from collections.abc import Mapping

from g2l_core.convert.connectors import credentials
from g2l_core.convert.connectors.plan import Plan, Secret, Value, leftover, literal, pick

TYPES = frozenset({"jdbc", "mysql", "postgresql", "sqlserver", "oracle", "custom.jdbc", "marketplace.jdbc"})
# Spark JDBC options Glue accepts under the same name (custom and marketplace connectors pass them on).
SAME_NAME = ("dbtable", "query", "partitionColumn", "lowerBound", "upperBound", "numPartitions", "fetchsize",
             "batchsize", "isolationLevel", "truncate", "createTableColumnTypes", "sessionInitStatement")
# Glue-only settings with nothing to carry over; bookmark keys get their own decision.
DROPPED = frozenset({"useConnectionProperties", "connectionName", "bulkSize", "jobBookmarkKeys",
                     "jobBookmarkKeysSortOrder", "customJdbcDriverS3Path", "enablePartitioningForSampleQuery",
                     "sampleSize", "dataTypeMapping"})
DRIVER_NOTES = {"oracle": "the Oracle JDBC driver (ojdbc) is not in Databricks Runtime: install it on the cluster"}


def read_plan(connection_type: str, options: Mapping[str, Value], connection: Value | None = None) -> Plan:
    """``connection``: a catalog connection named outside the options (``catalog_connection=``)."""
    plan = _base(connection_type, options, connection)
    _partitioning(plan, options)
    return plan


def write_plan(connection_type: str, options: Mapping[str, Value], connection: Value | None = None) -> Plan:
    plan = _base(connection_type, options, connection)
    plan.mode = "append"  # Glue inserts rows into the existing table
    if "query" in plan.options:
        plan.flags.append("a JDBC write needs dbtable, not query")
    if "bulkSize" in options:
        plan.notes.append("bulkSize dropped: Spark writes one connection per partition (repartition to tune)")
    return plan


def _base(connection_type: str, options: Mapping[str, Value], connection: Value | None) -> Plan:
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
        plan.flags.append("custom JDBC driver: install the jar from customJdbcDriverS3Path on the cluster")
    if connection_type in DRIVER_NOTES:
        plan.notes.append(DRIVER_NOTES[connection_type])
    for key in SAME_NAME:
        if key in options:
            plan.option(key, options[key])
    if "sampleQuery" in options:
        plan.option("query", options["sampleQuery"])
    if "dbtable" in plan.options and "query" in plan.options:
        del plan.options["dbtable"]
        plan.notes.append("query given: dbtable dropped (Spark takes one of them)")
    if "filterPredicate" in options:
        plan.flags.append("filterPredicate: add it as .where(...) after the read or into the query")
    known = DROPPED | set(SAME_NAME) | {"url", "user", "password", "database", "secretId", "customJdbcDriverClassName",
                                       "className", "sampleQuery", "filterPredicate", "hashfield", "hashexpression",
                                       "hashpartitions"}
    unknown = leftover(options, known)
    if unknown:
        plan.flags.append(f"options without a Spark JDBC equivalent: {', '.join(unknown)}")
    return plan


def _partitioning(plan: Plan, options: Mapping[str, Value]) -> None:
    if "hashexpression" in options:
        plan.flags.append("hashexpression has no Spark equivalent: the read is one partition; for a parallel read "
                          "set partitionColumn/lowerBound/upperBound/numPartitions on a numeric column")
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
    plan.flags.append(f"hashfield {credentials.describe(options['hashfield'])} split Glue's read into "
                      f"{literal(partitions, '(computed)')} parts; Spark needs lowerBound/upperBound for "
                      "partitionColumn: the read is one partition until they are added")
