"""Iceberg tables of the Glue Data Catalog reached through a Spark catalog: Glue 4 jobs run with
``--datalake-formats iceberg`` set ``spark.sql.catalog.glue_catalog`` to Iceberg's ``SparkCatalog`` over the Glue
catalog and name tables ``glue_catalog.<database>.<table>``. On Databricks those tables are Unity Catalog tables
(``uc_ddl`` creates ``main.<schema>.<table>``): left as they were, the settings would point the job back at the
Glue catalog on AWS (or fail where the Iceberg AWS libraries are absent) and the names at the old tables. The
names become the Unity Catalog ones, in Spark's table calls (``table_names``) and in SQL text (``sql_names``),
and the catalog settings go."""

from __future__ import annotations

import libcst.matchers as m

from g2l_core.convert import build
from g2l_core.convert.rules import REMOVE, Outcome, Rule, Site
from g2l_core.convert.sql_names import GLUE_ICEBERG_CATALOG as CATALOG

CATALOG_KEY = f"spark.sql.catalog.{CATALOG}"
ICEBERG_EXTENSIONS = "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions"
API = "Iceberg Glue catalog"


def catalog_table(name: object) -> tuple[str, str] | None:
    """``(database, table)`` of ``glue_catalog.<database>.<table>``."""
    if not isinstance(name, str):
        return None
    parts = name.split(".")
    if len(parts) != 3 or parts[0].lower() != CATALOG or not all(p.isidentifier() for p in parts[1:]):
        return None
    return parts[1], parts[2]


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


RULES = (IcebergCatalogSetting,)
