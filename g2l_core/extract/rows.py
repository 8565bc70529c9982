"""Row helpers without a polars import, so parse workers start fast (see parse_files.py)."""

from __future__ import annotations

import hashlib

ENTITY_TYPES = ("module", "class", "function", "method", "job", "table")
FILE_LEVEL_TYPES = ("module", "job")
MIGRATION_STATUSES = ("pending", "converted", "flagged", "validated", "databricks_native", "failed")
COLUMN_NAMES = (
    "entity_id", "project", "entity_type", "name", "full_path", "source_type", "file_path", "module_name",
    "line_start", "line_end", "definition", "docstring", "complexity", "lines_of_code", "git_commit", "git_author",
    "last_modified", "imports", "calls", "glue_api_calls", "uses_glue_context", "uses_dynamic_frame",
    "catalog_refs", "s3_paths", "content_hash", "migration_status", "needs_sync", "is_databricks_native",
    "has_conflicts", "parse_error", "counterpart_id", "tags", "notes", "blob_sha", "referenced_by",
    "module_constants", "catalog_ref_templates", "glue_service_calls",
)


def entity_id(project: str, source_type: str, entity_type: str, full_path: str) -> str:
    """Stable across runs and machines: depends only on what the entity is, never on where it sits."""
    key = "\x1f".join((project, source_type, entity_type, full_path))
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def new_row(**values) -> dict:
    """A row with every column present (None where unknown), so frames build without schema guessing."""
    row = dict.fromkeys(COLUMN_NAMES)
    row.update(values)
    row["entity_id"] = entity_id(row["project"], row["source_type"], row["entity_type"], row["full_path"])
    return row


def module_name_for(file_path: str) -> str:
    """``src/readers/s3_reader.py`` -> ``src.readers.s3_reader``; a package ``__init__`` names the package."""
    stem = file_path.rsplit(".", 1)[0] if "." in file_path.rsplit("/", 1)[-1] else file_path
    parts = [p for p in stem.split("/") if p]
    if len(parts) > 1 and parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)
