"""Where a project's Unity Catalog tables are: the project's Databricks workspace when it has ``databricks``
settings, otherwise the local warehouse through the Spark engine. The DDL and drift stages both apply
and read tables through this one choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from g2l_core.config import Project
from g2l_core.ddl import ApplyReport, TableResult, apply_tables, read_table_schema
from g2l_core.ddl.model import TableSchemaInfo
from g2l_core.engine import check_engine_setting, spark_session
from g2l_core.migrate_ddl import apply_to_databricks, read_databricks_schemas


@dataclass(frozen=True)
class WorkspaceCatalog:
    """Unity Catalog on the project's workspace, through its SQL warehouse."""

    project: Project

    def describe(self) -> str:
        db = self.project.databricks
        return f"Databricks SQL warehouse {db.warehouse_id} on {db.host}"

    def location(self) -> str:
        return f"Unity Catalog on {self.project.databricks.host}"

    def apply(self, results: list[TableResult]) -> ApplyReport:
        return apply_to_databricks(self.project, results)

    def read_schemas(self, full_names: list[str]) -> dict[str, TableSchemaInfo | None]:
        return read_databricks_schemas(self.project, full_names)


@dataclass(frozen=True)
class LocalCatalog:
    """The local warehouse folder, reached through the Spark engine (``sail``, ``local`` or ``sc://``)."""

    engine: str
    warehouse: Path

    def describe(self) -> str:
        return f"{self.engine} engine, warehouse {self.warehouse}"

    def location(self) -> str:
        return f"warehouse {self.warehouse}"

    def apply(self, results: list[TableResult]) -> ApplyReport:
        with spark_session(check_engine_setting(self.engine), self.warehouse) as spark:
            return apply_tables(spark, results, self.warehouse)

    def read_schemas(self, full_names: list[str]) -> dict[str, TableSchemaInfo | None]:
        with spark_session(check_engine_setting(self.engine), self.warehouse) as spark:
            return {name: read_table_schema(spark, name) for name in full_names}


Catalog = WorkspaceCatalog | LocalCatalog


def project_catalog(project: Project, engine: str, warehouse: Path) -> Catalog:
    """The catalog the project's tables live in (see the module docstring)."""
    if project.databricks is not None:
        return WorkspaceCatalog(project)
    return LocalCatalog(engine, warehouse)
