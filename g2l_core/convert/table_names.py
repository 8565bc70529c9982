"""Two-level table names in Spark's own calls (``spark.table("sales.orders")``, ``df.write.saveAsTable(...)``,
``.insertInto(...)``): on Glue the first part is a Glue catalog database; on Databricks a two-level name
resolves in the session's current catalog, which need not be the project's, and ``schema_map`` never
reaches it. The name becomes the Unity Catalog name ``uc_ddl`` gives the table (``main.<schema>.<table>``),
as the Glue catalog reads and writes get. So does a three-level name in the Iceberg catalog over the Glue
catalog (``glue_catalog.sales.orders``, see ``iceberg_catalog``), and ``writeTo`` takes the same names."""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m

from g2l_core.convert import build
from g2l_core.convert.iceberg_catalog import catalog_table
from g2l_core.convert.rules import Outcome, Rule, Site

_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$")


class TwoLevelTableName(Rule):
    DESCRIPTION = ("`spark.table('db.t')`, `.saveAsTable('db.t')`, `.insertInto('db.t')`, `.writeTo('db.t')`, "
                   "also with `glue_catalog.` before -> `'<catalog>.<schema>.t'`")
    API = "Spark table name"
    MATCHER = m.Call(func=m.Attribute(attr=m.Name("table") | m.Name("saveAsTable") | m.Name("insertInto")
                                      | m.Name("writeTo")),
                     args=[m.Arg(value=m.SimpleString(), keyword=None), m.ZeroOrMore()])

    def matches(self, site: Site) -> bool:
        if not super().matches(site):
            return False
        value = build.literal_value(site.original.args[0].value)
        return isinstance(value, str) and (bool(_PLAIN.match(value)) or catalog_table(value) is not None)

    def rewrite(self, site: Site) -> Outcome:
        value = build.literal_value(site.original.args[0].value)
        iceberg = catalog_table(value)
        database, table = iceberg or value.split(".")
        name = site.options.table_name(database, table)
        if iceberg:
            site.converted(self, f"Iceberg table {value} of the Glue catalog -> Unity Catalog table {name}",
                           "Iceberg Glue catalog")
        else:
            site.converted(self, f"two-level name qualified as {name}: on Databricks it would resolve in the current "
                                 "catalog")
        first = site.updated.args[0]
        return site.updated.with_changes(args=[first.with_changes(value=build.string(name)), *site.updated.args[1:]])


RULES = (TwoLevelTableName,)
