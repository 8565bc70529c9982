"""Helpers for code converted from AWS Glue by g2l.

Each function stands in for one Glue construct that needs more than a few lines of PySpark. It is
written next to the converted jobs and depends only on PySpark, so the jobs run on Databricks and on
any Spark (Connect) session. Casts use ``try_cast``: Glue ran with ANSI mode off, where a value that
does not fit becomes NULL; Databricks runs with ANSI mode on, where a plain cast would fail the job.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from pyspark.sql import Column, DataFrame, Window
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
# The project's Unity Catalog naming (catalog, Glue database -> schema), written in as PATH_MAP is.
CATALOG = "main"
SCHEMA_MAP: dict[str, str] = {}


def _col(path: str) -> Column:
    """Column for a Glue path: dots address nested fields, a part in backticks is one name."""
    return F.col(path)


def _parts(path: str) -> list[str]:
    """Field names of a Glue path: split on dots outside backticks, quotes removed."""
    parts, current, quoted = [], "", False
    for ch in path:
        if ch == "`":
            quoted = not quoted
        elif ch == "." and not quoted:
            parts.append(current)
            current = ""
        else:
            current += ch
    return [*parts, current]


def _spark_path(parts: list[str]) -> str:
    return ".".join(p if re.fullmatch(r"[A-Za-z_]\w*", p) else f"`{p}`" for p in parts)


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

class JobArgumentError(Exception):
    """A job argument is missing or malformed (Glue's ``GlueArgumentError``): an exception, as on Glue, so
    ``try: ... except`` around an optional argument keeps working (argparse would exit the process)."""


class _ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str):
        raise JobArgumentError(message)


def job_arguments(argv: list[str], names: list[str], widgets: bool = False) -> dict[str, str]:
    """``getResolvedOptions``: required ``--name value`` arguments (``dbutils.widgets`` first when
    ``widgets``), plus Glue's reserved arguments with local defaults so ``args["JOB_NAME"]`` works."""
    values: dict[str, str] = {
        "JOB_NAME": Path(argv[0]).stem if argv and argv[0] else "job",
        "JOB_ID": os.environ.get("DATABRICKS_JOB_ID", "local"),
        "JOB_RUN_ID": os.environ.get("DATABRICKS_RUN_ID", "local"),
        "TempDir": tempfile.gettempdir(),
    }
    # Glue's reserved names (in a list built at run time) have the local values above: never required
    missing = [n for n in names if n not in RESERVED_ARGUMENTS]
    if widgets:
        dbutils = _dbutils()
        if dbutils is not None:
            for name in list(missing):
                try:
                    values[name] = dbutils.widgets.get(name)
                    missing.remove(name)
                except Exception:  # noqa: BLE001 - widget not defined: fall back to argv
                    pass
    parser = _ArgumentParser(prog=values["JOB_NAME"], allow_abbrev=False)
    for name in [*missing, *(n for n in RESERVED_ARGUMENTS if n not in missing)]:
        parser.add_argument(f"--{name}", dest=name, required=name in missing)
    parsed, _unknown = parser.parse_known_args(argv[1:])
    values.update({k: v for k, v in vars(parsed).items() if v is not None})
    return values


class NoOpJob:
    """Stands in for ``awsglue.job.Job`` where the job object is passed around or kept (returned, stored,
    handed to a function that commits it): Databricks runs need no init or commit, and have no Glue
    bookmarks to save, so both do nothing."""

    def __init__(self, *_args, **_kwargs) -> None:
        self._initialized = False

    def init(self, job_name: str = "", args: dict | None = None) -> None:  # noqa: ARG002
        self._initialized = True

    def isInitialized(self) -> bool:  # noqa: N802 - Glue's spelling
        return self._initialized

    def commit(self) -> None:
        pass


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


def uc_table_name(database: str, table: str) -> str:
    """Unity Catalog name of a Glue catalog table, as the converter names it (``SCHEMA_MAP`` looked up
    ignoring case, names that are not plain identifiers in backticks)."""
    schema = next((v for k, v in SCHEMA_MAP.items() if k.lower() == database.lower()), database.lower())
    return ".".join(p if re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", p) else "`" + p.replace("`", "``") + "`"
                    for p in (CATALOG, schema, table.lower()))


SINK_FORMATS = {"csv": "csv", "json": "json", "parquet": "parquet", "glueparquet": "parquet", "orc": "orc",
                "avro": "avro", "xml": "xml", "delta": "delta"}
SINK_FORMAT_OPTIONS = {"writeHeader": "header", "withHeader": "header", "separator": "sep", "quoteChar": "quote",
                       "escaper": "escape", "compression": "compression", "encoding": "encoding"}
SINK_GLUE_ONLY = frozenset({"updateBehavior", "transformation_ctx", "useGlueParquetWriter", "blockSize", "pageSize",
                            "groupFiles", "groupSize"})


class FrameSink:
    """Glue's ``getSink`` object over DataFrames, for a sink that is passed on or returned after its set-up:
    ``set_format``, ``set_catalog_info`` and ``write_frame`` append as the converted writes do (a catalog
    table by its Unity Catalog name, else files at the path-mapped ``path``). S3 sinks only. Glue's method
    names are kept as aliases for callers g2l did not convert (other repositories)."""

    def __init__(self, spark, connection_type: str = "s3", format: str | None = None, transformation_ctx: str = "",
                 **options):
        if connection_type != "s3":
            raise ValueError(f"FrameSink: connection_type={connection_type!r}; only S3 files and catalog tables are written")
        unknown = sorted(set(options) - {"path", "partitionKeys", "enableUpdateCatalog", "compression"} - SINK_GLUE_ONLY)
        if unknown:
            raise ValueError(f"FrameSink: options without a Spark equivalent: {', '.join(unknown)}")
        self.spark, self.options, self.format, self.format_options = spark, options, format, {}
        self.table: str | None = None

    def set_format(self, format: str, **options) -> None:
        unknown = sorted(set(options) - set(SINK_FORMAT_OPTIONS) - SINK_GLUE_ONLY)
        if unknown:
            raise ValueError(f"FrameSink.set_format: options without a Spark equivalent: {', '.join(unknown)}")
        self.format, self.format_options = format, {SINK_FORMAT_OPTIONS[k]: v for k, v in options.items()
                                                   if k in SINK_FORMAT_OPTIONS}

    def set_catalog_info(self, catalogDatabase: str, catalogTableName: str, catalogId: str | None = None) -> None:
        if catalogId is not None:
            raise ValueError("FrameSink.set_catalog_info: a cross-account catalogId has no Unity Catalog equivalent")
        self.table = uc_table_name(catalogDatabase, catalogTableName)

    def write_frame(self, frame: DataFrame, callSite=None) -> None:
        writer = frame.write.mode("append")
        keys = list(self.options.get("partitionKeys") or [])
        if keys:
            writer = writer.partitionBy(*keys)
        if self.table is not None:
            if str(self.options.get("enableUpdateCatalog", "")).lower() == "true":
                writer = writer.option("mergeSchema", "true")
            writer.saveAsTable(self.table)
            return
        spark_format = SINK_FORMATS.get(self.format or "")
        if spark_format is None or not self.options.get("path"):
            raise ValueError(f"FrameSink: a sink without catalog info needs a path and a known format (format={self.format!r})")
        options = {"header": True} if spark_format == "csv" else {}
        if "compression" in self.options:
            options["compression"] = self.options["compression"]
        options.update(self.format_options)
        writer.format(spark_format).options(**options).save(map_path(self.options["path"]))

    setFormat, setCatalogInfo, writeFrame, write = set_format, set_catalog_info, write_frame, write_frame
# Glue's format names -> Spark's data source names (``glueparquet`` is Glue's own Parquet writer).
FILE_FORMATS = {"csv": "csv", "json": "json", "parquet": "parquet", "glueparquet": "parquet", "orc": "orc",
                "avro": "avro", "xml": "xml", "delta": "delta", "hudi": "hudi", "iceberg": "iceberg"}


# Glue format option -> Spark reader/writer option; None: Glue-only, dropped.
FORMAT_OPTIONS = {
    "withHeader": "header", "writeHeader": "header", "separator": "sep", "quoteChar": "quote",
    "escaper": "escape", "multiline": "multiLine", "multiLine": "multiLine", "rowTag": "rowTag",
    "compression": "compression", "encoding": "encoding", "skipFirst": None, "optimizePerformance": None,
    "useGlueParquetWriter": None, "blockSize": None, "pageSize": None,
    "attributePrefix": "attributePrefix", "valueTag": "valueTag", "excludeAttribute": "excludeAttribute",
    "treatEmptyValuesAsNulls": "treatEmptyValuesAsNulls", "ignoreSurroundingSpaces": "ignoreSurroundingSpaces",
    "rootTag": "rootTag", "nullValue": "nullValue",
    "version": None,
}


def format_options(options: dict | None) -> dict:
    """Spark reader/writer options for Glue ``format_options`` only known at run time: Glue's names mapped,
    Glue-only ones dropped, others passed as they are. A ``jsonPath`` other than the whole document cannot be
    an option: it fails here rather than reading the wrong records."""
    out = {}
    for key, value in (options or {}).items():
        if key == "jsonPath":
            if value not in ("$[*]", "$"):
                raise ValueError(f"jsonPath {value!r}: read with multiLine and select the records by hand")
            continue
        spark_key = FORMAT_OPTIONS.get(key, key)
        if spark_key is not None:
            out[spark_key] = value
    return out


def file_format(name: str) -> str:
    """Spark's format for a Glue format name only known at run time (a job argument)."""
    spark_format = FILE_FORMATS.get((name or "json").lower())
    if spark_format is None:
        raise ValueError(f"Glue format {name!r} has no Spark file writer")
    return spark_format


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


# Catalog-read options that only tune how Glue lists files or tracks bookmarks: no effect on the rows.
LISTING_OPTIONS = frozenset({"groupFiles", "groupSize", "compressionType", "maxBand", "maxFilesInBand",
                             "useS3ListImplementation", "boundedFiles", "boundedSize", "excludeStorageClasses",
                             "jobBookmarkKeys", "jobBookmarkKeysSortOrder", "mergeSchema"})


# Grok's base patterns (the Logstash set Glue's grokLog reader knows), as Java regular expressions without
# capturing groups of their own.
GROK_PATTERNS = {
    "USERNAME": r"[a-zA-Z0-9._-]+", "USER": "%{USERNAME}", "INT": r"(?:[+-]?(?:[0-9]+))",
    "BASE10NUM": r"(?:[+-]?(?:(?:[0-9]+(?:\.[0-9]+)?)|(?:\.[0-9]+)))", "NUMBER": "(?:%{BASE10NUM})",
    "POSINT": r"\b(?:[1-9][0-9]*)\b", "NONNEGINT": r"\b(?:[0-9]+)\b", "WORD": r"\b\w+\b", "NOTSPACE": r"\S+",
    "SPACE": r"\s*", "DATA": r".*?", "GREEDYDATA": r".*",
    "QUOTEDSTRING": r"(?:\"(?:\\.|[^\\\"])*\"|'(?:\\.|[^\\'])*'|`(?:\\.|[^\\`])*`)", "QS": "%{QUOTEDSTRING}",
    "UUID": r"[A-Fa-f0-9]{8}-(?:[A-Fa-f0-9]{4}-){3}[A-Fa-f0-9]{12}",
    "IPV4": r"(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9]{1,2})\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9]{1,2})",
    "IPV6": r"(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}", "IP": "(?:%{IPV6}|%{IPV4})",
    "HOSTNAME": r"\b(?:[0-9A-Za-z][0-9A-Za-z-]{0,62})(?:\.(?:[0-9A-Za-z][0-9A-Za-z-]{0,62}))*\.?",
    "IPORHOST": "(?:%{IP}|%{HOSTNAME})", "HOSTPORT": "%{IPORHOST}:%{POSINT}",
    "URIPROTO": r"[A-Za-z][A-Za-z0-9+\-.]+", "URIPATH": r"(?:/[A-Za-z0-9$.+!*'(){},~:;=@#%&_\-]*)+",
    "URIPARAM": r"\?[A-Za-z0-9$.+!*'|(){},~@#%&/=:;_?\-\[\]<>]*", "URIPATHPARAM": "%{URIPATH}(?:%{URIPARAM})?",
    "URIHOST": "%{IPORHOST}(?::%{POSINT})?",
    "URI": "%{URIPROTO}://(?:%{USER}(?::[^@]*)?@)?(?:%{URIHOST})?(?:%{URIPATHPARAM})?",
    "MONTH": r"\b(?:[Jj]an(?:uary)?|[Ff]eb(?:ruary)?|[Mm]ar(?:ch)?|[Aa]pr(?:il)?|[Mm]ay|[Jj]un(?:e)?|[Jj]ul(?:y)?"
             r"|[Aa]ug(?:ust)?|[Ss]ep(?:tember)?|[Oo]ct(?:ober)?|[Nn]ov(?:ember)?|[Dd]ec(?:ember)?)\b",
    "MONTHNUM": r"(?:0?[1-9]|1[0-2])", "MONTHDAY": r"(?:(?:0[1-9])|(?:[12][0-9])|(?:3[01])|[1-9])",
    "DAY": r"(?:Mon(?:day)?|Tue(?:sday)?|Wed(?:nesday)?|Thu(?:rsday)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)",
    "YEAR": r"(?:\d\d){1,2}", "HOUR": r"(?:2[0123]|[01]?[0-9])", "MINUTE": r"(?:[0-5][0-9])",
    "SECOND": r"(?:(?:[0-5]?[0-9]|60)(?:[:.,][0-9]+)?)", "TIME": "%{HOUR}:%{MINUTE}(?::%{SECOND})",
    "ISO8601_TIMEZONE": "(?:Z|[+-]%{HOUR}(?::?%{MINUTE}))",
    "TIMESTAMP_ISO8601": "%{YEAR}-%{MONTHNUM}-%{MONTHDAY}[T ]%{HOUR}:?%{MINUTE}(?::?%{SECOND})?%{ISO8601_TIMEZONE}?",
    "DATE_US": "%{MONTHNUM}[/-]%{MONTHDAY}[/-]%{YEAR}", "DATE_EU": "%{MONTHDAY}[./-]%{MONTHNUM}[./-]%{YEAR}",
    "DATE": "(?:%{DATE_US}|%{DATE_EU})", "HTTPDATE": "%{MONTHDAY}/%{MONTH}/%{YEAR}:%{TIME} %{INT}",
    "SYSLOGTIMESTAMP": "%{MONTH} +%{MONTHDAY} %{TIME}",
    "LOGLEVEL": r"(?:[Aa]lert|ALERT|[Tt]race|TRACE|[Dd]ebug|DEBUG|[Nn]otice|NOTICE|[Ii]nfo|INFO|[Ww]arn(?:ing)?|WARN(?:ING)?"
                r"|[Ee]rr(?:or)?|ERR(?:OR)?|[Cc]rit(?:ical)?|CRIT(?:ICAL)?|[Ff]atal|FATAL|[Ss]evere|SEVERE)",
    "COMMONAPACHELOG": r'%{IPORHOST:clientip} %{USER:ident} %{USER:auth} \[%{HTTPDATE:timestamp}\] "(?:%{WORD:verb} '
                       r'%{NOTSPACE:request}(?: HTTP/%{NUMBER:httpversion})?|%{DATA:rawrequest})" %{NUMBER:response} '
                       r'(?:%{NUMBER:bytes}|-)',
    "COMBINEDAPACHELOG": "%{COMMONAPACHELOG} %{QS:referrer} %{QS:agent}",
}
_GROK_REFERENCE = re.compile(r"%\{(\w+)(?::([\w.@\[\]-]+))?(?::(\w+))?\}")


def grok_regex(pattern: str, custom_patterns: str | None = None) -> tuple[str, list[tuple[str, str | None]]]:
    """A grok pattern as one regular expression and its named fields in group order ``(name, type)``."""
    table = dict(GROK_PATTERNS)
    for line in (custom_patterns or "").splitlines():
        name, _, body = line.strip().partition(" ")
        if name and body:
            table[name] = body.strip()
    fields: list[tuple[str, str | None]] = []

    def expand(text: str, depth: int) -> str:
        if depth > 40:
            raise ValueError(f"grok pattern {pattern!r} refers to itself")

        def one(match: re.Match) -> str:
            name, field, kind = match.groups()
            if name not in table:
                raise ValueError(f"grok pattern %{{{name}}} is not known: pass it in customPatterns")
            body = expand(table[name], depth + 1)
            if field is None:
                return f"(?:{body})"
            fields.append((field, kind))
            return f"({body})"

        return _GROK_REFERENCE.sub(one, text)

    return expand(pattern, 0), fields


def read_grok_log(spark, paths, logFormat: str, customPatterns: str | None = None, MISSING: str = "-",
                  StrictMode=False, recursive: bool = False) -> DataFrame:
    """Glue's grokLog reader: each line of the text files parsed with the grok pattern into one column per
    named field (typed ``int``/``long``/``float``/``double`` where the pattern says so); a field that is empty
    or ``MISSING`` is null; with ``StrictMode`` lines that do not match are dropped."""
    regex, fields = grok_regex(logFormat, customPatterns)
    reader = spark.read.format("text")
    if recursive:
        reader = reader.option("recursiveFileLookup", True)
    lines = reader.load(paths)
    matched = F.col("value").rlike(f"^(?:{regex})$")
    if str(StrictMode).lower() == "true":
        lines = lines.filter(matched)
    casts = {"int": "int", "long": "bigint", "float": "float", "double": "double"}
    columns = []
    for index, (name, kind) in enumerate(fields, start=1):
        value = F.regexp_extract(F.col("value"), f"^(?:{regex})$", index)
        value = F.when(matched & (value != "") & (value != F.lit(MISSING)), value)
        columns.append((value.try_cast(casts[kind]) if kind in casts else value).alias(name))
    return lines.select(*columns)


def glue_csv_column_names(df: DataFrame, first_line_read: bool = False) -> DataFrame:
    """Columns of a CSV read without a header line as Glue names them: Spark's _c0, _c1, ... become col0,
    col1, ... (partition columns keep their names). ``first_line_read``: the read took its first line as a
    header (Glue's skipFirst), so every column but the partition ones (``key=value`` folders) is renamed."""
    if not first_line_read:
        return df.toDF(*[f"col{c[2:]}" if re.fullmatch(r"_c\d+", c) else c for c in df.columns])
    try:
        files = df.inputFiles()
    except Exception:  # noqa: BLE001 - a session that cannot list them: no partition columns assumed
        files = []
    partitions = {part.split("=", 1)[0] for f in files for part in f.split("/") if "=" in part}
    names, index = [], 0
    for column in df.columns:
        if column in partitions:
            names.append(column)
        else:
            names.append(f"col{index}")
            index += 1
    return df.toDF(*names)


def catalog_read_options(df: DataFrame, options: dict | None) -> DataFrame:
    """A catalog read's ``additional_options`` known only at run time: partition predicates
    (``catalogPartitionPredicate``, ``push_down_predicate``) filter the rows as Glue's pruning did; keys
    that only tune file listing are ignored; any other key raises, naming it, rather than reading
    different rows than Glue did."""
    options = options or {}
    # a governed table's transactionId: Delta reads the latest commit (the transaction is gone, see the job)
    unknown = sorted(k for k in options if k not in LISTING_OPTIONS
                     and k not in ("catalogPartitionPredicate", "push_down_predicate", "transactionId"))
    if unknown:
        raise ValueError(f"catalog read options without a Spark equivalent: {', '.join(unknown)}; "
                         "convert this read by hand")
    for key in ("push_down_predicate", "catalogPartitionPredicate"):
        df = where_predicate(df, options.get(key))
    return df


def where_predicate(df: DataFrame, predicate: str | None) -> DataFrame:
    """Glue push-down predicate known only at run time: an SQL condition, where None or "" (Glue's
    "no predicate") means no filter -- ``df.where("")`` would fail, hence this helper. Literal and
    f-string predicates are never empty and are converted to a plain ``.where(...)``."""
    return df.where(predicate) if predicate else df


# --- ApplyMapping / fields -----------------------------------------------------------------------------

def map_columns(df: DataFrame, mappings) -> DataFrame:
    """Keep only the mapped fields, cast with NULL on failure; dotted targets build structs."""
    tree: dict = {}
    for source, source_type, target, target_type in mappings:
        column = _col(source)
        if source_type.strip().lower() != target_type.strip().lower():
            column = column.try_cast(_spark_type(target_type))
        node = tree
        parts = _parts(target)
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = column
    return df.select(*_struct_columns(tree))


def _struct_columns(tree: dict) -> list[Column]:
    return [
        (F.struct(*_struct_columns(value)) if isinstance(value, dict) else value).alias(name)
        for name, value in tree.items()
    ]


def select_columns(df: DataFrame, paths) -> DataFrame:
    """Keep the listed fields; a nested path keeps its struct around it (Glue semantics)."""
    tree: dict = {}
    for path in paths:
        parts = _parts(path)
        node = tree
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = path
    def build(node: dict) -> list[Column]:
        return [(F.struct(*build(v)) if isinstance(v, dict) else _col(v)).alias(k) for k, v in node.items()]
    return df.select(*build(tree))


def drop_columns(df: DataFrame, paths) -> DataFrame:
    for path in paths:
        parts = _parts(path)
        if len(parts) > 1:
            df = df.withColumn(parts[0], F.col(_spark_path(parts[:1])).dropFields(_spark_path(parts[1:])))
        else:
            df = df.drop(parts[0])
    return df


def rename_column(df: DataFrame, old: str, new: str) -> DataFrame:
    """Rename a top-level or nested field (nested: within the same parent struct)."""
    old_parts, new_parts = _parts(old), _parts(new)
    if len(old_parts) == 1:
        return df.withColumnRenamed(old_parts[0], new_parts[-1])
    top, inner, leaf = old_parts[0], old_parts[1:-1], old_parts[-1]
    return df.withColumn(top, F.col(_spark_path([top])).withField(_spark_path([*inner, new_parts[-1]]), _col(old))
                         .dropFields(_spark_path([*inner, leaf])))


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
                name = ".".join(_parts(path))
                df = df.withColumn(f"{name}_{type_}", _col(path)).drop(name)
            else:
                df = _replace(df, path, F.struct(_col(path).alias(type_)))
        else:
            raise ValueError(f"ResolveChoice action {action!r} is not supported")
    return df


def _replace(df: DataFrame, path: str, column: Column) -> DataFrame:
    parts = _parts(path)
    if len(parts) == 1:
        return df.withColumn(parts[0], column)
    return df.withColumn(parts[0], F.col(_spark_path(parts[:1])).withField(_spark_path(parts[1:]), column))


def _field_type(schema: T.StructType, path: str) -> T.DataType:
    data_type: T.DataType = schema
    for part in _parts(path):
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

def split_columns(df: DataFrame, paths, name1: str = "frame1", name2: str = "frame2") -> dict[str, DataFrame]:
    """The listed fields in one frame, the other fields in the second."""
    return {name1: select_columns(df, paths), name2: drop_columns(df, paths)}


_OPERATORS = {"<": "__lt__", ">": "__gt__", "<=": "__le__", ">=": "__ge__", "=": "__eq__", "==": "__eq__",
              "!=": "__ne__"}


def split_by_filter(df: DataFrame, comparison_dict: dict, name1: str = "frame1", name2: str = "frame2") -> dict[str, DataFrame]:
    """Rows meeting every comparison (``{"age": {">": 21}}``) in one frame, all other rows in the second
    (rows where the comparison is NULL included)."""
    condition = F.lit(True)
    for path, comparisons in comparison_dict.items():
        for op, value in comparisons.items():
            condition = condition & getattr(_col(path), _OPERATORS[op])(value)
    return {name1: df.filter(condition), name2: df.filter(~F.coalesce(condition, F.lit(False)))}


def flatten_to_tables(df: DataFrame, root: str = "roottable") -> dict[str, DataFrame]:
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


def flatten_struct_columns(df: DataFrame) -> DataFrame:
    """Glue UnnestFrame: nested struct fields become top-level columns named ``a.b``."""
    return flatten(df)


def parse_string_column(df: DataFrame, path: str, format: str, **options) -> DataFrame:
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


# --- Glue Studio visual transforms (gs_*) ---------------------------------------------------------------

_PYTHON_DATE_CODES = {
    "Y": "yyyy", "y": "yy", "m": "MM", "d": "dd", "H": "HH", "I": "hh", "M": "mm", "S": "ss", "f": "SSSSSS",
    "p": "a", "a": "E", "A": "EEEE", "b": "MMM", "B": "MMMM", "j": "DDD", "z": "Z", "Z": "z", "%": "%",
}


def spark_date_pattern(fmt: str) -> str:
    """A date format with Python codes (``%Y-%m-%d``) as a Spark pattern (``yyyy-MM-dd``); a Spark pattern
    is returned as it is. Letters between codes are quoted, as Spark would read them as pattern letters."""
    if "%" not in fmt:
        return fmt
    out, last = [], 0
    for match in re.finditer(r"%(.)", fmt):
        text = fmt[last:match.start()]
        out.append("'" + text.replace("'", "''") + "'" if re.search(r"[A-Za-z']", text) else text)
        if match.group(1) not in _PYTHON_DATE_CODES:
            raise ValueError(f"date code %{match.group(1)} has no Spark pattern letter")
        out.append(_PYTHON_DATE_CODES[match.group(1)])
        last = match.end()
    text = fmt[last:]
    out.append("'" + text.replace("'", "''") + "'" if re.search(r"[A-Za-z']", text) else text)
    return "".join(out)


def _plain_name(column: str) -> str:
    """The column name a Glue Studio transform writes: backticks around a dotted name removed."""
    return column[1:-1] if len(column) > 1 and column.startswith("`") and column.endswith("`") else column


def add_current_timestamp(df: DataFrame, colName: str = "timestamp", dateFormat: str | None = None) -> DataFrame:
    """Glue Studio Add Current Timestamp: the job's current time, as a string when a format is given."""
    now = F.current_timestamp()
    if dateFormat:
        now = F.date_format(now, spark_date_pattern(dateFormat))
    return df.withColumn(colName, now)


def to_timestamp_column(df: DataFrame, colName: str, colType: str = "autodetect",
                        newColName: str | None = None) -> DataFrame:
    """Glue Studio To Timestamp: numbers as epoch seconds, milliseconds or microseconds, strings as ISO
    8601; ``autodetect`` decides per value (a number's magnitude gives its unit, text is parsed as ISO)."""
    column = _col(colName)
    data_type = df.select(column).schema.fields[0].dataType
    numeric = isinstance(data_type, T.NumericType)
    divisors = {"seconds": 1, "epoch": 1, "milliseconds": 1000, "microseconds": 1000 ** 2, "nanoseconds": 1000 ** 3}
    kind = colType.lower()
    if kind in divisors:
        number = column if numeric else column.try_cast("double")
        value = (number / divisors[kind]).try_cast("timestamp")
    elif kind == "iso":
        value = F.to_timestamp(column.cast("string"))
    elif kind == "autodetect":
        number = column if numeric else column.try_cast("double")
        magnitude = F.abs(number)
        scaled = (F.when(magnitude < 1e11, number).when(magnitude < 1e14, number / 1e3)
                  .when(magnitude < 1e17, number / 1e6).otherwise(number / 1e9))
        value = F.coalesce(scaled.try_cast("timestamp"), F.to_timestamp(column.cast("string")))
    else:
        raise ValueError(f"To Timestamp type {colType!r} is not known")
    return df.withColumn(_plain_name(newColName or colName), value)


def format_timestamp_column(df: DataFrame, colName: str, dateFormat: str, newColName: str | None = None) -> DataFrame:
    """Glue Studio Format Timestamp: the timestamp as a string in the format (Spark or Python codes)."""
    return df.withColumn(_plain_name(newColName or colName),
                         F.date_format(_col(colName), spark_date_pattern(dateFormat)))


def add_row_identifier(df: DataFrame, colName: str = "id", unique: bool = False) -> DataFrame:
    """Glue Studio Identifier: a numeric id per row (unique, not consecutive); ``unique`` prefixes the job's
    start time (as a decimal) so ids of different runs differ."""
    ids = F.monotonically_increasing_id()
    if unique:
        ids = (F.unix_micros(F.current_timestamp()).cast("decimal(38,0)") * F.lit(10 ** 18).cast("decimal(38,0)")
               + ids.cast("decimal(38,0)"))
    return df.withColumn(colName, ids)


def concat_columns(df: DataFrame, colName: str, colList, spacer: str = "", nullString: str | None = None) -> DataFrame:
    """Glue Studio Concatenate Columns: the columns as text joined by ``spacer``; a null becomes
    ``nullString`` (by default the empty string)."""
    parts = [F.coalesce(_col(c).cast("string"), F.lit(nullString or "")) for c in colList]
    return df.withColumn(colName, F.concat_ws(spacer or "", *parts))


def split_column(df: DataFrame, colName: str, pattern: str, newColName: str | None = None) -> DataFrame:
    """Glue Studio Split String: the string split on a regular expression into an array."""
    return df.withColumn(_plain_name(newColName or colName), F.split(_col(colName), pattern))


def array_to_columns(df: DataFrame, colName: str, colList, indexes=None) -> DataFrame:
    """Glue Studio Array To Columns: array elements into new columns, in order or at the given positions
    (counted from 1); a position the array does not reach gives null."""
    names = [n.strip() for n in colList.split(",")] if isinstance(colList, str) else list(colList)
    if indexes is None or indexes == "":
        positions = list(range(1, len(names) + 1))
    else:
        positions = [int(i) for i in (indexes.split(",") if isinstance(indexes, str) else indexes)]
    array = _col(colName)
    for name, position in zip(names, positions):
        if name:
            df = df.withColumn(name, F.get(array, position - 1))
    return df


def explode_column(df: DataFrame, colName: str, newCol: str | None = None, outer: bool = False) -> DataFrame:
    """Glue Studio Explode Array Or Map Into Rows: a row per array element (in ``newCol``, replacing the
    column when it has the same name), or per map entry (``newCol`` holds the key/value struct);
    ``outer`` keeps rows whose array is empty or null."""
    name = _plain_name(newCol or colName)
    column = _col(colName)
    data_type = df.select(column).schema.fields[0].dataType
    if isinstance(data_type, T.MapType):
        column = F.map_entries(column)
    exploded = F.explode_outer(column) if outer else F.explode(column)
    return df.withColumn(name, exploded)


def flatten_structs(df: DataFrame, maxLevels: int = 0, separator: str = ".") -> DataFrame:
    """Glue Studio Flatten: struct fields become top-level columns named ``parent<separator>field``, down
    to ``maxLevels`` levels (0: all)."""
    def columns(data_type: T.StructType, prefix: list[str], level: int) -> list[Column]:
        out = []
        for field in data_type.fields:
            path = [*prefix, field.name]
            if isinstance(field.dataType, T.StructType) and (not maxLevels or level < int(maxLevels)):
                out += columns(field.dataType, path, level + 1)
            else:
                out.append(F.col(".".join(f"`{p}`" for p in path)).alias(separator.join(path)))
        return out

    return df.select(*columns(df.schema, [], 0))


def regex_extract_columns(df: DataFrame, colName: str, regex: str, newCols) -> DataFrame:
    """Glue Studio Regex Extractor: the match (or each group, one column per name; an empty name skips the
    group) into new columns; a value the regex does not match gives empty strings, null stays null."""
    names = [n.strip() for n in newCols.split(",")] if isinstance(newCols, str) else list(newCols)
    groups = re.compile(regex).groups
    column = _col(colName).cast("string")
    for index, name in enumerate(names):
        if name:
            df = df.withColumn(name, F.regexp_extract(column, regex, index + 1 if groups else 0))
    return df


def drop_null_rows(df: DataFrame, extended: bool = False) -> DataFrame:
    """Glue Studio Remove Null Rows: rows whose every column is null go; ``extended`` also counts empty
    strings, arrays and maps as null."""
    if not extended:
        return df.na.drop(how="all")
    present = []
    for field in df.schema.fields:
        column = F.col(f"`{field.name}`")
        if isinstance(field.dataType, T.StringType):
            present.append(column.isNotNull() & (column != ""))
        elif isinstance(field.dataType, (T.ArrayType, T.MapType)):
            present.append(column.isNotNull() & (F.size(column) > 0))
        else:
            present.append(column.isNotNull())
    if not present:
        return df
    keep = present[0]
    for condition in present[1:]:
        keep = keep | condition
    return df.filter(keep)


def pivot_rows(df: DataFrame, aggCol: str, aggFunction: str, colList) -> DataFrame:
    """Glue Studio Pivot Rows Into Columns: the other columns group the rows, each value of the pivot
    column becomes a column holding ``aggFunction(aggCol)`` (several pivot columns are joined with ``_``)."""
    pivots = [colList] if isinstance(colList, str) else list(colList)
    function = {"mean": "avg", "average": "avg"}.get(aggFunction.lower(), aggFunction.lower())
    groups = [c for c in df.columns if c not in (aggCol, *pivots)]
    if len(pivots) == 1:
        key = _col(pivots[0])
    else:
        key = F.concat_ws("_", *(_col(c).cast("string") for c in pivots))
    keyed = df.withColumn("__g2l_pivot", key)
    return keyed.groupBy(*groups).pivot("__g2l_pivot").agg(getattr(F, function)(_col(aggCol)))


# --- Detect Sensitive Data ----------------------------------------------------------------------------

class SensitiveDataDetector:
    """Stand-in for Glue's ``EntityDetector`` (Glue Studio's Detect Sensitive Data) with the same calls.

    Entity types with a fixed shape are found with the regular expressions in ``PATTERNS`` (extend it for
    custom types); types Glue found with machine learning (person names, addresses) raise. ``detect`` adds
    a column mapping each column name to the entities found in it (``entityType``, ``start``, ``end``), and
    with detection parameters (``{"EMAIL": [{"action": "REDACT", ...}]}``) also applies their actions."""

    PATTERNS = {
        "EMAIL": r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}",
        "CREDIT_CARD": r"\b(?:\d[ -]?){12,18}\d\b",
        "USA_SSN": r"\b\d{3}-\d{2}-\d{4}\b",
        "USA_ITIN": r"\b9\d{2}-?[5-9]\d-?\d{4}\b",
        "USA_ATIN": r"\b9\d{2}-?93-?\d{4}\b",
        "PHONE_NUMBER": r"(?<!\d)(?:\+?\d{1,3}[ .-]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}(?!\d)",
        "USA_PHONE_NUMBER": r"(?<!\d)(?:\+?1[ .-]?)?\(?[2-9]\d{2}\)?[ .-]?\d{3}[ .-]?\d{4}(?!\d)",
        "IP_ADDRESS": r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b",
        "MAC_ADDRESS": r"\b(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}\b",
        "USA_PASSPORT_NUMBER": r"\b[A-Z]?\d{8,9}\b",
        "BANK_ACCOUNT": r"\b\d{8,17}\b",
        "USA_CPT_CODE": r"\b\d{4}[0-9A-Z]\b",
        "UK_NATIONAL_INSURANCE_NUMBER": r"\b[A-CEGHJ-PR-TW-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b",
    }

    def _patterns(self, entity_types) -> dict[str, str]:
        unknown = [t for t in entity_types if t not in self.PATTERNS]
        if unknown:
            raise ValueError(f"no regular expression for entity types {unknown}: Glue detected them with machine "
                             "learning or a custom pattern; add them to SensitiveDataDetector.PATTERNS")
        return {t: self.PATTERNS[t] for t in entity_types}

    @staticmethod
    def _find(patterns: dict[str, str], text) -> list[dict]:
        if text is None:
            return []
        return [{"entityType": name, "start": m.start(), "end": m.end()}
                for name, pattern in patterns.items() for m in re.finditer(pattern, str(text))]

    def detect(self, frame: DataFrame, entity_types, output_column_name: str = "DetectedEntities",
               detection_sensitivity: str = "LOW") -> DataFrame:
        actions = entity_types if isinstance(entity_types, dict) else {t: [{"action": "DETECT"}] for t in entity_types}
        patterns = self._patterns(list(actions))
        columns = [f.name for f in frame.schema.fields if isinstance(f.dataType, T.StringType)]
        entity = T.StructType([T.StructField("entityType", T.StringType()), T.StructField("start", T.IntegerType()),
                               T.StructField("end", T.IntegerType())])
        find = self._find

        def found(*values):
            out = {name: find(patterns, value) for name, value in zip(columns, values)}
            return {name: hits for name, hits in out.items() if hits}

        udf = F.udf(found, T.MapType(T.StringType(), T.ArrayType(entity)))
        out = frame.withColumn(output_column_name,
                               udf(*(F.col(f"`{c}`") for c in columns)) if columns else F.create_map())
        for name, steps in actions.items():
            for step in steps:
                out = self._act(out, columns, patterns[name], step)
        return out

    @staticmethod
    def _act(df: DataFrame, columns: list[str], pattern: str, step: dict) -> DataFrame:
        action = step.get("action", "DETECT").upper()
        options = step.get("actionOptions", {}) or {}
        if action == "DETECT":
            return df
        if action == "REDACT":
            text = options.get("redactText", "*******")
            replace = lambda match: text  # noqa: E731
        elif action == "PARTIAL_REDACT":
            left, right = int(options.get("numLeftCharsToExclude", 0)), int(options.get("numRightCharsToExclude", 0))
            char = options.get("redactChar", "*")

            def replace(match):
                value = match.group(0)
                middle = len(value) - left - right
                return value[:left] + char * max(middle, 0) + (value[len(value) - right:] if right else "")
        elif action == "SHA256_HASH":
            import hashlib

            replace = lambda match: hashlib.sha256(match.group(0).encode()).hexdigest()  # noqa: E731
        else:
            raise ValueError(f"detection action {action!r} is not known")

        def mask(value):
            return None if value is None else re.sub(pattern, replace, value)

        udf = F.udf(mask, T.StringType())
        for column in columns:
            df = df.withColumn(column, udf(F.col(f"`{column}`")))
        return df

    def classify_columns(self, frame: DataFrame, entity_types, sample_fraction: float = 0.1,
                         threshold_fraction: float = 0.1, detection_sensitivity: str = "LOW") -> dict[str, list[str]]:
        """Columns whose sampled values match an entity type in at least ``threshold_fraction`` of rows."""
        patterns = self._patterns(list(entity_types))
        columns = [f.name for f in frame.schema.fields if isinstance(f.dataType, T.StringType)]
        sample = frame.sample(fraction=float(sample_fraction), seed=7) if float(sample_fraction) < 1 else frame
        total = sample.count()
        if not total or not columns:
            return {}
        counts = sample.select(*(
            F.sum(F.when(F.col(f"`{c}`").rlike(p), 1).otherwise(0)).alias(f"{i}_{t}")
            for i, c in enumerate(columns) for t, p in patterns.items())).first()
        out: dict[str, list[str]] = {}
        for i, column in enumerate(columns):
            hits = [t for t in patterns if (counts[f"{i}_{t}"] or 0) / total >= float(threshold_fraction)]
            if hits:
                out[column] = hits
        return out


def merge_frames(df: DataFrame, stage: DataFrame, primary_keys) -> DataFrame:
    """Glue mergeDynamicFrame: staged records replace records with the same keys; new ones are added."""
    keys = [primary_keys] if isinstance(primary_keys, str) else list(primary_keys)
    kept = df.join(stage.select(*keys), keys, "left_anti")
    return kept.unionByName(stage, allowMissingColumns=True)


def with_ingestion_time(df: DataFrame, granularity: str = "hour") -> DataFrame:
    """ingest_year/month/day/hour/minute columns, down to ``granularity``, from the current time."""
    parts = [("ingest_year", "yyyy"), ("ingest_month", "MM"), ("ingest_day", "dd"), ("ingest_hour", "HH"),
             ("ingest_minute", "mm")]
    depth = {"year": 1, "month": 2, "day": 3, "hour": 4, "minute": 5}[granularity]
    now = F.current_timestamp()
    return df.withColumns({name: F.date_format(now, fmt) for name, fmt in parts[:depth]})


# --- the Glue Data Catalog API (boto3) answered from Unity Catalog ------------------------------------

def _active_session():
    from pyspark.sql import SparkSession

    return SparkSession.getActiveSession() or SparkSession.builder.getOrCreate()


def _describe_table(spark, name: str) -> tuple[str | None, list[str]]:
    """``(location, partition columns)`` from ``DESCRIBE TABLE EXTENDED``, which every table answers."""
    location, partitions, section = None, [], "columns"
    for row in spark.sql(f"DESCRIBE TABLE EXTENDED {name}").collect():
        key = (row[0] or "").strip()
        if key.startswith("# Partition"):
            section = "partitions"
        elif key.startswith("# Detailed"):
            section = "details"
        elif not key or key.startswith("#"):
            continue
        elif section == "partitions":
            partitions.append(key)
        elif section == "details" and key == "Location":
            location = row[1]
    return location, partitions


def catalog_table(database: str, table: str) -> dict:
    """What ``glue.get_table(DatabaseName=database, Name=table)`` returned, for the table's Unity Catalog
    counterpart: ``Table`` with ``Name``, ``DatabaseName`` (Glue's names, lower case as Glue keeps them),
    ``StorageDescriptor`` (``Location``, ``Columns``: the non-partition columns) and ``PartitionKeys``, types
    in Hive spelling. Fields Unity Catalog has no answer for (SerDe, input format, Glue parameters) are absent,
    so code reading them fails with a KeyError instead of going on with a wrong value."""
    spark = _active_session()
    name = uc_table_name(database, table)
    location, partitions = _describe_table(spark, name)

    def column(field: T.StructField) -> dict:
        out = {"Name": field.name, "Type": field.dataType.simpleString()}
        if (field.metadata or {}).get("comment"):
            out["Comment"] = field.metadata["comment"]
        return out

    fields = spark.table(name).schema.fields
    wanted = {p.lower() for p in partitions}
    return {"Table": {
        "Name": table.lower(), "DatabaseName": database.lower(),
        "StorageDescriptor": {"Location": location, "Columns": [column(f) for f in fields if f.name.lower() not in wanted]},
        "PartitionKeys": [column(f) for f in fields if f.name.lower() in wanted],
    }}


def _partition_value(value) -> str:
    if value is None:
        return "__HIVE_DEFAULT_PARTITION__"  # how Glue (Hive) names the partition of null values
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def catalog_partitions(database: str, table: str) -> dict:
    """What ``glue.get_partitions(DatabaseName=database, TableName=table)`` returned, for the Unity Catalog
    table: one ``Partitions`` entry (``Values`` as strings, in partition-column order) per partition that
    holds rows. A Delta table keeps no separate partition list: its partitions are those its data has. No
    ``NextToken``: everything comes in one page."""
    spark = _active_session()
    name = uc_table_name(database, table)
    _, columns = _describe_table(spark, name)
    if not columns:
        raise ValueError(f"{name} is not partitioned: it has no partitions to list")
    rows = spark.table(name).select(*columns).distinct().collect()
    values = sorted([_partition_value(v) for v in row] for row in rows)
    return {"Partitions": [{"Values": v, "DatabaseName": database.lower(), "TableName": table.lower()} for v in values]}


class CatalogPartitionPaginator:
    """``glue.get_paginator("get_partitions")``: ``paginate(DatabaseName=, TableName=)`` yields one page,
    ``catalog_partitions``' answer."""

    def paginate(self, DatabaseName: str, TableName: str):  # noqa: N803 - boto3's spelling
        yield catalog_partitions(DatabaseName, TableName)


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


# --- connections and secrets ---------------------------------------------------------------------

# The project's secret scope and key pattern, written in when this module is generated.
SECRET_SCOPE = "glue-connections"
SECRET_KEY_PATTERN = "{connection}-{field}"


def secret_key(connection: str, field: str) -> str:
    """Secret key of one field of a Glue connection (characters a secret key cannot hold become ``-``)."""
    key = SECRET_KEY_PATTERN.format(connection=connection, field=field)
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", key).strip("-")


def connection_secret(connection: str, field: str) -> str:
    """One field (url, user, password, ...) of a Glue connection: ``dbutils.secrets.get`` on Databricks,
    else the environment variable named like the key (``orders-db-password`` -> ``ORDERS_DB_PASSWORD``)."""
    key = secret_key(connection, field)
    dbutils = _dbutils()
    if dbutils is not None:
        return dbutils.secrets.get(SECRET_SCOPE, key)
    variable = re.sub(r"[^A-Za-z0-9]+", "_", key).upper().strip("_")
    value = os.environ.get(variable)
    if value is None:
        raise KeyError(f"Glue connection {connection!r}: secret {SECRET_SCOPE}/{key} is read from the environment "
                       f"variable {variable} outside Databricks, and it is not set")
    return value


_JDBC_DATABASE = re.compile(r"^(jdbc:[^:]+:(?:[a-z]+:)?//[^/;?]+)(?:/([^;?]*))?(.*)$")


def _split_jdbc_url(url: str) -> tuple[str, str, str]:
    """``(server part, database, rest)``; SQL Server names the database as ``;databaseName=``."""
    if url.startswith("jdbc:sqlserver:"):
        match = re.search(r";database(?:Name)?=([^;]*)", url, re.IGNORECASE)
        if match is None:
            return url, "", ""
        return url[: match.start()], match.group(1), url[match.end():]
    match = _JDBC_DATABASE.match(url)
    if match is None:
        return url, "", ""
    return match.group(1), match.group(2) or "", match.group(3)


def jdbc_url(url: str, database: str) -> str:
    """``url`` pointing at ``database`` instead (Glue's ``database`` connection option)."""
    base, _, rest = _split_jdbc_url(url)
    if url.startswith("jdbc:sqlserver:"):
        return f"{base};databaseName={database}{rest}"
    return f"{base}/{database}{rest}"


_CONNECTOR_PLUMBING = frozenset({"connectionName", "className", "useConnectionProperties", "secretId"})


def spark_connector_format(options: dict) -> str:
    """The Spark format of a Glue marketplace/custom Spark connector: its ``className``."""
    name = options.get("className")
    if not name:
        raise ValueError(f"connector {options.get('connectionName')!r} has no className in its options: write the "
                         "connector's Spark format name into the converted call")
    return {"net.snowflake.spark.snowflake": "snowflake"}.get(name, name)


def spark_connector_options(options: dict) -> dict:
    """A Spark connector's own options: Glue's connection plumbing removed."""
    return {k: v for k, v in options.items() if k not in _CONNECTOR_PLUMBING}


def jdbc_connection_conf(connection: str) -> dict[str, str]:
    """``glueContext.extract_jdbc_conf``: Glue's keys for a connection, from the secret scope.

    ``url`` is the server part without the database (as Glue returns it), ``fullUrl`` the whole URL."""
    full_url = connection_secret(connection, "url")
    base, database, _ = _split_jdbc_url(full_url)
    vendor = full_url.split(":", 2)[1] if full_url.startswith("jdbc:") else ""
    return {"url": base, "fullUrl": full_url, "user": connection_secret(connection, "user"),
            "password": connection_secret(connection, "password"), "vendor": vendor, "database": database}


def glue_connection(name: str, hide_password: bool = False) -> dict:
    """What ``glue.get_connection(Name=name)`` returned, from the secret scope: ``Connection`` with ``Name`` and
    ``ConnectionProperties`` holding the connection's url (as ``JDBC_CONNECTION_URL``, and ``CONNECTION_URL`` as
    MongoDB and DocumentDB connections name it), ``USERNAME`` and, unless hidden, ``PASSWORD``. Other properties
    (SSL settings, Kafka servers) are absent, so code reading one fails with a KeyError naming it."""
    url = connection_secret(name, "url")
    properties = {"JDBC_CONNECTION_URL": url, "CONNECTION_URL": url, "USERNAME": connection_secret(name, "user")}
    if not hide_password:
        properties["PASSWORD"] = connection_secret(name, "password")
    return {"Connection": {"Name": name, "ConnectionProperties": properties}}


# --- streaming -----------------------------------------------------------------------------------

def kinesis_arn(arn: str, part: str) -> str:
    """``streamName`` or ``region`` of a Kinesis stream ARN (``arn:aws:kinesis:<region>:<acct>:stream/<name>``)."""
    fields = arn.split(":", 5)
    if len(fields) != 6 or not fields[5].startswith("stream/"):
        raise ValueError(f"{arn!r} is not a Kinesis stream ARN")
    return fields[3] if part == "region" else fields[5].split("/", 1)[1]


def kinesis_initial_position(position: str) -> str:
    """Glue ``startingPosition`` -> Databricks ``initialPosition`` (a timestamp becomes ``at_timestamp``)."""
    text = str(position).strip()
    if text.lower() in ("latest", "trim_horizon", "earliest"):
        return text.lower()
    return json.dumps({"at_timestamp": text, "format": "yyyy-MM-dd'T'HH:mm:ss[.SSS]XXX"})


KINESIS_MAX_RECORDS = 500  # PutRecords: records per request
KINESIS_MAX_BYTES = 5 * 1024 * 1024  # PutRecords: data and partition keys per request


def write_kinesis(df: DataFrame, stream_name: str, region: str | None = None, partition_key: str | None = None,
                  role_arn: str | None = None, endpoint: str | None = None) -> None:
    """Glue's Kinesis write: every row put as one JSON record (as Glue writes them) with PutRecords from
    each partition; records Kinesis throttles are put again. ``partition_key`` is Glue's one key for every
    record; without it each record gets a random key, spreading the records over the shards."""
    if not stream_name:
        raise ValueError("write_kinesis: no stream to write to (Glue's streamARN or streamName)")
    records = kinesis_documents(df)

    def write_partition(rows) -> None:
        import boto3  # on Databricks clusters; imported where the partition is written

        session = boto3.Session(region_name=region)
        if role_arn:
            login = session.client("sts").assume_role(RoleArn=role_arn, RoleSessionName="g2l-kinesis")["Credentials"]
            session = boto3.Session(region_name=region, aws_access_key_id=login["AccessKeyId"],
                                    aws_secret_access_key=login["SecretAccessKey"], aws_session_token=login["SessionToken"])
        client = session.client("kinesis", endpoint_url=endpoint)
        for batch in kinesis_batches((row["data"] for row in rows), partition_key):
            _put_records(client, stream_name, batch, time.sleep)

    records.foreachPartition(write_partition)


KINESIS_PRODUCER_OPTIONS = frozenset({"recordMaxBufferedTime", "aggregationEnabled", "aggregationMaxSize",
                                      "aggregationMaxCount", "producerRateLimit", "collectionMaxCount",
                                      "collectionMaxSize", "awsSTSSessionName", "connectionName"})


def write_kinesis_options(df: DataFrame, options: dict) -> None:
    """Glue's Kinesis write with ``connection_options`` known only at run time (see ``kinesis_write_target``)."""
    write_kinesis(df, *kinesis_write_target(options))


def kinesis_write_target(options: dict) -> tuple:
    """``(stream name, region, partition key, role ARN, endpoint)`` of Glue's Kinesis write options: the
    stream from ``streamARN`` or ``streamName`` (region from ``region`` or the endpoint's host), Glue's
    ``partitionKey`` and STS role, the Kinesis Producer Library settings dropped; any other key raises."""
    options = dict(options or {})
    arn = options.pop("streamARN", None)
    endpoint = options.pop("endpointUrl", None)
    name = options.pop("streamName", None) or (kinesis_arn(arn, "streamName") if arn else None)
    found = re.search(r"kinesis[.-](?:fips\.)?([a-z]{2}(?:-[a-z]+)+-\d)\.", endpoint or "")
    region = options.pop("region", None) or (kinesis_arn(arn, "region") if arn else found.group(1) if found else None)
    if str(options.pop("classification", "json")).lower() != "json":
        raise ValueError("Kinesis write: Glue wrote these records in another classification; write_kinesis writes JSON")
    key, role = options.pop("partitionKey", None), options.pop("awsSTSRoleARN", None)
    unknown = sorted(set(options) - KINESIS_PRODUCER_OPTIONS)
    if unknown:
        raise ValueError(f"Kinesis write: options without an equivalent: {', '.join(unknown)}")
    return name, region, key, role, endpoint


KAFKA_SINK_RENAMED = {"bootstrap.servers": "kafka.bootstrap.servers", "security.protocol": "kafka.security.protocol",
                      "topicName": "topic", "topic": "topic"}


def write_kafka_options(df: DataFrame, options: dict) -> None:
    """Glue's Kafka write with ``connection_options`` known only at run time (see ``kafka_write_options``)."""
    spark_options, columns = kafka_write_options(options)
    df.selectExpr(*columns).write.format("kafka").options(**spark_options).save()


def kafka_write_options(options: dict) -> tuple[dict, list[str]]:
    """Spark's Kafka sink options and the columns to write for Glue's Kafka write options: every row as
    one JSON document in ``value`` (and ``partition`` when given), a ``connectionName``'s brokers from the
    secret scope; any other key raises."""
    options = dict(options or {})
    if str(options.pop("classification", "json")).lower() != "json":
        raise ValueError("Kafka write: Glue wrote these records in another classification; this writes JSON")
    spark_options = {KAFKA_SINK_RENAMED[k]: options.pop(k) for k in list(options) if k in KAFKA_SINK_RENAMED}
    spark_options.update({k: options.pop(k) for k in list(options) if k.startswith("kafka.")})
    connection = options.pop("connectionName", None)
    if connection and "kafka.bootstrap.servers" not in spark_options:
        spark_options["kafka.bootstrap.servers"] = connection_secret(connection, "bootstrap_servers")
    partition = options.pop("partition", None)
    if options:
        raise ValueError(f"Kafka write: options without a Spark kafka sink equivalent: {', '.join(sorted(options))}")
    columns = ["to_json(struct(*)) AS value"] + ([f"{int(partition)} AS partition"] if partition is not None else [])
    return spark_options, columns


def kinesis_documents(df: DataFrame) -> DataFrame:
    """Every row as one JSON document (column ``data``), the record Glue's Kinesis sink writes."""
    return df.select(F.to_json(F.struct(*[F.col(f"`{c}`") for c in df.columns])).alias("data"))


def kinesis_batches(documents, partition_key: str | None = None):
    """PutRecords entries for ``documents`` (JSON text), in requests Kinesis accepts (at most 500 records
    and 5 MiB of data and keys each)."""
    import uuid

    batch, size = [], 0
    for document in documents:
        data = document.encode("utf-8")
        key = partition_key if partition_key else uuid.uuid4().hex
        entry_size = len(data) + len(key.encode("utf-8"))
        if batch and (len(batch) == KINESIS_MAX_RECORDS or size + entry_size > KINESIS_MAX_BYTES):
            yield batch
            batch, size = [], 0
        batch.append({"Data": data, "PartitionKey": key})
        size += entry_size
    if batch:
        yield batch


def _put_records(client, stream_name: str, batch: list, sleep, attempts: int = 8) -> None:
    """Put ``batch``, then again the records Kinesis refused (throttled), backing off; fails after ``attempts``."""
    delay = 0.1
    for _ in range(attempts):
        results = client.put_records(StreamName=stream_name, Records=batch).get("Records", [])
        batch = [entry for entry, result in zip(batch, results) if result.get("ErrorCode")]
        if not batch:
            return
        sleep(delay)
        delay = min(delay * 2, 5.0)
    raise RuntimeError(f"Kinesis stream {stream_name}: {len(batch)} records still refused after {attempts} attempts")


# --- DynamoDB exports ----------------------------------------------------------------------------

_DYNAMODB_TYPES = frozenset({"S", "N", "BOOL", "NULL", "M", "L", "SS", "NS", "B", "BS"})


def _list_names(path: str) -> list[str]:
    dbutils = _dbutils()
    if dbutils is not None:
        return [entry.name.rstrip("/") for entry in dbutils.fs.ls(path)]
    local = path.removeprefix("file://")
    if "://" in local:
        raise RuntimeError(f"cannot list {path} outside Databricks")
    return sorted(os.listdir(local)) if os.path.isdir(local) else []


def dynamodb_export_data(path: str) -> str:
    """The ``data/`` folder of the newest completed export under ``path`` (a bucket prefix, its
    ``AWSDynamoDB`` folder, or one export). Export ids start with the export time, so the last is newest."""
    path = path.rstrip("/")
    if re.search(r"/AWSDynamoDB/[^/]+$", path):
        return path + "/data/"
    root = path if path.endswith("/AWSDynamoDB") else path + "/AWSDynamoDB"
    exports = [name for name in _list_names(root) if "manifest-summary.json" in _list_names(f"{root}/{name}")]
    if not exports:
        raise FileNotFoundError(f"no completed DynamoDB export under {root}")
    return f"{root}/{max(exports)}/data/"


def read_dynamodb_export(spark, path: str, unnest: bool = False) -> DataFrame:
    """A DynamoDB point-in-time export (DynamoDB JSON) as a DataFrame: one ``Item`` column as Glue reads
    it, or with ``unnest`` one plain column per attribute (``dynamodb.unnestDDBJson``). ``PATH_MAP``
    applies to ``path`` (an export started at run time names its S3 folder)."""
    items = spark.read.json(dynamodb_export_data(map_path(path))).select("Item")
    return unmarshal_dynamodb(items) if unnest else items


def export_dynamodb_table(table_arn: str, bucket: str, prefix: str | None = None, timeout_s: int = 6 * 3600) -> str:
    """Export a DynamoDB table to S3 (point in time, DynamoDB JSON) as Glue's ``dynamodb.export: ddb``
    does, wait for it, and return the export's folder."""
    import boto3  # on Databricks clusters; needed by the DynamoDB helpers only

    client = boto3.client("dynamodb", region_name=table_arn.split(":")[3])
    request = {"TableArn": table_arn, "S3Bucket": bucket, "ExportFormat": "DYNAMODB_JSON"}
    if prefix:
        request["S3Prefix"] = prefix
    export = client.export_table_to_point_in_time(**request)["ExportDescription"]
    waited, delay = 0.0, 10.0
    while export["ExportStatus"] == "IN_PROGRESS":
        if waited > timeout_s:
            raise TimeoutError(f"DynamoDB export {export['ExportArn']} still running after {timeout_s} s")
        time.sleep(delay)
        waited += delay
        export = client.describe_export(ExportArn=export["ExportArn"])["ExportDescription"]
    if export["ExportStatus"] != "COMPLETED":
        raise RuntimeError(f"DynamoDB export {export['ExportArn']}: {export.get('FailureMessage', export['ExportStatus'])}")
    folder = "/".join(p.strip("/") for p in (bucket, prefix or "", "AWSDynamoDB") if p.strip("/"))
    return f"s3://{folder}/{export['ExportArn'].rsplit('/', 1)[-1]}"


def unmarshal_dynamodb(df: DataFrame, column: str = "Item") -> DataFrame:
    """DynamoDB JSON (``{"id": {"S": "a"}, "n": {"N": "1"}}``) -> plain columns: S string, N bigint when
    every value is whole else double, BOOL, B binary, SS/NS/BS arrays, M struct, L array. An attribute
    stored with different types across items becomes a string (JSON for maps and lists)."""
    item = df.schema[column].dataType
    if not isinstance(item, T.StructType):
        raise ValueError(f"{column!r} is not a DynamoDB item struct")
    whole = _whole_numbers(df, dict(_ddb_numbers(F.col(column), item, ())))
    return df.select(*(
        _ddb_value(F.col(column)[f.name], f.dataType, whole, (f.name,)).alias(f.name) for f in item.fields))


def simplify_dynamodb(df: DataFrame) -> DataFrame:
    """``DynamicFrame.simplify_ddb_json()``: each column holding a DynamoDB typed value (``{"S": "a"}``,
    ``{"M": {...}}``) becomes the plain value, typed as ``unmarshal_dynamodb`` types it; other columns stay."""
    typed = {f.name for f in df.schema.fields if _ddb_kinds(f.dataType) is not None}
    if not typed:
        return df
    column = {f.name: F.col(f"`{f.name}`") for f in df.schema.fields}
    whole = _whole_numbers(df, {path: c for f in df.schema.fields if f.name in typed
                                for path, c in _ddb_numbers(column[f.name], f.dataType, (f.name,))})
    return df.select(*(_ddb_value(column[f.name], f.dataType, whole, (f.name,)).alias(f.name) if f.name in typed
                       else column[f.name] for f in df.schema.fields))


def _whole_numbers(df: DataFrame, numbers: dict) -> dict:
    """Path -> whether every N value there is whole (one pass over the data for all of them)."""
    if not numbers:
        return {}
    row = df.select(*(F.max(c.rlike(r"[.eE]").cast("int")).alias(str(i)) for i, c in enumerate(numbers.values()))).first()
    return {path: not (row[str(i)] or 0) for i, path in enumerate(numbers)}


def _ddb_kinds(data_type: T.DataType) -> list[str] | None:
    if not isinstance(data_type, T.StructType) or not data_type.fields:
        return None
    names = [f.name for f in data_type.fields]
    return [n for n in names if n != "NULL"] if set(names) <= _DYNAMODB_TYPES else None


def _ddb_numbers(column: Column, data_type: T.DataType, path: tuple):
    """(path, string column) of every N value reachable through maps."""
    kinds = _ddb_kinds(data_type)
    if kinds is None:
        if isinstance(data_type, T.StructType):
            for f in data_type.fields:
                yield from _ddb_numbers(column[f.name], f.dataType, (*path, f.name))
        return
    if kinds == ["N"]:
        yield path, column["N"]
    elif kinds == ["M"]:
        yield from _ddb_numbers(column["M"], data_type["M"].dataType, path)


def _ddb_value(column: Column, data_type: T.DataType, whole: dict, path: tuple) -> Column:
    kinds = _ddb_kinds(data_type)
    if kinds is None:  # a map's field struct (attribute name -> typed value)
        if isinstance(data_type, T.StructType):
            return F.struct(*(_ddb_value(column[f.name], f.dataType, whole, (*path, f.name)).alias(f.name)
                              for f in data_type.fields))
        return column
    if not kinds:
        return F.lit(None).cast("string")
    if len(kinds) > 1:
        parts = [column[k].cast("string") if k in ("S", "N", "BOOL") else F.to_json(column[k]) for k in kinds]
        return F.coalesce(*parts)
    kind, value = kinds[0], column[kinds[0]]
    inner = data_type[kind].dataType
    if kind == "N":
        return value.try_cast("bigint" if whole.get(path) else "double")
    if kind in ("B",):
        return F.unbase64(value)
    if kind == "NS":
        return F.transform(value, lambda x: x.try_cast("double"))
    if kind == "BS":
        return F.transform(value, F.unbase64)
    if kind == "M":
        return F.when(value.isNotNull(), _ddb_value(value, inner, whole, path))
    if kind == "L":
        element = inner.elementType if isinstance(inner, T.ArrayType) else None
        return F.transform(value, lambda e: _ddb_value(e, element, {}, ())) if element is not None else value
    return value  # S, BOOL, SS


# --- Glue Data Quality (DQDL) --------------------------------------------------------------------

_DQ_TOKEN = re.compile(r'\s*(?:(?P<string>"(?:[^"\\]|\\.)*")|(?P<number>-?\d+(?:\.\d+)?)|(?P<op>>=|<=|!=|[=<>\[\](),])'
                       r'|(?P<word>[A-Za-z_][A-Za-z0-9_.]*))')
DQ_COLUMN_RULES = ("IsComplete", "Completeness", "IsUnique", "Uniqueness", "IsPrimaryKey", "ColumnValues",
                   "ColumnExists", "ColumnLength", "Mean", "Sum", "StandardDeviation", "DistinctValuesCount",
                   "DataFreshness")
DQ_DATASET_RULES = ("RowCount", "ColumnCount", "CustomSql")
DQ_ROW_LEVEL = ("IsComplete", "IsUnique", "IsPrimaryKey", "ColumnValues", "ColumnLength", "DataFreshness")
_DQ_SECONDS = {"second": 1, "seconds": 1, "minute": 60, "minutes": 60, "hour": 3600, "hours": 3600,
               "day": 86400, "days": 86400, "week": 604800, "weeks": 604800}


def dqdl_rules(ruleset: str) -> list[str]:
    """The rules of ``Rules = [ ... ]`` as written (Glue reports each rule by its text)."""
    match = re.search(r"\bRules\s*=\s*\[", ruleset)
    if match is None:
        raise ValueError("DQDL ruleset has no 'Rules = [ ... ]' block")
    rules, depth, quoted, start = [], 0, False, match.end()
    for i in range(match.end(), len(ruleset)):
        char = ruleset[i]
        if char == '"' and ruleset[i - 1] != "\\":
            quoted = not quoted
        if quoted:
            continue
        if char in "[(":
            depth += 1
        elif char in "])":
            if depth == 0:
                rules.append(ruleset[start:i].strip())
                return [r for r in rules if r]
            depth -= 1
        elif char == "," and depth == 0:
            rules.append(ruleset[start:i].strip())
            start = i + 1
    raise ValueError("DQDL ruleset: 'Rules = [' is not closed")


def dqdl_rule(rule: str) -> tuple[str, list[str], tuple | None, tuple | None]:
    """``(rule type, column arguments, condition, threshold)`` of one rule; a condition is
    ``(op, value)``, ``("between", low, high)`` or ``("in"|"not in", values)``. Raises ``ValueError``
    for rules this module does not evaluate (composite rules, ``where`` clauses, other rule types)."""
    tokens = [(m.lastgroup, m.group(m.lastgroup)) for m in _DQ_TOKEN.finditer(rule) if m.lastgroup]
    if "".join(re.sub(r"\s+", "", m.group(0)) for m in _DQ_TOKEN.finditer(rule)) != re.sub(r"\s+", "", rule):
        raise ValueError(f"cannot read DQDL rule {rule!r}")
    if not tokens or tokens[0][0] != "word":
        raise ValueError(f"composite rule {rule!r} is not supported")
    kind = tokens[0][1]
    if kind not in DQ_COLUMN_RULES + DQ_DATASET_RULES:
        raise ValueError(f"rule type {kind} is not supported")
    if kind == "DataFreshness":  # "24 hours" -> seconds
        merged: list = []
        for token in tokens:
            if token[0] == "word" and token[1].lower() in _DQ_SECONDS and merged and merged[-1][0] == "number":
                merged[-1] = ("number", str(float(merged[-1][1]) * _DQ_SECONDS[token[1].lower()]))
            else:
                merged.append(token)
        tokens = merged
    position = 1
    columns = []
    while position < len(tokens) and tokens[position][0] == "string":
        columns.append(json.loads(tokens[position][1]))
        position += 1
    condition, position = _dq_condition(tokens, position, rule)
    threshold = None
    if position < len(tokens) and tokens[position] == ("word", "with"):
        if position + 1 >= len(tokens) or tokens[position + 1] != ("word", "threshold"):
            raise ValueError(f"cannot read DQDL rule {rule!r}")
        threshold, position = _dq_condition(tokens, position + 2, rule)
    if position != len(tokens):
        raise ValueError(f"rule {rule!r}: {' '.join(t for _, t in tokens[position:])} is not supported")
    wanted = 0 if kind in ("RowCount", "ColumnCount") else 1  # CustomSql: the query
    if len(columns) != wanted:
        raise ValueError(f"rule {rule!r}: expected {wanted} column name(s)")
    needs_condition = kind not in ("IsComplete", "IsUnique", "IsPrimaryKey", "ColumnExists")
    if needs_condition != (condition is not None):
        raise ValueError(f"rule {rule!r}: " + ("missing condition" if needs_condition else "unexpected condition"))
    return kind, columns, condition, threshold


def _dq_value(token: tuple[str, str]):
    kind, text = token
    if kind == "number":
        return float(text) if "." in text else int(text)
    if kind == "string":
        return json.loads(text)
    raise ValueError(text)


def _dq_condition(tokens: list, position: int, rule: str) -> tuple[tuple | None, int]:
    if position >= len(tokens):
        return None, position
    kind, text = tokens[position]
    try:
        if kind == "op" and text in (">", ">=", "<", "<=", "=", "!="):
            return (text, _dq_value(tokens[position + 1])), position + 2
        if (kind, text) == ("word", "between"):
            if tokens[position + 2] != ("word", "and"):
                raise ValueError(rule)
            return ("between", _dq_value(tokens[position + 1]), _dq_value(tokens[position + 3])), position + 4
        negated = (kind, text) == ("word", "not")
        if negated:
            position += 1
        if tokens[position] == ("word", "in") and tokens[position + 1] == ("op", "["):
            values, position = [], position + 2
            while tokens[position] != ("op", "]"):
                if tokens[position] != ("op", ","):
                    values.append(_dq_value(tokens[position]))
                position += 1
            return ("not in" if negated else "in", values), position + 1
    except (IndexError, ValueError):
        raise ValueError(f"cannot read the condition of DQDL rule {rule!r}") from None
    if kind == "word" and text in ("with", "where"):
        if text == "where":
            raise ValueError(f"rule {rule!r}: where clauses are not supported")
        return None, position
    raise ValueError(f"rule {rule!r}: condition {text!r} is not supported")


def _dq_holds(condition: tuple, value) -> bool:
    if value is None:
        return False
    op = condition[0]
    if op == "between":
        return condition[1] < value < condition[2]  # DQDL's between excludes both ends
    if op in ("in", "not in"):
        return (value in condition[1]) == (op == "in")
    return {">": value > condition[1], ">=": value >= condition[1], "<": value < condition[1],
            "<=": value <= condition[1], "=": value == condition[1], "!=": value != condition[1]}[op]


def _dq_column_holds(column: Column, condition: tuple) -> Column:
    op = condition[0]
    if op == "between":
        return (column > F.lit(condition[1])) & (column < F.lit(condition[2]))
    if op in ("in", "not in"):
        inside = column.isin(*condition[1])
        return inside if op == "in" else ~inside
    return {">": column > condition[1], ">=": column >= condition[1], "<": column < condition[1],
            "<=": column <= condition[1], "=": column == condition[1], "!=": column != condition[1]}[op]


def _dq_text(condition: tuple) -> str:
    if condition[0] == "between":
        return f"between {condition[1]} and {condition[2]}"
    if condition[0] in ("in", "not in"):
        return f"{condition[0]} {json.dumps(condition[1])}"
    return f"{condition[0]} {condition[1]}"


def _dq_row_check(kind: str, column: str, condition: tuple | None) -> Column:
    """Per-row pass condition of a row-level rule (NULL counts as a failure)."""
    value = F.col(f"`{column}`")
    if kind == "IsComplete":
        return value.isNotNull()
    if kind in ("IsUnique", "IsPrimaryKey"):
        duplicates = F.count(F.lit(1)).over(Window.partitionBy(value))
        check = duplicates == 1
        return (check & value.isNotNull()) if kind == "IsPrimaryKey" else check
    if kind == "DataFreshness":  # age in seconds
        measured = F.unix_seconds(F.current_timestamp()) - F.unix_seconds(value.cast("timestamp"))
    else:
        measured = F.length(value) if kind == "ColumnLength" else value
    return F.coalesce(_dq_column_holds(measured, condition), F.lit(False))


def evaluate_data_quality(df: DataFrame, ruleset: str) -> DataFrame:
    """Glue ``EvaluateDataQuality``: one row per rule with Glue's columns ``Rule``, ``Outcome``
    (Passed/Failed), ``FailureReason`` and ``EvaluatedMetrics``. Rules this helper cannot evaluate
    raise, naming them, rather than being reported as passed."""
    rules = dqdl_rules(ruleset)
    parsed, unsupported = [], []
    for rule in rules:
        try:
            parsed.append((rule, *dqdl_rule(rule)))
        except ValueError as exc:
            unsupported.append(str(exc))
    if unsupported:
        raise ValueError("data quality rules not converted: " + "; ".join(unsupported))
    names = {c.lower(): c for c in df.columns}
    aggregates = {"rows": F.count(F.lit(1))}
    for index, (_, kind, columns, condition, _) in enumerate(parsed):
        column = names.get(columns[0].lower()) if columns and kind != "CustomSql" else None
        if kind in ("RowCount", "ColumnCount", "ColumnExists") or column is None:
            continue
        value = F.col(f"`{column}`")
        if kind in ("IsComplete", "Completeness"):
            aggregates[f"m{index}"] = F.count(value)
        elif kind in ("ColumnValues", "ColumnLength", "DataFreshness"):
            aggregates[f"m{index}"] = F.sum(_dq_row_check(kind, column, condition).cast("long"))
        elif kind == "Mean":
            aggregates[f"m{index}"] = F.avg(value)
        elif kind == "Sum":
            aggregates[f"m{index}"] = F.sum(value)
        elif kind == "StandardDeviation":
            aggregates[f"m{index}"] = F.stddev(value)
        elif kind in ("DistinctValuesCount",):
            aggregates[f"m{index}"] = F.count_distinct(value)
    totals = df.agg(*(expr.alias(name) for name, expr in aggregates.items())).first().asDict()
    rows = totals["rows"]
    results = []
    for index, (rule, kind, columns, condition, threshold) in enumerate(parsed):
        if kind == "CustomSql":
            measured = _dq_custom_sql(df, columns[0])
            column = None
        else:
            measured = totals.get(f"m{index}")
            column = names.get(columns[0].lower()) if columns else None
        if columns and column is None and kind != "CustomSql":
            results.append((rule, "Failed", f"Column {columns[0]} does not exist", {}))
            continue
        metric_name, metric, expected = _dq_measure(df, kind, column, condition, threshold, measured, rows)
        passed = _dq_holds(expected, metric) if expected is not None else bool(metric)
        reason = None
        if not passed:
            shown = "missing" if metric is None else round(float(metric), 4)
            reason = f"Value: {shown} does not meet the constraint requirement" + (
                f" ({_dq_text(expected)})" if expected is not None else "")
        metrics = {metric_name: float(metric)} if isinstance(metric, (int, float)) and metric_name else {}
        results.append((rule, "Passed" if passed else "Failed", reason, metrics))
    schema = "Rule string, Outcome string, FailureReason string, EvaluatedMetrics map<string,double>"
    return df.sparkSession.createDataFrame(results, schema)


def _dq_measure(df, kind, column, condition, threshold, measured, rows):
    """(metric name, metric value, condition the metric must meet)."""
    prefix = f"Column.{column}."
    if kind == "RowCount":
        return "Dataset.*.RowCount", rows, condition
    if kind == "ColumnCount":
        return "Dataset.*.ColumnCount", len(df.columns), condition
    if kind == "ColumnExists":
        return "", True, None
    if kind == "CustomSql":
        return "Dataset.*.CustomSQL", measured, condition
    if kind in ("IsComplete", "Completeness"):
        ratio = (measured / rows) if rows else 1.0
        return prefix + "Completeness", ratio, condition or ("=", 1.0)
    if kind in ("IsUnique", "Uniqueness", "IsPrimaryKey"):
        value = F.col(f"`{column}`")
        counts = df.where(value.isNotNull()).groupBy(value).count()
        stats = counts.agg(F.sum(F.when(F.col("count") == 1, 1).otherwise(0)).alias("once"),
                           F.sum("count").alias("total")).first()
        ratio = (stats["once"] or 0) / stats["total"] if stats["total"] else 1.0
        if kind == "IsPrimaryKey":
            complete = df.where(value.isNull()).limit(1).count() == 0
            return prefix + "Uniqueness", ratio if complete else 0.0, ("=", 1.0)
        return prefix + "Uniqueness", ratio, condition or ("=", 1.0)
    if kind in ("ColumnValues", "ColumnLength", "DataFreshness"):
        ratio = ((measured or 0) / rows) if rows else 1.0
        return prefix + f"{kind}.Compliance", ratio, threshold or ("=", 1.0)
    names = {"Mean": "Mean", "Sum": "Sum", "StandardDeviation": "StandardDeviation",
             "DistinctValuesCount": "DistinctValuesCount"}
    return prefix + names[kind], measured, condition


def _dq_custom_sql(df: DataFrame, query: str):
    """``CustomSql``: the one value ``query`` returns, with the frame as the table ``primary``."""
    df.createOrReplaceTempView("primary")
    row = df.sparkSession.sql(query).first()
    return None if row is None else row[0]


def evaluate_data_quality_rows(df: DataFrame, ruleset: str) -> dict[str, DataFrame]:
    """``EvaluateDataQuality().process_rows``: ``originalData`` (the frame as it came), ``ruleOutcomes`` as
    ``evaluate_data_quality`` and ``rowLevelOutcomes``: the rows with ``DataQualityRulesPass``/``Fail``/``Skip`` (rule texts) and
    ``DataQualityEvaluationResult``; dataset-level rules are listed as skipped on every row."""
    outcomes = evaluate_data_quality(df, ruleset)
    row_rules, skipped = [], []
    for rule in dqdl_rules(ruleset):
        kind, columns, condition, _ = dqdl_rule(rule)
        if kind in DQ_ROW_LEVEL and columns and columns[0].lower() in {c.lower() for c in df.columns}:
            column = next(c for c in df.columns if c.lower() == columns[0].lower())
            row_rules.append((rule, _dq_row_check(kind, column, condition)))
        else:
            skipped.append(rule)
    passes = [F.when(check, F.lit(rule)) for rule, check in row_rules]
    fails = [F.when(~check, F.lit(rule)) for rule, check in row_rules]
    empty = F.array().cast("array<string>")
    rows = df.withColumns({
        "DataQualityRulesPass": F.filter(F.array(*passes), lambda r: r.isNotNull()) if passes else empty,
        "DataQualityRulesFail": F.filter(F.array(*fails), lambda r: r.isNotNull()) if fails else empty,
        "DataQualityRulesSkip": F.array(*(F.lit(r) for r in skipped)).cast("array<string>") if skipped else empty,
    })
    rows = rows.withColumn("DataQualityEvaluationResult",
                           F.when(F.size("DataQualityRulesFail") > 0, "Failed").otherwise("Passed"))
    return {"ruleOutcomes": outcomes, "rowLevelOutcomes": rows, "originalData": df}


# --- DynamoDB tables (live) ----------------------------------------------------------------------

def dynamodb_plain(value: dict):
    """One DynamoDB JSON value (``{"N": "1.5"}``) as a Python value: N int when whole else float,
    B/BS bytes, SS/NS sets as lists, M dicts, L lists, NULL None."""
    (kind, inner), = value.items()
    if kind == "N":
        return _ddb_number(inner)
    if kind == "NS":
        return [_ddb_number(v) for v in inner]
    if kind == "B":
        return _ddb_bytes(inner)
    if kind == "BS":
        return [_ddb_bytes(v) for v in inner]
    if kind == "M":
        return {k: dynamodb_plain(v) for k, v in inner.items()}
    if kind == "L":
        return [dynamodb_plain(v) for v in inner]
    if kind == "NULL":
        return None
    return list(inner) if kind == "SS" else inner  # S, BOOL, SS


def _ddb_number(text: str):
    return int(text) if re.fullmatch(r"-?\d+", text) else float(text)


def _ddb_bytes(value) -> bytes:
    return value if isinstance(value, (bytes, bytearray)) else base64.b64decode(value)


def dynamodb_typed(value) -> dict:
    """A Python value as DynamoDB JSON (the inverse of ``dynamodb_plain``; lists become L)."""
    if value is None:
        return {"NULL": True}
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, (int, float)) or type(value).__name__ == "Decimal":
        return {"N": str(value)}
    if isinstance(value, (bytes, bytearray)):
        return {"B": bytes(value)}
    if isinstance(value, dict):
        return {"M": {k: dynamodb_typed(v) for k, v in value.items()}}
    if isinstance(value, (list, tuple)):
        return {"L": [dynamodb_typed(v) for v in value]}
    if hasattr(value, "isoformat"):
        return {"S": value.isoformat()}
    return {"S": str(value)}


