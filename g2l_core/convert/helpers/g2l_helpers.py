"""Helpers for code converted from AWS Glue by g2l.

Each function stands in for one Glue construct that needs more than a few lines of PySpark. It is
written next to the converted jobs and depends only on PySpark, so the jobs run on Databricks and on
any Spark (Connect) session. Casts use ``try_cast``: Glue ran with ANSI mode off, where a value that
does not fit becomes NULL; Databricks runs with ANSI mode on, where a plain cast would fail the job.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import tempfile
from pathlib import Path

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

GLUE_TYPES = {
    "long": "bigint", "int": "int", "integer": "int", "short": "smallint", "byte": "tinyint",
    "float": "float", "double": "double", "string": "string", "boolean": "boolean", "bool": "boolean",
    "timestamp": "timestamp", "date": "date", "binary": "binary", "decimal": "decimal(10,2)",
}
RESERVED_ARGUMENTS = ("JOB_NAME", "JOB_ID", "JOB_RUN_ID", "TempDir")
# The project's path_map (S3 prefix -> target), written in when this module is generated.
PATH_MAP: dict[str, str] = {}


def _col(path: str) -> Column:
    """Column for a Glue path: dots address nested fields, a part in backticks is one name."""
    return F.col(path)


def _spark_type(glue_type: str) -> str:
    t = glue_type.strip().lower()
    return GLUE_TYPES.get(t, t)


def _dbutils():
    """``dbutils`` on Databricks, else None."""
    try:
        from pyspark.dbutils import DBUtils  # type: ignore[import-not-found]
        from pyspark.sql import SparkSession

        return DBUtils(SparkSession.builder.getOrCreate())
    except Exception:  # noqa: BLE001 - anything here means "not on Databricks"
        return None


# --- job parameters ----------------------------------------------------------------------------------

def job_arguments(argv: list[str], names: list[str], widgets: bool = False) -> dict[str, str]:
    """``getResolvedOptions``: required ``--name value`` arguments (``dbutils.widgets`` first when
    ``widgets``), plus Glue's reserved arguments with local defaults so ``args["JOB_NAME"]`` works."""
    values: dict[str, str] = {
        "JOB_NAME": Path(argv[0]).stem if argv and argv[0] else "job",
        "JOB_ID": os.environ.get("DATABRICKS_JOB_ID", "local"),
        "JOB_RUN_ID": os.environ.get("DATABRICKS_RUN_ID", "local"),
        "TempDir": tempfile.gettempdir(),
    }
    missing = list(names)
    if widgets:
        dbutils = _dbutils()
        if dbutils is not None:
            for name in list(missing):
                try:
                    values[name] = dbutils.widgets.get(name)
                    missing.remove(name)
                except Exception:  # noqa: BLE001 - widget not defined: fall back to argv
                    pass
    parser = argparse.ArgumentParser(prog=values["JOB_NAME"], allow_abbrev=False)
    for name in [*missing, *(n for n in RESERVED_ARGUMENTS if n not in missing)]:
        parser.add_argument(f"--{name}", dest=name, required=name in missing)
    parsed, _unknown = parser.parse_known_args(argv[1:])
    values.update({k: v for k, v in vars(parsed).items() if v is not None})
    return values


# --- paths and reads -----------------------------------------------------------------------------------

def map_path(path):
    """An S3 path known only at run time, rewritten by the longest matching ``PATH_MAP`` prefix (lists
    element by element); paths no prefix matches are returned unchanged. Literal paths were mapped when
    the code was converted."""
    if isinstance(path, (list, tuple)):
        return [map_path(p) for p in path]
    if not isinstance(path, str):
        return path
    best = max((p for p in PATH_MAP if path.startswith(p)), key=len, default=None)
    return path if best is None else PATH_MAP[best] + path[len(best):]


