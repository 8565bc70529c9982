"""Loads curated frames into a search index; the Glue types are only needed for the type checker."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Optional

if TYPE_CHECKING:
    from awsglue.context import GlueContext
    from awsglue.dynamicframe import DynamicFrame


class IndexLoader:
    """Reads a catalog table and writes it out as JSON for the indexer to pick up."""

    def __init__(self, settings: Dict[str, Any], glue_context: "GlueContext") -> None:
        self.settings = settings
        self.glue_context = glue_context

    def load(self, database: str, table: str) -> "DynamicFrame":
        return self.glue_context.create_dynamic_frame.from_catalog(database=database, table_name=table)

    def export(self, frame: "DynamicFrame", prefix: Optional[str] = None) -> None:
        path = f"{self.settings['export_root']}/{prefix or 'default'}/"
        self.glue_context.write_dynamic_frame.from_options(
            frame=frame, connection_type="s3", connection_options={"path": path}, format="json"
        )