def scan_dynamodb(spark, table_name: str, region: str | None = None) -> DataFrame:
    """Glue's live DynamoDB read: a full scan with boto3 on the driver (serial; the table must fit in
    driver memory: export bigger tables to S3 and use ``read_dynamodb_export``)."""
    import boto3  # on Databricks clusters; not needed by any other helper

    client = boto3.client("dynamodb", region_name=region)
    items = []
    for page in client.get_paginator("scan").paginate(TableName=table_name):
        items += [{k: dynamodb_plain(v) for k, v in item.items()} for item in page.get("Items", [])]
    return dynamodb_frame(spark, items)


def dynamodb_frame(spark, items: list[dict]) -> DataFrame:
    """Plain items (attributes differ from item to item) as one DataFrame; absent attributes are NULL."""
    if not items:
        return spark.createDataFrame([], T.StructType([]))
    names = sorted({k for item in items for k in item})
    return spark.createDataFrame([tuple(item.get(n) for n in names) for item in items], names)


def write_dynamodb(df: DataFrame, table_name: str, region: str | None = None) -> None:
    """Glue's DynamoDB write: every row put into the table (same key: replaced), in batches of 25 from
    each partition, unprocessed items retried."""
    def write_partition(rows) -> None:
        import boto3  # on Databricks clusters; imported where the partition is written

        client = boto3.client("dynamodb", region_name=region)
        batch = []
        for row in rows:
            item = {k: dynamodb_typed(v) for k, v in row.asDict(recursive=True).items() if v is not None}
            batch.append({"PutRequest": {"Item": item}})
            if len(batch) == 25:
                _put_batch(client, table_name, batch, time.sleep)
                batch = []
        if batch:
            _put_batch(client, table_name, batch, time.sleep)

    df.foreachPartition(write_partition)


