"""Stage-table column types between polars and Unity Catalog, both ways, and statement results as frames.

One home for the mapping, so that a table g2l publishes (polars type -> SQL type) reads back in the
Databricks App as the frame it was (SQL type -> polars type), and the dashboard shapes the same frames
from either source. Part of the App folder: it imports nothing from g2l.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

import polars as pl

# A table whose progress over time the App shows is also appended to ``<table>_history`` at every publish,
# each row stamped ``published_at``: one query gives the App every earlier state.
HISTORY_SUFFIX = "_history"
PUBLISHED_AT = "published_at"
_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SCALARS = {pl.String: "STRING", pl.Boolean: "BOOLEAN", pl.Int8: "TINYINT", pl.Int16: "SMALLINT", pl.Int32: "INT",
            pl.Int64: "BIGINT", pl.UInt8: "SMALLINT", pl.UInt16: "INT", pl.UInt32: "BIGINT", pl.Float32: "FLOAT",
            pl.Float64: "DOUBLE", pl.Date: "DATE", pl.Null: "STRING", pl.Categorical: "STRING"}
_NAMES = {"string": pl.String, "varchar": pl.String, "char": pl.String, "boolean": pl.Boolean,
          "tinyint": pl.Int8, "byte": pl.Int8, "smallint": pl.Int16, "short": pl.Int16, "int": pl.Int32,
          "integer": pl.Int32, "bigint": pl.Int64, "long": pl.Int64, "float": pl.Float32, "real": pl.Float32,
          "double": pl.Float64, "date": pl.Date, "timestamp": pl.Datetime("us", "UTC"),
          "timestamp_ltz": pl.Datetime("us", "UTC"), "timestamp_ntz": pl.Datetime("us")}
_TOKEN = re.compile(r"\s*(`(?:[^`]|``)*`|[A-Za-z_][A-Za-z0-9_]*|\d+|[<>(),:])")


def field_name(name: str) -> str:
    return name if _PLAIN.match(name) else "`" + name.replace("`", "``") + "`"


def sql_type(dtype: pl.DataType) -> str:
    """The Databricks SQL type a stage-table column of ``dtype`` is published as. ValueError for types
    that have no faithful column type (durations, times, objects, unsigned 64-bit)."""
    base = dtype.base_type()
    if base in _SCALARS:
        return _SCALARS[base]
    if isinstance(dtype, pl.Enum):
        return "STRING"
    if isinstance(dtype, pl.Datetime):
        return "TIMESTAMP" if dtype.time_zone else "TIMESTAMP_NTZ"
    if isinstance(dtype, pl.Decimal):
        return f"DECIMAL({dtype.precision or 38},{dtype.scale or 0})"
    if isinstance(dtype, (pl.List, pl.Array)):
        return f"ARRAY<{sql_type(dtype.inner)}>"
    if isinstance(dtype, pl.Struct):
        return "STRUCT<" + ", ".join(f"{field_name(f.name)}: {sql_type(f.dtype)}" for f in dtype.fields) + ">"
    raise ValueError(f"no Unity Catalog column type for polars {dtype}")


def polars_type(type_text: str) -> pl.DataType:
    """The polars type of a Databricks column type as the Statement Execution API names it (``type_text``
    ``ARRAY<STRUCT<name: STRING>>`` or ``full_data_type`` ``array<struct<name:string>>``). Types the
    dashboard has no use for (intervals, variant, binary) stay text."""
    tokens, pos = [], 0
    while pos < len(type_text.rstrip()):
        m = _TOKEN.match(type_text, pos)
        if m is None:
            raise ValueError(f"unreadable column type {type_text!r}")
        tokens.append(m.group(1))
        pos = m.end()
    dtype, rest = _parse(tokens)
    if rest:
        raise ValueError(f"unreadable column type {type_text!r}")
    return dtype


def _parse(tokens: list[str]) -> tuple[pl.DataType, list[str]]:
    if not tokens:
        raise ValueError("column type ends early")
    name, rest = tokens[0].lower(), tokens[1:]
    if name == "array":
        inner, rest = _parse(_expect(rest, "<"))
        return pl.List(inner), _expect(rest, ">")
    if name == "map":
        key, rest = _parse(_expect(rest, "<"))
        value, rest = _parse(_expect(rest, ","))
        return pl.List(pl.Struct({"key": key, "value": value})), _expect(rest, ">")
    if name == "struct":
        fields, rest = {}, _expect(rest, "<")
        while rest and rest[0] != ">":
            field = rest[0][1:-1].replace("``", "`") if rest[0].startswith("`") else rest[0]
            fields[field], rest = _parse(_expect(rest[1:], ":"))
            if rest and rest[0] == ",":
                rest = rest[1:]
        return pl.Struct(fields), _expect(rest, ">")
    params: list[int] = []
    if rest and rest[0] == "(":
        rest = rest[1:]
        while rest and rest[0] != ")":
            if rest[0] != ",":
                params.append(int(rest[0]))
            rest = rest[1:]
        rest = _expect(rest, ")")
    if name in ("decimal", "dec", "numeric"):
        return pl.Decimal(params[0] if params else 10, params[1] if len(params) > 1 else 0), rest
    return _NAMES.get(name, pl.String), rest


def _expect(tokens: list[str], token: str) -> list[str]:
    if not tokens or tokens[0] != token:
        raise ValueError(f"column type: expected {token!r} at {' '.join(tokens[:3]) or 'the end'}")
    return tokens[1:]


def _stamp(text: str, dtype: pl.Datetime) -> datetime:
    at = datetime.fromisoformat(text.replace(" ", "T", 1))
    if dtype.time_zone:
        return (at if at.tzinfo else at.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    return at.replace(tzinfo=None)


def value(dtype: pl.DataType, raw: Any) -> Any:
    """One value of a JSON_ARRAY result (text, or decoded JSON inside a complex value) as a Python value of
    ``dtype``: numbers, booleans, dates and timestamps parsed, arrays and structs decoded field by field."""
    if raw is None:
        return None
    if isinstance(dtype, (pl.List, pl.Struct)) and isinstance(raw, str):
        raw = json.loads(raw)
    if isinstance(dtype, pl.List):
        if isinstance(raw, dict):  # a MAP comes as a JSON object: its entries as (key, value) structs
            raw = [{"key": k, "value": v} for k, v in raw.items()]
        return [value(dtype.inner, v) for v in raw]
    if isinstance(dtype, pl.Struct):
        return {f.name: value(f.dtype, raw.get(f.name)) for f in dtype.fields}
    if dtype == pl.Boolean:
        return raw if isinstance(raw, bool) else str(raw).lower() == "true"
    if dtype.is_integer():
        return int(raw)
    if dtype.is_float():
        return float(raw)
    if isinstance(dtype, pl.Decimal):
        return Decimal(str(raw))
    if isinstance(dtype, pl.Datetime):
        return _stamp(str(raw), dtype)
    if dtype == pl.Date:
        return date.fromisoformat(str(raw)[:10])
    return raw if isinstance(raw, str) else json.dumps(raw)


def result_frame(columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]) -> pl.DataFrame:
    """A statement result as a frame: ``columns`` are (name, type text) from the result manifest, every
    row value is text or null (format JSON_ARRAY)."""
    types = [(name, polars_type(text)) for name, text in columns]
    return pl.DataFrame([pl.Series(name, [value(dtype, r[i]) for r in rows], dtype=dtype)
                         for i, (name, dtype) in enumerate(types)])
