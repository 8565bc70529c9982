"""The inventory table's columns, the stable entity id and the row shape shared by every extractor.

List-valued facts stay polars lists (imports, calls, s3_paths, tags) and ``catalog_refs`` is a list of
``{table, direction}`` structs, which Delta stores natively. ``glue_api_calls`` is a JSON object string
(API name -> count): its keys vary per row, which a struct column cannot express.
"""

from __future__ import annotations

import polars as pl


CATALOG_REF = pl.Struct({"table": pl.Utf8, "direction": pl.Utf8})
SERVICE_CALL = pl.Struct({"api": pl.Utf8, "line": pl.Int32})

ENTITY_COLUMNS: dict[str, pl.DataType] = {
    "entity_id": pl.Utf8,
    "project": pl.Utf8,
    "entity_type": pl.Utf8,
    "name": pl.Utf8,
    "full_path": pl.Utf8,
    "source_type": pl.Utf8,
    "file_path": pl.Utf8,
    "module_name": pl.Utf8,
    "line_start": pl.Int32,
    "line_end": pl.Int32,
    "definition": pl.Utf8,
    "docstring": pl.Utf8,
    "complexity": pl.Int32,
    "lines_of_code": pl.Int32,
    "git_commit": pl.Utf8,
    "git_author": pl.Utf8,
    "last_modified": pl.Datetime("us", "UTC"),
    "imports": pl.List(pl.Utf8),
    "calls": pl.List(pl.Utf8),
    "glue_api_calls": pl.Utf8,
    "uses_glue_context": pl.Boolean,
    "uses_dynamic_frame": pl.Boolean,
    "catalog_refs": pl.List(CATALOG_REF),
    "s3_paths": pl.List(pl.Utf8),
    "content_hash": pl.Utf8,
    "migration_status": pl.Utf8,
    "needs_sync": pl.Boolean,
    "is_databricks_native": pl.Boolean,
    "has_conflicts": pl.Boolean,
    "parse_error": pl.Utf8,
    "counterpart_id": pl.Utf8,
    "tags": pl.List(pl.Utf8),
    "notes": pl.Utf8,
    # Git blob the row was extracted from; rows of unchanged blobs are reused without parsing.
    # Null for table rows aggregated from catalog references, which are rebuilt on every run.
    "blob_sha": pl.Utf8,
    # For table rows: dotted paths of the modules/jobs that reference the table.
    "referenced_by": pl.List(pl.Utf8),
    # File-level rows: the module's top-level string constants (JSON), so other files' references such as
    # ``from_catalog(database=RAW_DB, ...)`` with ``RAW_DB`` imported from a config module can be resolved.
    "module_constants": pl.Utf8,
    # References that use imported constants, as ``${module.NAME}`` placeholders; resolved into
    # ``catalog_refs`` on every build, so a changed config module updates unchanged jobs too.
    "catalog_ref_templates": pl.List(CATALOG_REF),
    # Calls to the AWS Glue service API (boto3 glue/athena clients, awswrangler catalog and Athena functions),
    # each with its line: after migration they still reach the Glue catalog and jobs (see g2l_core.glue_service).
    "glue_service_calls": pl.List(SERVICE_CALL),
}


def empty_frame() -> pl.DataFrame:
    return pl.DataFrame(schema=ENTITY_COLUMNS)