def _put_batch(client, table_name: str, batch: list, sleep) -> None:
    pending, delay = {table_name: batch}, 0.05
    while pending:
        pending = client.batch_write_item(RequestItems=pending).get("UnprocessedItems") or {}
        if pending:
            sleep(delay)
            delay = min(delay * 2, 5.0)


# --- MongoDB -------------------------------------------------------------------------------------

def mongodb_uri(uri: str, username: str | None = None, password: str | None = None, ssl=None,
                domain_match=None, retry_writes=None) -> str:
    """A MongoDB connection URI carrying Glue's separate login and TLS options (the Spark connector
    reads them from the URI only); settings already in the URI are kept."""
    parts = urlsplit(uri)
    netloc = parts.netloc
    if username and "@" not in netloc:
        login = quote(str(username), safe="") + (":" + quote(str(password), safe="") if password else "")
        netloc = f"{login}@{netloc}"
    query = [q for q in parts.query.split("&") if q]
    present = {q.split("=", 1)[0].lower() for q in query}

    def flag(name: str, value) -> None:
        if value is not None and name.lower() not in present:
            query.append(f"{name}={str(value).lower()}")

    flag("tls", ssl)
    if domain_match is not None and str(domain_match).lower() == "false":
        flag("tlsAllowInvalidHostnames", "true")
    flag("retryWrites", retry_writes)
    return urlunsplit((parts.scheme, netloc, parts.path or ("/" if query else ""), "&".join(query), parts.fragment))