def json_path_records(df: DataFrame, json_path: str) -> DataFrame:
    """The records Glue's ``jsonPath`` selects: ``$.a.b[*]`` explodes the array at ``a.b`` into one row
    per element (struct elements become columns). ``$`` and ``$[*]`` leave the frame as read. Other
    JSONPath forms raise, naming the path, rather than returning different rows."""
    if json_path in ("$", "$[*]"):
        return df
    match = re.fullmatch(r"\$((?:\.[A-Za-z_][A-Za-z0-9_]*)+)\[\*\]", json_path or "")
    if match is None:
        raise ValueError(f"jsonPath {json_path!r}: only $, $[*] and $.field.path[*] are supported")
    field = match.group(1)[1:]
    records = df.select(F.explode(F.col(field)).alias("_record"))
    element = records.schema["_record"].dataType
    return records.select("_record.*") if isinstance(element, T.StructType) else records.withColumnRenamed("_record", "value")


def where_predicate(df: DataFrame, predicate: str | None) -> DataFrame:
    """Glue push-down predicate known only at run time: an SQL condition, where None or "" (Glue's
    "no predicate") means no filter -- ``df.where("")`` would fail, hence this helper. Literal and
    f-string predicates are never empty and are converted to a plain ``.where(...)``."""
    return df.where(predicate) if predicate else df


# --- ApplyMapping / fields -----------------------------------------------------------------------------

def apply_mapping(df: DataFrame, mappings) -> DataFrame:
    """Keep only the mapped fields, cast with NULL on failure; dotted targets build structs."""
    tree: dict = {}
    for source, source_type, target, target_type in mappings:
        column = _col(source)
        if source_type.strip().lower() != target_type.strip().lower():
            column = column.try_cast(_spark_type(target_type))
        node = tree
        parts = target.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = column
    return df.select(*_struct_columns(tree))


def _struct_columns(tree: dict) -> list[Column]:
    return [
        (F.struct(*_struct_columns(value)) if isinstance(value, dict) else value).alias(name)
        for name, value in tree.items()
    ]


def select_fields(df: DataFrame, paths) -> DataFrame:
    """Keep the listed fields; a nested path keeps its struct around it (Glue semantics)."""
    tree: dict = {}
    for path in paths:
        parts = path.split(".")
        node = tree
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = path
    def build(node: dict) -> list[Column]:
        return [(F.struct(*build(v)) if isinstance(v, dict) else _col(v)).alias(k) for k, v in node.items()]
    return df.select(*build(tree))


def drop_fields(df: DataFrame, paths) -> DataFrame:
    for path in paths:
        if "." in path:
            parent, rest = path.split(".", 1)
            df = df.withColumn(parent, F.col(parent).dropFields(rest))
        else:
            df = df.drop(path)
    return df


def rename_field(df: DataFrame, old: str, new: str) -> DataFrame:
    """Rename a top-level or nested field (nested: within the same parent struct)."""
    if "." not in old:
        return df.withColumnRenamed(old, new)
    parent, leaf = old.rsplit(".", 1)
    new_leaf = new.rsplit(".", 1)[-1]
    top = parent.split(".", 1)[0]
    inner = parent.split(".", 1)[1] + "." if "." in parent else ""
    return df.withColumn(top, F.col(top).withField(inner + new_leaf, _col(old)).dropFields(inner + leaf))


# --- ResolveChoice -----------------------------------------------------------------------------------

def resolve_choice(df: DataFrame, specs) -> DataFrame:
    """Spark columns have one type, so cast/project cast (try_cast), make_cols renames the column to
    ``<col>_<type>`` and make_struct wraps it in a struct with one field named after its type."""
    for path, action in specs:
        kind, _, type_name = action.partition(":")
        if kind in ("cast", "project"):
            df = _replace(df, path, _col(path).try_cast(_spark_type(type_name)))
        elif kind in ("make_cols", "make_struct"):
            type_ = _field_type(df.schema, path).simpleString()
            type_ = re.sub(r"\W.*", "", type_)
            if kind == "make_cols":
                df = df.withColumn(f"{path}_{type_}", _col(path)).drop(path)
            else:
                df = _replace(df, path, F.struct(_col(path).alias(type_)))
        else:
            raise ValueError(f"ResolveChoice action {action!r} is not supported")
    return df


def _replace(df: DataFrame, path: str, column: Column) -> DataFrame:
    if "." not in path:
        return df.withColumn(path, column)
    top, rest = path.split(".", 1)
    return df.withColumn(top, F.col(top).withField(rest, column))


