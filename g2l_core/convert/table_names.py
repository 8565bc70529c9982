"""Two-level table names in Spark's own calls (``spark.table("sales.orders")``, ``df.write.saveAsTable(...)``,
``.insertInto(...)``): on Glue the first part is a Glue catalog database; on Databricks a two-level name
resolves in the session's current catalog, which need not be the project's, and ``schema_map`` never
reaches it. The name becomes the Unity Catalog name ``uc_ddl`` gives the table (``main.<schema>.<table>``),
as the Glue catalog reads and writes get. So does a name in ``glue_catalog``, the Iceberg catalog Glue jobs
configure over the Glue Data Catalog (``df.writeTo("glue_catalog.db.t")``): no such catalog exists on
Databricks, and the table is the same catalog table. ``spark.catalog.tableExists(table, database)`` asks
about the same table: on Databricks it would look in the current catalog, say False, and a job that
empties a table only when it exists would append to a full one. Names inside Spark SQL text get the same
(``sql_texts``); three-level ``glue_catalog`` names in SQL text, ``iceberg_catalog``."""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m

from g2l_core.convert import build, storage
from g2l_core.convert.iceberg_catalog import catalog_table
from g2l_core.convert.model import FLAGGED
from g2l_core.convert.rules import Outcome, Rule, Site
from g2l_core.convert.sql_names import is_glue_database

_PLAIN = re.compile(r"^(glue_catalog\.)?[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$")


class TwoLevelTableName(Rule):
    DESCRIPTION = ("`spark.table('db.t')`, `.saveAsTable('db.t')`, `.insertInto('db.t')`, `.writeTo('db.t')`, "
                   "also with `glue_catalog.` before them -> `'<catalog>.<schema>.t'`")
    API = "Spark table name"
    MATCHER = m.Call(func=m.Attribute(attr=m.Name("table") | m.Name("saveAsTable") | m.Name("insertInto")
                                      | m.Name("writeTo") | m.Name("tableExists")),
                     args=[m.Arg(value=m.SimpleString(), keyword=None), m.ZeroOrMore()])

    def matches(self, site: Site) -> bool:
        if not super().matches(site):
            return False
        value = build.literal_value(site.original.args[0].value)
        if not isinstance(value, str):
            return False
        if catalog_table(value) is not None:
            return True
        return bool(_PLAIN.match(value)) and is_glue_database(value.split(".")[-2])

    def rewrite(self, site: Site) -> Outcome:
        text = build.literal_value(site.original.args[0].value)
        iceberg = catalog_table(text)
        database, table = iceberg or text.split(".")[-2:]
        name = site.options.table_name(database, table)
        if iceberg:
            site.converted(self, f"Iceberg table {text} of the Glue catalog -> Unity Catalog table {name}",
                           "Iceberg Glue catalog")
        else:
            site.converted(self, f"two-level name qualified as {name}: on Databricks it would resolve in the current "
                                 "catalog")
        first = site.updated.args[0]
        return site.updated.with_changes(args=[first.with_changes(value=build.string(name)), *site.updated.args[1:]])


class CatalogTableExists(Rule):
    DESCRIPTION = "`spark.catalog.tableExists(table, database)` -> `spark.catalog.tableExists('<catalog>.<schema>.<table>')`"
    API = "Spark table name"
    MATCHER = m.Call(func=m.Attribute(value=m.Attribute(attr=m.Name("catalog")), attr=m.Name("tableExists")))

    def matches(self, site: Site) -> bool:
        call = site.original
        return super().matches(site) and len(call.args) == 2 and not any(a.star for a in call.args)

    def rewrite(self, site: Site) -> Outcome:
        name, _ = storage.table_name(site, site.arg(1, "dbName"), site.arg(0, "tableName"))
        if name is None:
            return None
        site.converted(self, "the table's Unity Catalog name: with a database name apart, tableExists would look "
                             "in the current catalog")
        return site.updated.with_changes(args=[cst.Arg(name)])


class SqlTextTableName(Rule):
    DESCRIPTION = ("Spark SQL text (`spark.sql(\"SELECT ... FROM db.t\")`, a query variable, a Glue Studio "
                   "`sparkSqlQuery` query): `db.t` -> `<catalog>.<schema>.t` in place; a name built at run time from a "
                   "database `schema_map` maps is flagged")
    API = "Spark SQL table name"
    NODE = cst.SimpleString
    MATCHER = m.SimpleString()

    def matches(self, site: Site) -> bool:
        return site.sql_text() is not None

    def rewrite(self, site: Site) -> Outcome:
        planned = site.sql_text()
        assert planned is not None
        for action, message in planned.decisions:
            if action == FLAGGED:
                site.flag(self, message)
            else:
                site.converted(self, message)
        if planned.new is None:
            return site.updated
        return site.updated.with_changes(value=planned.new.value)  # type: ignore[attr-defined]


class FStringSqlTableName(SqlTextTableName):
    DESCRIPTION = "The literal text of a Spark SQL f-string: `f\"... FROM db.t WHERE d = '{d}'\"` -> `<catalog>.<schema>.t`"
    NODE = cst.FormattedStringText
    MATCHER = m.FormattedStringText()


RULES = (TwoLevelTableName, CatalogTableExists, SqlTextTableName, FStringSqlTableName)
