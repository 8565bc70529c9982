"""Amazon Redshift (``connection_type="redshift"``, ``from_jdbc_conf`` with a Redshift connection) ->
Databricks' built-in ``format("redshift")``.

Both stage the data in S3 (UNLOAD on read, COPY on write): Glue's ``redshiftTmpDir`` becomes
``tempdir`` and stays an S3 path (Redshift writes there, so ``path_map`` does not apply). Glue
authorised the staging with ``aws_iam_role`` or the job role; without a role the converted read
forwards the cluster's S3 credentials. ``preactions``/``postactions`` run before and after the COPY
on both sides.
"""

from __future__ import annotations

from collections.abc import Mapping

import libcst as cst

from g2l_core.convert.connectors import credentials
from g2l_core.convert.connectors.plan import Plan, Secret, Value, leftover, literal

TYPES = frozenset({"redshift"})
# Options both connectors know under the same name.
SAME_NAME = ("dbtable", "query", "aws_iam_role", "preactions", "postactions", "extracopyoptions", "tempformat",
             "csvnullstring", "csvseparator", "diststyle", "distkey", "sortkeyspec", "description",
             "include_column_list", "extraunloadoptions", "sse_kms_key")
DROPPED = frozenset({"useConnectionProperties", "connectionName", "redshiftTmpDir", "autopushdown",
                     "autopushdown.s3_result_cache", "unload_s3_format", "jobBookmarkKeys",
                     "jobBookmarkKeysSortOrder", "bulkSize"})
# Glue Studio's upsert settings; the SQL they generate has to be written as preactions/postactions.
UPSERT = frozenset({"action", "upsertKeys", "mergeWhenMatched", "mergeWhenNotMatched", "mergeClause",
                    "tablePrefix", "stagingTable", "mergeAction"})
# Options that only make sense for Redshift: a from_jdbc_conf write carrying one targets Redshift.
# Options only a Redshift write takes: it stages in S3. Pre/post actions are not among them: jobs give them to
# other JDBC targets too (``TRUNCATE TABLE`` before a Postgres load).
MARKERS = frozenset({"redshiftTmpDir", "aws_iam_role", "extracopyoptions", "tempformat"})


def read_plan(options: Mapping[str, Value], connection: Value | None = None, tmp_dir: Value | None = None) -> Plan:
    return _plan(options, connection, tmp_dir)


def write_plan(options: Mapping[str, Value], connection: Value | None = None, tmp_dir: Value | None = None) -> Plan:
    plan = _plan(options, connection, tmp_dir)
    plan.mode = "append"  # Glue COPYs into the existing table
    return plan


# Words in a connection name that say which database it reaches.
OTHER_DATABASES = ("postgres", "mysql", "maria", "sqlserver", "mssql", "oracle", "db2", "hana", "snowflake")


def targets_redshift(options: Mapping[str, Value], connection: Value | None, tmp_dir: Value | None) -> bool:
    """A ``from_jdbc_conf`` call writes to Redshift when its connection's name says so, else when it
    stages in S3 or carries Redshift-only staging options, unless the name names another database."""
    name = literal(connection, None) if connection is not None else None
    name = name.lower() if isinstance(name, str) else ""
    if "redshift" in name:
        return True
    if any(word in name for word in OTHER_DATABASES):
        return False
    return tmp_dir is not None or bool(MARKERS & set(options))