def _field_type(schema: T.StructType, path: str) -> T.DataType:
    data_type: T.DataType = schema
    for part in path.split("."):
        assert isinstance(data_type, T.StructType)
        data_type = next(f.dataType for f in data_type.fields if f.name.lower() == part.lower())
    return data_type


def match_catalog(df: DataFrame, table_name: str) -> DataFrame:
    """Cast every column that the target table also has to the table's type (NULL where it does not fit)."""
    target = {f.name.lower(): f.dataType for f in df.sparkSession.read.table(table_name).schema.fields}
    columns = []
    for field in df.schema.fields:
        wanted = target.get(field.name.lower())
        column = F.col(f"`{field.name}`")
        if wanted is not None and wanted != field.dataType:
            column = column.try_cast(wanted).alias(field.name)
        columns.append(column)
    return df.select(*columns)


# --- DropNullFields, Filter, Map, Join ----------------------------------------------------------------

def drop_null_fields(df: DataFrame) -> DataFrame:
    """Drop columns of NullType and columns that are null in every row (Glue DropNullFields)."""
    names = df.columns
    if not names:
        return df
    counts = df.select(*(F.count(F.col(f"`{n}`")).alias(f"c{i}") for i, n in enumerate(names))).first()
    empty = [n for i, n in enumerate(names) if counts is None or counts[f"c{i}"] == 0]
    return df.drop(*empty) if empty else df


def filter_records(df: DataFrame, predicate) -> DataFrame:
    """Run a Glue Filter function on each record (a dict). A record it raises on is dropped, as Glue
    drops error records."""
    def keep(row) -> bool:
        try:
            return bool(predicate(row.asDict(recursive=True)))
        except Exception:  # noqa: BLE001 - Glue turns the record into an error record
            return False

    udf = F.udf(keep, T.BooleanType())
    return df.filter(udf(F.struct(*(F.col(f"`{c}`") for c in df.columns))))


def map_records(df: DataFrame, function, schema: T.StructType | str | None = None) -> DataFrame:
    """Run a Glue Map function on each record (a dict) with mapInPandas.

    Without ``schema`` the output schema is inferred by applying the function to a few rows."""
    if schema is None:
        sample = [function(r.asDict(recursive=True)) for r in df.limit(20).collect()]
        schema = df.sparkSession.createDataFrame(sample).schema if sample else df.schema

    def run(batches):
        import pandas as pd

        for batch in batches:
            records = [function(record) for record in batch.to_dict("records")]
            yield pd.DataFrame.from_records(records)

    return df.mapInPandas(run, schema)


def join_frames(left: DataFrame, right: DataFrame, keys1, keys2) -> DataFrame:
    """Glue Join: inner equi-join that keeps the key columns of both sides."""
    keys1 = [keys1] if isinstance(keys1, str) else list(keys1)
    keys2 = [keys2] if isinstance(keys2, str) else list(keys2)
    condition = [left[a] == right[b] for a, b in zip(keys1, keys2, strict=True)]
    return left.join(right, condition, "inner")


# --- collections -------------------------------------------------------------------------------------

def split_fields(df: DataFrame, paths, name1: str = "frame1", name2: str = "frame2") -> dict[str, DataFrame]:
    """The listed fields in one frame, the other fields in the second."""
    return {name1: select_fields(df, paths), name2: drop_fields(df, paths)}


_OPERATORS = {"<": "__lt__", ">": "__gt__", "<=": "__le__", ">=": "__ge__", "=": "__eq__", "==": "__eq__",
              "!=": "__ne__"}


def split_rows(df: DataFrame, comparison_dict: dict, name1: str = "frame1", name2: str = "frame2") -> dict[str, DataFrame]:
    """Rows meeting every comparison (``{"age": {">": 21}}``) in one frame, all other rows in the second
    (rows where the comparison is NULL included)."""
    condition = F.lit(True)
    for path, comparisons in comparison_dict.items():
        for op, value in comparisons.items():
            condition = condition & getattr(_col(path), _OPERATORS[op])(value)
    return {name1: df.filter(condition), name2: df.filter(~F.coalesce(condition, F.lit(False)))}