# --- streaming records ---------------------------------------------------------------------------

def parsed_batches(function, column: str = "data", sample: int = 1000):
    """A ``foreachBatch`` function that gets each micro-batch parsed as Glue hands it over: Glue's Kinesis
    and Kafka sources parse JSON records (``classification: json``, ``inferSchema: true``), Spark's
    deliver the raw bytes in ``column``."""
    def run(batch: DataFrame, batch_id: int):
        return function(json_records(batch, column, sample), batch_id)

    return run


GLUE_BATCH_ONLY = frozenset({"batchMaxRetries", "persistDataFrame"})  # Glue's own retry and caching of a batch


def for_each_batch(frame: DataFrame, batch_function, options: dict | None = None) -> None:
    """Glue's ``forEachBatch`` with options known only at run time: the stream runs through
    ``writeStream.foreachBatch`` with ``windowSize`` as the processing-time trigger and ``checkpointLocation``
    (path-mapped), until it stops, as Glue runs it. A failing batch stops the query; the job's retries
    restart it from the checkpoint (Glue's ``batchMaxRetries``)."""
    options = dict(options or {})
    unknown = sorted(set(options) - {"windowSize", "checkpointLocation"} - GLUE_BATCH_ONLY)
    if unknown:
        raise ValueError(f"forEachBatch options without a Structured Streaming equivalent: {', '.join(unknown)}")
    writer = frame.writeStream.foreachBatch(batch_function)
    if options.get("checkpointLocation"):
        writer = writer.option("checkpointLocation", map_path(options["checkpointLocation"]))
    if options.get("windowSize"):
        writer = writer.trigger(processingTime=options["windowSize"])
    writer.start().awaitTermination()


