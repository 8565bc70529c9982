"""What data format a Glue table stores, and how its data gets into the Delta table.

``CONVERT TO DELTA`` converts parquet (and Iceberg) in place; every other format is copied with
a CTAS-style ``INSERT INTO ... SELECT`` from ``read_files`` whose options are taken from the
SerDe/DELIMITED/TBLPROPERTIES of the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .glue_model import GlueTable

HIVE_DEFAULT_DELIMITER = "\u0001"
DELTA_MANIFEST = "_symlink_format_manifest"  # where Delta's GENERATE symlink_format_manifest writes


@dataclass
class Storage:
    format: str  # parquet orc avro csv json cloudtrail text regex grok ion hudi iceberg delta unknown
    options: dict[str, str] = field(default_factory=dict)
    flag: str | None = None  # why the table needs a human decision
    notes: list[str] = field(default_factory=list)


def _has(value: str | None, *needles: str) -> bool:
    v = (value or "").lower()
    return any(n in v for n in needles)


def detect_storage(t: GlueTable) -> Storage:
    params = {k.lower(): v for k, v in t.parameters.items()}
    serde, infmt, stored = t.serde or "", t.input_format or "", (t.stored_as or "").upper()
    if t.storage_handler or params.get("storage_handler"):
        handler = t.storage_handler or params["storage_handler"]
        return Storage("handler", flag=f"Hive storage handler {handler}: the data lives outside S3 (DynamoDB, HBase, "
                       "Kinesis...), so there are no files to convert; read it with its Databricks connector")
    if t.stream_kind is not None:
        what = "Kinesis stream" if t.stream_kind == "kinesis" else "Kafka topic"
        return Storage("stream", flag=f"Glue table over a {what}: it stores nothing and its location names the "
                       f"{what.split()[-1]}, not a folder; converted jobs read the {what.split()[-1]} itself "
                       f"(spark.readStream.format('{t.stream_kind}'), stream and record schema from this DDL), so "
                       "this Delta table starts empty: keep it only as a place the stream's records land")
    if params.get("table_type", "").upper() == "ICEBERG" or _has(infmt, "iceberg"):
        return Storage("iceberg", flag="Iceberg table: convert in place with CONVERT TO DELTA iceberg.`<location>` "
                       "(or read it through UniForm/federation); partition transforms became CLUSTER BY")
    if _has(infmt, "hudi", "hoodie") or _has(serde, "hudi") or any(k.startswith("hoodie.") for k in params) \
            or params.get("spark.sql.sources.provider", "").lower() == "hudi":
        return Storage("hudi", flag="Hudi table: no in-place conversion; read it with the Hudi reader "
                       "(snapshot query) and INSERT INTO the Delta table, then retire the Hudi writer")
    if params.get("table_type", "").upper() == "DELTA" or params.get("spark.sql.sources.provider", "").lower() == "delta":
        return Storage("delta", notes=["source is a Delta Lake table registered in Glue (Athena table_type DELTA)"])
    if _has(infmt, "symlinktextinputformat") and DELTA_MANIFEST in (t.location or ""):
        return Storage("delta", notes=["source is a Delta table exposed to Athena via symlink manifests (the table "
                                       f"is the folder above {DELTA_MANIFEST})"])
    if _has(infmt, "symlinktextinputformat"):
        return Storage("symlink", flag="symlink table: LOCATION holds manifest files that list the data files (an S3 "
                       "Inventory or another tool's export), not the data; read the files the manifests list with "
                       "read_files in their format and INSERT INTO the Delta table")
    if stored == "PARQUET" or _has(serde, "parquet") or _has(infmt, "parquet"):
        return Storage("parquet")
    if stored == "ORC" or _has(serde, "orc") or _has(infmt, "orc"):
        return Storage("orc")
    if stored == "AVRO" or _has(serde, "avro") or _has(infmt, "avro"):
        return Storage("avro")
    if stored == "ION" or _has(serde, "ion") or _has(infmt, "ion"):
        return Storage("ion", flag="Amazon Ion data has no Databricks reader: export it to JSON or parquet "
                       "(e.g. with Athena UNLOAD) and copy that into the Delta table")
    if _has(serde, "grok"):
        pattern = t.serde_params.get("input.format", "")
        return Storage("grok", options={"input.format": pattern},
                       flag=f"Grok SerDe has no Databricks reader: rewrite the pattern {pattern!r} as a regex and "
                       "parse lines with regexp_extract over read_files(format => 'text')")
    if _has(serde, "cloudtrail") or _has(infmt, "cloudtrail"):
        return Storage("cloudtrail", notes=["CloudTrail SerDe: each file is one JSON document whose events are "
                                            "under Records[]"])
    if _has(serde, "regexserde"):
        return Storage("regex", options={"regex": t.serde_params.get("input.regex", "")})
    if stored == "JSONFILE" or _has(serde, "json"):
        opts: dict[str, str] = {}
        notes = []
        mapping = {k[len("mapping."):]: v for k, v in t.serde_params.items() if k.lower().startswith("mapping.")}
        if mapping:
            notes.append("OpenX JSON mapping.* renames: " + ", ".join(f"{k} <- {v}" for k, v in mapping.items())
                         + " (select the JSON keys under the column names)")
        if t.serde_params.get("ignore.malformed.json", "").lower() == "true":
            opts["mode"] = "PERMISSIVE"
        return Storage("json", opts, notes=notes)
    if stored in ("SEQUENCEFILE", "RCFILE") or _has(infmt, "sequencefile", "rcfile"):
        return Storage(stored.lower() or "unknown", flag=f"{stored or infmt} data has no Databricks reader; "
                       "rewrite it as parquet from Spark with the Hive SerDe, then CONVERT TO DELTA")
    if _has(serde, "opencsv"):
        opts = {"sep": t.serde_params.get("separatorChar", ","), "quote": t.serde_params.get("quoteChar", '"'),
                "escape": t.serde_params.get("escapeChar", "\\")}
        return _csv_header(t, params, Storage("csv", opts))
    if t.delimited or _has(serde, "lazysimpleserde") or stored == "TEXTFILE" or _has(infmt, "textinputformat"):
        sep = t.delimited.get("fields") or t.serde_params.get("field.delim") or t.serde_params.get("separatorChar") \
            or HIVE_DEFAULT_DELIMITER
        opts = {"sep": sep}
        escape = t.delimited.get("escaped") or t.serde_params.get("escape.delim")
        if escape:
            opts["escape"] = escape
        null = t.delimited.get("null") or t.serde_params.get("serialization.null.format")
        if null is not None:
            opts["nullValue"] = null
        st = _csv_header(t, params, Storage("csv", opts))
        if any(c.type.lower().startswith(("array", "map", "struct")) for c in t.columns):
            st.flag = "delimited text with array/map/struct columns: the CSV reader cannot split collection items; " \
                      "read as text and split with split()/str_to_map()"
        return st
    if not (serde or infmt or stored):
        return Storage("unknown", notes=["no storage declared in the source"])
    return Storage("unknown", flag=f"unknown storage (SerDe {serde or '-'}, input format {infmt or stored or '-'})")


def _csv_header(t: GlueTable, params: dict[str, str], st: Storage) -> Storage:
    skip = params.get("skip.header.line.count")
    if skip and skip != "0":
        st.options["header"] = "true"
        if skip != "1":
            st.notes.append(f"skip.header.line.count={skip}: only one header line is skipped by the reader")
    return st


def _sql_str(v: str) -> str:
    escaped = v.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace(HIVE_DEFAULT_DELIMITER, "\\u0001")
    return f"'{escaped}'"


def path_layout(t: GlueTable) -> tuple[str, dict[str, int]] | None:
    """For a table whose ``storage.location.template`` (Athena partition projection) lays partitions out in
    folders other than Hive's ``name=value``: a regular expression over a data file's path and, per partition
    column, the group that holds its value. No reader infers such partitions, so the hint reads them from the
    path. None when the table has no such template or it names every partition Hive's way."""
    params = {k.lower(): v for k, v in t.parameters.items()}
    template = params.get("storage.location.template") or ""
    names = [c.name for c in t.partition_keys]
    if not template or not names or all(f"{n}=${{{n}}}".lower() in template.lower() for n in names):
        return None
    pieces = re.split(r"\$\{([^}]+)\}", re.sub(r"^[A-Za-z][\w+.-]*://", "", template))
    pattern, groups = "", {}
    for i, piece in enumerate(pieces):
        if i % 2 == 0:
            pattern += re.escape(piece)
            continue
        folders = params.get(f"projection.{piece.lower()}.format", "").count("/")  # yyyy/MM/dd spans three
        pattern += "([^/]+" + (f"(?:/[^/]+){{{folders}}}" if folders else "") + ")"
        groups.setdefault(piece.lower(), i // 2 + 1)  # the i-th piece is a name from the second on, every other
    found = {n: groups[n.lower()] for n in names if n.lower() in groups}
    return (pattern, found) if found else None


def _path_value(t: GlueTable, pattern: str, group: int, name: str, type_: str, path: str) -> str:
    value = f"regexp_extract({path}, {_sql_str(pattern)}, {group})"
    fmt = {k.lower(): v for k, v in t.parameters.items()}.get(f"projection.{name.lower()}.format")
    if type_.upper() in ("DATE", "TIMESTAMP") and fmt:
        value = f"to_{type_.lower()}({value}, {_sql_str(fmt)})"
    elif type_.upper() != "STRING":
        value = f"CAST({value} AS {type_})"
    return f"{value} AS `{name}`"


def layout_notes(t: GlueTable) -> list[str]:
    layout = path_layout(t)
    if layout is None:
        return []
    missing = [c.name for c in t.partition_keys if c.name not in layout[1]]
    template = {k.lower(): v for k, v in t.parameters.items()}["storage.location.template"]
    note = (f"partitions laid out by storage.location.template {template!r}, not as name=value folders: the "
            "migration hint reads each partition value from the data file's path")
    if missing:
        note += f"; {', '.join(missing)} is not in the template (NULL until filled)"
    return [note]


def _from_paths(t: GlueTable, storage: Storage, target: str, partition_cols: list[tuple[str, str]]) -> str | None:
    """The migration hint of a table whose partition values are in its folder names (``path_layout``)."""
    layout = path_layout(t)
    readable = ("parquet", "orc", "avro", "csv", "json", "cloudtrail")
    if layout is None or storage.format not in readable or not t.location:
        return None
    pattern, groups = layout
    types = dict(partition_cols)
    inner = "_metadata.file_path" if storage.format != "cloudtrail" else "path"
    values = ", ".join(_path_value(t, pattern, groups[n], n, types.get(n, "STRING"), inner) if n in groups
                       else f"NULL AS `{n}`" for n in (c.name for c in t.partition_keys))
    if storage.format == "cloudtrail":
        return (f"INSERT INTO {target} SELECT r.*, {values} FROM (SELECT explode(Records) AS r, _metadata.file_path "
                f"AS path FROM read_files('{t.location}', format => 'json', multiLine => true))")
    opts = "".join(f", {k} => {_sql_str(v) if k not in ('header',) else v}" for k, v in storage.options.items())
    return f"INSERT INTO {target} SELECT *, {values} FROM read_files('{t.location}', format => '{storage.format}'{opts})"


def migration_hint(t: GlueTable, storage: Storage, target: str, keep_location: bool,
                   partition_cols: list[tuple[str, str]]) -> str:
    """One statement (or instruction) that moves the table's existing data into ``target``."""
    loc = t.location
    from_paths = None if storage.flag else _from_paths(t, storage, target, partition_cols)
    if from_paths:
        return from_paths
    if storage.flag and storage.format in ("hudi", "ion", "grok", "sequencefile", "rcfile", "unknown", "handler",
                                                  "stream", "symlink"):
        return storage.flag
    if not loc:
        return "no LOCATION in the source: nothing to migrate; the table starts empty"
    if storage.format == "iceberg":
        return f"CONVERT TO DELTA iceberg.`{loc}`"
    if storage.format == "delta":
        loc = loc.split(DELTA_MANIFEST)[0]
        return f"already Delta: register it in place (CREATE TABLE {target} LOCATION '{loc}') or DEEP CLONE delta.`{loc}`"
    if storage.format == "parquet":
        part = f" PARTITIONED BY ({', '.join(f'{n} {ty}' for n, ty in partition_cols)})" if partition_cols else ""
        convert = f"CONVERT TO DELTA parquet.`{loc}`{part}"
        return convert if keep_location else f"{convert}; then INSERT INTO {target} SELECT * FROM delta.`{loc}`"
    if storage.format == "cloudtrail":
        return (f"INSERT INTO {target} SELECT r.* FROM (SELECT explode(Records) AS r FROM "
                f"read_files('{loc}', format => 'json', multiLine => true))")
    if storage.format == "regex":
        return (f"INSERT INTO {target} SELECT <regexp_extract(value, {_sql_str(storage.options['regex'])}, i) per column> "
                f"FROM read_files('{loc}', format => 'text')")
    fmt = {"csv": "csv", "json": "json", "orc": "orc", "avro": "avro"}.get(storage.format, storage.format)
    opts = "".join(f", {k} => {_sql_str(v) if k not in ('header',) else v}" for k, v in storage.options.items())
    return f"INSERT INTO {target} SELECT * FROM read_files('{loc}', format => '{fmt}'{opts})"
