"""Find Glue API uses left in converted code that carry no review marker.

Token-based (not regex over text), so names inside strings and comments do not count. A logical line
is marked when it, or the comment block right above it, holds ``# g2l: review:``.
"""

from __future__ import annotations

import io
import tokenize

from g2l_core.convert.model import REVIEW_MARKER

GLUE_NAMES = frozenset({
    "awsglue", "awsglueml", "awsgluedq", "GlueContext", "DynamicFrame", "DynamicFrameCollection",
    "getResolvedOptions", "create_dynamic_frame", "create_data_frame", "write_dynamic_frame", "write_data_frame",
    "create_dynamic_frame_from_catalog", "create_dynamic_frame_from_options", "create_dynamic_frame_from_rdd",
    "create_sample_dynamic_frame_from_catalog", "create_sample_dynamic_frame_from_options",
    "write_dynamic_frame_from_catalog", "write_dynamic_frame_from_options", "write_dynamic_frame_from_jdbc_conf",
    "write_from_options", "write_from_jdbc_conf", "from_jdbc_conf", "getSink", "getSource", "getStreamingSource",
    "forEachBatch", "setCatalogInfo", "writeFrame", "getFrame", "apply_mapping", "ApplyMapping", "ResolveChoice",
    "resolveChoice", "DropNullFields", "Relationalize", "relationalize", "SelectFields", "select_fields",
    "DropFields", "drop_fields", "RenameField", "rename_field", "SplitFields", "split_fields", "SplitRows",
    "split_rows", "Unbox", "unbox", "UnnestFrame", "SelectFromCollection", "MapToCollection", "spigot",
    "errorsAsDynamicFrame", "errorsCount", "stageErrorsCount", "assertErrorThreshold", "mergeDynamicFrame",
    "purge_table", "purge_s3_path", "transition_table", "transition_s3_path", "start_transaction",
    "commit_transaction", "cancel_transaction", "EvaluateDataQuality", "FindMatches", "FindIncrementalMatches",
    "FillMissingValues", "fromDF", "add_ingestion_time_columns", "extract_jdbc_conf",
})
# Glue transform classes whose names are ordinary words: only `Name.apply` counts.
APPLY_ONLY = frozenset({"Filter", "Map", "Join", "Union", "FlatMap"})


def glue_residue(code: str, helper_module: str = "g2l_helpers") -> list[tuple[int, str]]:
    """``(line, name)`` for each Glue API use not under a ``# g2l: review:`` marker.

    Calls through the helper module (``g2l_helpers.split_rows``) are converted code, not residue."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, SyntaxError) as exc:
        return [(getattr(exc, "lineno", 0) or 0, f"untokenizable: {exc}")]
    found: list[tuple[int, str]] = []
    above = False  # a marker comment sits in the comment block right above the next statement
    statement: list[tokenize.TokenInfo] = []
    marked = False
    for tok in tokens:
        if tok.type == tokenize.COMMENT:
            is_marker = tok.string.startswith(REVIEW_MARKER)
            if statement:
                marked = marked or is_marker
            else:
                above = above or is_marker
            continue
        if tok.type in (tokenize.NL, tokenize.INDENT, tokenize.DEDENT):
            if tok.type == tokenize.NL and not statement and tok.line.strip() == "":
                above = False  # a blank line ends the comment block
            continue
        if tok.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            if statement and not (marked or above):
                found.extend(_glue_names(statement, helper_module))
            statement, marked, above = [], False, False
            continue
        statement.append(tok)
    return found


def _glue_names(tokens: list[tokenize.TokenInfo], helper_module: str) -> list[tuple[int, str]]:
    out = []
    for i, tok in enumerate(tokens):
        if tok.type != tokenize.NAME:
            continue
        before = [t.string for t in tokens[max(0, i - 2):i]]
        after = [t.string for t in tokens[i + 1:i + 3]]
        if before == [helper_module, "."]:
            continue
        if tok.string in GLUE_NAMES or (tok.string in APPLY_ONLY and after == [".", "apply"]):
            out.append((tok.start[0], tok.string))
    return out