def json_records(df: DataFrame, column: str = "data", sample: int = 1000) -> DataFrame:
    """The JSON documents in ``column`` (bytes or text) as columns, with the schema inferred from up to
    ``sample`` of them (fields sorted by name, as Spark's JSON reader infers them)."""
    text = F.col(column).cast("string")
    schema = None
    for row in df.select(text.alias("record")).where(F.col("record").isNotNull()).limit(sample).collect():
        try:
            schema = _merge_json_type(schema, _json_type(json.loads(row["record"])))
        except ValueError:
            continue  # not JSON: the record parses to NULLs, as Glue makes it an error record
    if not isinstance(schema, dict):
        return df.select(text.alias("value"))
    return json_column(df, _json_ddl(schema), column)


def json_column(df: DataFrame, schema, column: str = "data") -> DataFrame:
    """The JSON documents in ``column`` (bytes or text) as columns of ``schema`` (DDL or StructType);
    works on streams, where no schema can be inferred."""
    parsed = F.from_json(F.col(column).cast("string"), schema).alias("_record")
    return df.select(parsed).select("_record.*")


def csv_column(df: DataFrame, schema: str, column: str = "data", delimiter: str = ",") -> DataFrame:
    """The CSV records in ``column`` (bytes or text, one record each, no header) as columns of ``schema``
    (DDL), as Glue's ``classification: csv`` source hands them on; works on streams."""
    parsed = F.from_csv(F.col(column).cast("string"), schema, {"sep": delimiter}).alias("_record")
    return df.select(parsed).select("_record.*")


