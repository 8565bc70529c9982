"""Iceberg tables of the Glue Data Catalog reached through a Spark catalog: Glue 4 jobs run with
``--datalake-formats iceberg`` set ``spark.sql.catalog.glue_catalog`` to Iceberg's ``SparkCatalog`` over the Glue
catalog and name tables ``glue_catalog.<database>.<table>``. On Databricks those tables are Unity Catalog tables
(``uc_ddl`` creates ``main.<schema>.<table>``): left as they were, the settings would point the job back at the
Glue catalog on AWS (or fail where the Iceberg AWS libraries are absent) and the names at the old tables. The
names become the Unity Catalog ones, in Spark's table calls and in SQL text, and the catalog settings go."""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from g2l_core.convert import build
from g2l_core.convert.rules import REMOVE, Outcome, Rule, Site

CATALOG = "glue_catalog"
CATALOG_KEY = f"spark.sql.catalog.{CATALOG}"
ICEBERG_EXTENSIONS = "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions"
API = "Iceberg Glue catalog"
_NAME_TOKENS = frozenset({"VAR", "IDENTIFIER"})


def catalog_table(name: object) -> tuple[str, str] | None:
    """``(database, table)`` of ``glue_catalog.<database>.<table>``."""
    if not isinstance(name, str):
        return None
    parts = name.split(".")
    if len(parts) != 3 or parts[0].lower() != CATALOG or not all(p.isidentifier() for p in parts[1:]):
        return None
    return parts[1], parts[2]


def sql_with_uc_names(sql: str, table_name) -> str:
    """``sql`` with every ``glue_catalog.<database>.<table>`` replaced by ``table_name(database, table)``; the
    rest of the text (layout, comments, quoting) is kept. Tokens come from sqlglot's Spark tokenizer, so a
    name inside a string literal or comment of the SQL is not taken for a table."""
    from sqlglot.dialects.spark import Spark  # only for jobs that name the catalog in SQL

    tokens = Spark().tokenize(sql)
    out, last = [], 0
    i = 0
    while i + 4 < len(tokens):
        head, dot1, db, dot2, table = tokens[i:i + 5]
        if (head.text.lower() == CATALOG and dot1.text == "." and dot2.text == "."
                and _name(db) and _name(table)):
            out += [sql[last:head.start], table_name(db.text, table.text)]
            last = table.end + 1
            i += 5
            continue
        i += 1
    return "".join(out) + sql[last:] if out else sql


def _names_catalog(node: cst.BaseExpression) -> bool:
    """A string literal (plain, f-string or concatenated) whose text holds ``glue_catalog.``."""
    if isinstance(node, cst.SimpleString):
        return f"{CATALOG}." in node.value.lower()
    if isinstance(node, cst.ConcatenatedString):
        return _names_catalog(node.left) or _names_catalog(node.right)
    if isinstance(node, cst.FormattedString):
        return any(isinstance(p, cst.FormattedStringText) and f"{CATALOG}." in p.value.lower() for p in node.parts)
    return False


def _name(token) -> bool:
    return token.token_type.name in _NAME_TOKENS or token.text.isidentifier()


class IcebergCatalogSetting(Rule):
    DESCRIPTION = ("`.config('spark.sql.catalog.glue_catalog...', ...)`, `conf.set(...)` of it and the Iceberg SQL "
                   "extensions -> removed (the Glue catalog's tables are Unity Catalog tables)")
    API = API
    MATCHER = m.Call(func=m.Attribute(attr=m.Name("config") | m.Name("set")),
                     args=[m.Arg(value=m.SimpleString(), keyword=None), m.Arg(keyword=None)])

    def matches(self, site: Site) -> bool:
        if not super().matches(site):
            return False
        key = build.literal_value(site.original.args[0].value)
        if key == CATALOG_KEY or key.startswith(CATALOG_KEY + "."):
            return True
        try:
            value = build.literal_value(site.original.args[1].value)
        except ValueError:
            return False
        return key == "spark.sql.extensions" and value == ICEBERG_EXTENSIONS

    def rewrite(self, site: Site) -> Outcome:
        key = build.literal_value(site.original.args[0].value)
        site.converted(self, f"{key} not set: the Iceberg catalog over the Glue Data Catalog is not needed, its "
                             f"tables are Unity Catalog tables on Databricks (named {site.options.catalog}.<schema>.<table>)")
        if site.is_statement():
            return REMOVE
        return site.updated.func.value  # type: ignore[attr-defined]  # the builder / conf the link was on


class IcebergSqlNames(Rule):
    DESCRIPTION = "`spark.sql('... glue_catalog.db.t ...')` -> the Unity Catalog name in the SQL text"
    API = API
    MATCHER = m.Call(func=m.Attribute(attr=m.Name("sql")), args=[m.Arg(keyword=None), m.ZeroOrMore()])

    def matches(self, site: Site) -> bool:
        return super().matches(site) and _names_catalog(site.original.args[0].value)

    def rewrite(self, site: Site) -> Outcome:
        first = site.updated.args[0].value
        if not isinstance(first, cst.SimpleString) or "\\" in first.value or first.prefix:
            site.flag(self, f"SQL built at run time names {CATALOG}.<database>.<table>: the Iceberg tables of the "
                            f"Glue catalog are Unity Catalog tables now, write {site.options.catalog}.<schema>.<table> "
                            "(g2l_helpers.uc_table_name(database, table) applies schema_map)")
            return None
        quote = first.quote
        body = first.value[len(quote):-len(quote)]
        new = sql_with_uc_names(body, site.options.table_name)
        if new == body:
            return None
        site.converted(self, f"{CATALOG}.<database>.<table> in the SQL -> Unity Catalog names")
        return site.updated.with_changes(args=[site.updated.args[0].with_changes(
            value=first.with_changes(value=f"{quote}{new}{quote}")), *site.updated.args[1:]])


RULES = (IcebergCatalogSetting, IcebergSqlNames)