def _plan(options: Mapping[str, Value], connection: Value | None, tmp_dir: Value | None) -> Plan:
    plan = Plan("redshift", format="redshift")
    name = connection if connection is not None else options.get("connectionName")
    if "url" in options:
        plan.option("url", options["url"])
    elif name is not None:
        plan.option("url", credentials.connection_url(name, options.get("database")))
    else:
        plan.flags.append("no url and no Glue connection: add the Redshift JDBC url option")
    for key in credentials.LOGIN_FIELDS:
        if key in options:
            plan.option(key, options[key])
        elif name is not None and "url" not in options:
            plan.option(key, Secret(name, key))
    if name is not None and "url" not in options:
        plan.notes.append(f"url/user/password of Glue connection {credentials.describe(name)} from the secret scope")
    if isinstance(literal(options.get("password"), None), str):
        plan.flags.append("password written in the code: store it in the secret scope")
    if "DbUser" in options:
        plan.flags.append("DbUser (IAM database authentication): use a jdbc:redshift:iam:// url with a database user")
    for key in SAME_NAME:
        if key in options:
            plan.option(key, options[key])
    if "sampleQuery" in options and "query" not in options:  # Glue Studio's custom-query source
        plan.option("query", options["sampleQuery"])
        if "dbtable" in plan.options:
            del plan.options["dbtable"]
            plan.notes.append("sampleQuery given: dbtable dropped (the connector takes one of them)")
    temp = tmp_dir if tmp_dir is not None else options.get("redshiftTmpDir")
    if temp is not None:
        plan.option("tempdir", temp)
    else:
        plan.flags.append("no redshiftTmpDir: set tempdir to an S3 folder both Redshift and the cluster can use")
    if "aws_iam_role" not in options:
        plan.option("forward_spark_s3_credentials", True)
        plan.notes.append("no aws_iam_role: the cluster's S3 credentials are forwarded to Redshift for the staging "
                          "folder (or set aws_iam_role)")
    upsert = sorted(UPSERT & set(options))
    if upsert:
        plan.flags.append(f"Glue upsert settings ({', '.join(upsert)}): write to a staging table and MERGE in "
                          "postactions")
    unknown = leftover(options, DROPPED | UPSERT | set(SAME_NAME) | {"url", "user", "password", "database", "DbUser",
                                                                       "sampleQuery"})
    if unknown:
        plan.flags.append(f"options without a Redshift connector equivalent: {', '.join(unknown)}")
    return plan


_COMPUTED = object()
# additional_options only a catalog table backed by a Redshift connection takes.
CATALOG_MARKERS = MARKERS | {"preactions", "postactions", "redshiftTmpDir"}


def catalog_review(tmp_dir: Value | None, additional: Mapping[str, Value] | None, uc_name: str,
                   write: bool) -> tuple[str, bool] | None:
    """What to say of a catalog read or write that Glue ran through a Redshift connection, and whether
    it is a review note (True) or only part of the decision (False); None for a plain catalog table.

    ``aws_iam_role`` or pre/post actions in ``additional_options``, or a staging folder written at the
    call (a literal, ``args["TempDir"]``), say the table is in Redshift: ``spark.read.table`` reaches it
    only through Lakehouse Federation, and no write does. A folder passed through a variable or field is
    what generic wrappers hand every catalog call, so it only goes into the decision."""
    markers = sorted(CATALOG_MARKERS & set(additional or {}))
    if not markers and (tmp_dir is None or literal(tmp_dir, _COMPUTED) in ("", None)):
        return None
    why = ", ".join(markers) if markers else "redshift_tmp_dir"
    passed_through = not markers and isinstance(tmp_dir, (cst.Name, cst.Attribute))
    if write:
        what = (f"Glue wrote this catalog table through a Redshift connection ({why}): a Lakehouse Federation "
                f"catalog is read-only, so unless {uc_name} is a Delta table, write with df.write.format('redshift') "
                "and the connection's url, dbtable (Redshift schema.table) and tempdir")
    else:
        what = (f"Glue read this catalog table through a Redshift connection ({why}): {uc_name} reaches it only as a "
                "Lakehouse Federation table (a foreign catalog on the Redshift database, named by the catalog and "
                "schema_map settings); otherwise read with spark.read.format('redshift') and the connection's url, "
                "dbtable (Redshift schema.table) and tempdir")
    if passed_through:
        return f"redshift_tmp_dir passed through; if the table is in Redshift: {what}", False
    return what, True