def avro_column(df: DataFrame, schema: str, column: str = "data") -> DataFrame:
    """The Avro records in ``column`` (binary) as the columns of the Avro ``schema`` (JSON), as Glue's
    ``classification: avro`` source hands them on; works on streams."""
    from pyspark.sql.avro.functions import from_avro  # the Avro data source is part of Databricks Runtime

    return df.select(from_avro(F.col(column), schema).alias("_record")).select("_record.*")


def _json_type(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "bigint"
    if isinstance(value, float):
        return "double"
    if isinstance(value, dict):
        return {k: _json_type(v) for k, v in value.items()}
    if isinstance(value, list):
        element = None
        for item in value:
            element = _merge_json_type(element, _json_type(item))
        return [element]
    return "string"


def _merge_json_type(a, b):
    if a is None or a == b:
        return b
    if b is None:
        return a
    if isinstance(a, str) and isinstance(b, str) and {a, b} == {"bigint", "double"}:
        return "double"
    if isinstance(a, dict) and isinstance(b, dict):
        return {k: _merge_json_type(a.get(k), b.get(k)) for k in {**a, **b}}
    if isinstance(a, list) and isinstance(b, list):
        return [_merge_json_type(a[0], b[0])]
    return "string"


def _json_ddl(json_type) -> str:
    if json_type is None:
        return "string"
    if isinstance(json_type, dict):
        fields = ",".join(f"`{k.replace('`', '``')}`:{_json_ddl(json_type[k])}" for k in sorted(json_type))
        return f"struct<{fields}>"
    if isinstance(json_type, list):
        return f"array<{_json_ddl(json_type[0])}>"
    return json_type