def relationalize(df: DataFrame, root: str = "roottable") -> dict[str, DataFrame]:
    """Glue Relationalize: structs flattened into ``a.b`` columns; each array moved to a child table
    ``<root>_<column>`` with ``id`` (the key left in the parent column), ``index`` and ``<column>.val``."""
    tables: dict[str, DataFrame] = {}
    _relationalize(flatten(df), root, tables)
    return tables


def _relationalize(df: DataFrame, name: str, tables: dict[str, DataFrame]) -> None:
    arrays = [f.name for f in df.schema.fields if isinstance(f.dataType, T.ArrayType)]
    if not arrays:
        tables[name] = df
        return
    key = "__g2l_key"
    df = df.withColumn(key, F.monotonically_increasing_id() + 1)
    for column in arrays:
        child = df.select(
            F.col(key).alias("id"),
            F.posexplode(F.col(f"`{column}`")).alias("index", f"{column}.val"),
        )
        _relationalize(flatten(child), f"{name}_{column}", tables)
    parent = df
    for column in arrays:
        parent = parent.withColumn(column, F.col(key))
    tables[name] = parent.drop(key)


def flatten(df: DataFrame) -> DataFrame:
    """Struct fields become top-level columns named ``a.b`` (Glue's naming)."""
    def columns(data_type: T.StructType, prefix: list[str]) -> list[Column]:
        out = []
        for field in data_type.fields:
            path = [*prefix, field.name]
            if isinstance(field.dataType, T.StructType):
                out += columns(field.dataType, path)
            else:
                out.append(F.col(".".join(f"`{p}`" for p in path)).alias(".".join(path)))
        return out

    return df.select(*columns(df.schema, []))


def unnest(df: DataFrame) -> DataFrame:
    """Glue UnnestFrame: nested struct fields become top-level columns named ``a.b``."""
    return flatten(df)


def unbox(df: DataFrame, path: str, format: str, **options) -> DataFrame:
    """Parse a JSON or CSV string column into a struct, with a schema inferred from its first value."""
    first = df.where(_col(path).isNotNull()).select(_col(path)).first()
    if first is None:
        return df
    sample = F.lit(first[0])
    session = df.sparkSession
    if format == "json":
        schema = session.range(1).select(F.schema_of_json(sample)).first()[0]
        parsed = F.from_json(_col(path), schema)
    elif format == "csv":
        csv_options = {"sep": options.get("delimiter", options.get("separator", ","))}
        schema = session.range(1).select(F.schema_of_csv(sample, csv_options)).first()[0]
        parsed = F.from_csv(_col(path), schema, csv_options)
    else:
        raise ValueError(f"unbox format {format!r} is not supported")
    return _replace(df, path, parsed)


def merge_frames(df: DataFrame, stage: DataFrame, primary_keys) -> DataFrame:
    """Glue mergeDynamicFrame: staged records replace records with the same keys; new ones are added."""
    keys = [primary_keys] if isinstance(primary_keys, str) else list(primary_keys)
    kept = df.join(stage.select(*keys), keys, "left_anti")
    return kept.unionByName(stage, allowMissingColumns=True)


def add_ingestion_time_columns(df: DataFrame, granularity: str = "hour") -> DataFrame:
    """ingest_year/month/day/hour/minute columns, down to ``granularity``, from the current time."""
    parts = [("ingest_year", "yyyy"), ("ingest_month", "MM"), ("ingest_day", "dd"), ("ingest_hour", "HH"),
             ("ingest_minute", "mm")]
    depth = {"year": 1, "month": 2, "day": 3, "hour": 4, "minute": 5}[granularity]
    now = F.current_timestamp()
    return df.withColumns({name: F.date_format(now, fmt) for name, fmt in parts[:depth]})


# --- purge -------------------------------------------------------------------------------------------

def remove_path(path: str) -> None:
    """Delete everything under ``path``: ``dbutils.fs.rm`` on Databricks, the local file system elsewhere."""
    dbutils = _dbutils()
    if dbutils is not None:
        dbutils.fs.rm(path, True)
        return
    local = path.removeprefix("file://")
    if "://" in local:
        raise RuntimeError(f"cannot remove {path} outside Databricks")
    target = Path(local)
    if target.is_dir():
        shutil.rmtree(target)
    elif target.exists():
        target.unlink()
