"""extract_module on small sources: the exact rows, figures and references it reports."""

from __future__ import annotations

import hashlib
import json
import textwrap

import pytest

from g2l_core.extract import entity_id, extract_module, sql_table_refs

READER = textwrap.dedent('''\
    """Readers for S3 landing data."""
    import json
    from awsglue.dynamicframe import DynamicFrame

    LANDING = "s3://landing-bucket/raw/"


    def read_from_s3(glue_context, path, fmt="json"):
        """Read a landing folder as a DynamicFrame."""
        if fmt == "json" or fmt == "jsonl":
            return glue_context.create_dynamic_frame.from_options(
                connection_type="s3", connection_options={"paths": [path]}, format="json")
        elif fmt == "csv":
            return glue_context.create_dynamic_frame.from_options(
                connection_type="s3", connection_options={"paths": [path]}, format="csv",
                format_options={"withHeader": True})
        raise ValueError(fmt)


    class CatalogReader:
        """Reads curated tables."""

        def __init__(self, glue_context, database="curated"):
            self.glue_context = glue_context
            self.database = database

        def positions(self):
            frame = self.glue_context.create_dynamic_frame.from_catalog(database="curated", table_name="positions")
            return [f for f in frame.toDF().columns if f and not f.startswith("_")]
    ''')


def rows_of(source: str, file_path: str, project: str = "risk", source_type: str = "glue") -> dict[str, dict]:
    rows = extract_module(source, project=project, source_type=source_type, file_path=file_path)
    return {f"{r['entity_type']}:{r['full_path']}": r for r in rows}


def test_reader_module_rows_exact():
    rows = rows_of(READER, "src/readers/s3_reader.py")
    assert list(rows) == [
        "module:src.readers.s3_reader",
        "function:src.readers.s3_reader.read_from_s3",
        "class:src.readers.s3_reader.CatalogReader",
        "method:src.readers.s3_reader.CatalogReader.__init__",
        "method:src.readers.s3_reader.CatalogReader.positions",
        "table:curated.positions",
    ]
    pick = ("name", "module_name", "line_start", "line_end", "complexity", "lines_of_code", "definition", "docstring")
    got = {k: tuple(r[c] for c in pick) for k, r in rows.items() if not k.startswith("table:")}
    mod = "src.readers.s3_reader"
    assert got == {
        f"module:{mod}": ("s3_reader", mod, 1, 29, 6, 22, None, "Readers for S3 landing data."),
        f"function:{mod}.read_from_s3": ("read_from_s3", mod, 8, 17, 4, 10,
                                         'def read_from_s3(glue_context, path, fmt="json"):',
                                         "Read a landing folder as a DynamicFrame."),
        f"class:{mod}.CatalogReader": ("CatalogReader", mod, 20, 29, 3, 8, "class CatalogReader:",
                                       "Reads curated tables."),
        f"method:{mod}.CatalogReader.__init__": ("__init__", mod, 23, 25, 1, 3,
                                                 'def __init__(self, glue_context, database="curated"):', None),
        f"method:{mod}.CatalogReader.positions": ("positions", mod, 27, 29, 3, 3, "def positions(self):", None),
    }


def test_reader_glue_calls_refs_and_paths():
    rows = rows_of(READER, "src/readers/s3_reader.py")
    mod = "src.readers.s3_reader"
    module = rows[f"module:{mod}"]
    assert json.loads(module["glue_api_calls"]) == {
        "DynamicFrame.toDF": 1, "create_dynamic_frame.from_catalog": 1, "create_dynamic_frame.from_options": 2}
    assert module["imports"] == ["awsglue.dynamicframe.DynamicFrame", "json"]
    assert module["s3_paths"] == ["s3://landing-bucket/raw/"]
    assert module["catalog_refs"] == [{"table": "curated.positions", "direction": "read"}]
    assert module["uses_glue_context"] and module["uses_dynamic_frame"]
    assert module["entity_type"] == "module"  # builds no context and has no __main__ entry

    reader = rows[f"function:{mod}.read_from_s3"]
    assert reader["calls"] == ["ValueError", "glue_context.create_dynamic_frame.from_options"]
    assert json.loads(reader["glue_api_calls"]) == {"create_dynamic_frame.from_options": 2}
    assert reader["catalog_refs"] == [] and reader["s3_paths"] == []

    init = rows[f"method:{mod}.CatalogReader.__init__"]
    assert (init["glue_api_calls"], init["uses_glue_context"], init["uses_dynamic_frame"]) == ("{}", False, False)
    positions = rows[f"method:{mod}.CatalogReader.positions"]
    assert positions["catalog_refs"] == [{"table": "curated.positions", "direction": "read"}]
    assert positions["calls"] == ["f.startswith", "frame.toDF", "self.glue_context.create_dynamic_frame.from_catalog"]

    table = rows["table:curated.positions"]
    assert (table["name"], table["referenced_by"], table["catalog_refs"]) == (
        "positions", [mod], [{"table": "curated.positions", "direction": "read"}])


JOB = textwrap.dedent('''\
    import sys
    from awsglue.context import GlueContext
    from awsglue.job import Job
    from awsglue.transforms import ApplyMapping
    from awsglue.utils import getResolvedOptions
    from pyspark.context import SparkContext

    DB = "risk_raw"
    args = getResolvedOptions(sys.argv, ["JOB_NAME", "env"])
    glue_context = GlueContext(SparkContext.getOrCreate())
    job = Job(glue_context)
    job.init(args["JOB_NAME"], args)
    trades = glue_context.create_dynamic_frame.from_catalog(database=DB, table_name="trades")
    mapped = ApplyMapping.apply(frame=trades, mappings=[("id", "string", "trade_id", "string")])
    mapped.toDF().write.mode("append").saveAsTable("risk_curated.trades")
    glue_context.spark_session.sql(f"INSERT INTO risk_reporting.summary SELECT * FROM {DB}.positions")
    glue_context.write_dynamic_frame.from_options(frame=mapped, connection_type="s3",
        connection_options={"path": f"s3://out-{args['env']}/trades/"}, format="parquet")
    glue_context.write_dynamic_frame.from_catalog(mapped, "risk_curated", "trades_v2")
    job.commit()
    ''')


def test_glue_job_row():
    rows = rows_of(JOB, "jobs/daily.py")
    assert list(rows) == ["job:jobs.daily", "table:risk_curated.trades", "table:risk_curated.trades_v2",
                          "table:risk_raw.positions", "table:risk_raw.trades", "table:risk_reporting.summary"]
    job = rows["job:jobs.daily"]
    assert (job["name"], job["line_start"], job["line_end"], job["complexity"], job["lines_of_code"]) == (
        "daily", 1, 20, 1, 19)
    assert json.loads(job["glue_api_calls"]) == {
        "ApplyMapping.apply": 1, "DynamicFrame.toDF": 1, "GlueContext": 1, "Job": 1, "Job.commit": 1,
        "Job.init": 1, "create_dynamic_frame.from_catalog": 1, "getResolvedOptions": 1,
        "write_dynamic_frame.from_catalog": 1, "write_dynamic_frame.from_options": 1,
    }
    assert job["catalog_refs"] == [
        {"table": "risk_curated.trades", "direction": "write"},
        {"table": "risk_curated.trades_v2", "direction": "write"},
        {"table": "risk_raw.positions", "direction": "read"},
        {"table": "risk_raw.trades", "direction": "read"},
        {"table": "risk_reporting.summary", "direction": "write"},
    ]
    assert job["s3_paths"] == ["s3://out-{args['env']}/trades/"]
    assert job["uses_glue_context"] and job["uses_dynamic_frame"]


@pytest.mark.parametrize(("source", "is_job"), [
    ("from awsglue.context import GlueContext\nfrom pyspark.context import SparkContext\n"
     "gc = GlueContext(SparkContext())\n", True),
    ("from pyspark.sql import SparkSession\nspark = SparkSession.builder.appName('x').getOrCreate()\n", True),
    ("def main():\n    return 1\n\n\nif __name__ == '__main__':\n    main()\n", True),
    ("# Databricks notebook source\ndf = spark.read.table('main.risk.trades')\n", True),
    ("from pyspark.sql import SparkSession\n\ndef run():\n    s = SparkSession.builder.getOrCreate()\n"
     "    return s\n\nrun()\n", True),
    # a library helper that builds a session only when called is not a job
    ("from pyspark.sql import SparkSession\n\ndef get_spark():\n    return SparkSession.builder.getOrCreate()\n",
     False),
    ("import os\nVALUE = os.environ.get('X')\n", False),
])
def test_job_detection(source, is_job):
    rows = extract_module(source, project="p", source_type="glue", file_path="pkg/mod.py")
    assert rows[0]["entity_type"] == ("job" if is_job else "module")


@pytest.mark.parametrize(("body", "complexity"), [
    ("    return x\n", 1),
    ("    if x:\n        return 1\n    elif y:\n        return 2\n    else:\n        return 3\n", 3),
    ("    for a in x:\n        pass\n    while y:\n        break\n", 3),
    ("    try:\n        pass\n    except ValueError:\n        pass\n    except KeyError:\n        pass\n", 3),
    ("    return x and y or z\n", 3),
    ("    return [a for a in x if a if a > 1]\n", 3),
    ("    return 1 if x else 2\n", 2),
    ("    match x:\n        case 1:\n            pass\n        case 2:\n            pass\n        case _:\n"
     "            pass\n", 4),
    ("    with open(x) as f:\n        return f\n", 1),
    ("    def inner():\n        if y:\n            return 1\n    return inner\n", 2),
])
def test_cyclomatic_complexity(body, complexity):
    rows = rows_of(f"def f(x, y=None, z=None):\n{body}", "m.py")
    assert rows["function:m.f"]["complexity"] == complexity
    assert rows["module:m"]["complexity"] == complexity


def test_multiline_signature_decorators_and_async():
    source = textwrap.dedent('''\
        import functools


        @functools.lru_cache(maxsize=None)
        def cached(a,
                   b=1,  # trailing comment
                   *args):
            # body comment
            return a


        async def fetch(url): return url
        ''')
    rows = rows_of(source, "lib/util.py")
    cached = rows["function:lib.util.cached"]
    assert (cached["line_start"], cached["line_end"], cached["lines_of_code"]) == (4, 9, 5)
    assert cached["definition"] == "def cached(a, b=1, *args):"
    fetch = rows["function:lib.util.fetch"]
    assert (fetch["line_start"], fetch["line_end"], fetch["definition"]) == (12, 12, "async def fetch(url):")


def test_redefinition_keeps_the_bound_definition():
    rows = rows_of("def f():\n    return 1\n\n\ndef f():\n    if x:\n        return 2\n", "m.py")
    assert [k for k in rows] == ["module:m", "function:m.f"]
    assert rows["function:m.f"]["line_start"] == 5


def test_defs_inside_module_level_blocks_are_entities():
    source = "try:\n    import fast\nexcept ImportError:\n    def fast():\n        return 0\n"
    rows = rows_of(source, "m.py")
    assert "function:m.fast" in rows
    assert rows["module:m"]["complexity"] == 2


@pytest.mark.parametrize(("source", "message_start"), [
    ('import sys\nprint "hello %s" % sys.argv\n', "line 2: Missing parentheses in call to 'print'"),
    ("def f(:\n    pass\n", "line 1: "),
    (b"x = '\xff\xfe'\n", "line 1: cannot decode source"),
    ("x = 1\n\x00\n", "line 1: "),
])
def test_parse_error_row(source, message_start):
    rows = extract_module(source, project="p", source_type="glue", file_path="legacy/old_job.py")
    assert len(rows) == 1
    row = rows[0]
    assert (row["entity_type"], row["full_path"], row["file_path"]) == ("module", "legacy.old_job", "legacy/old_job.py")
    assert row["parse_error"].startswith(message_start), row["parse_error"]
    assert row["entity_id"] == entity_id("p", "glue", "module", "legacy.old_job")
    assert row["content_hash"] and row["line_start"] == 1


def test_coding_cookie_is_honoured():
    rows = extract_module(b"# -*- coding: latin-1 -*-\nNAME = '\xe9t\xe9'\n", project="p", source_type="glue",
                          file_path="m.py")
    assert rows[0]["parse_error"] is None


def test_content_hashes():
    rows = rows_of(READER, "src/readers/s3_reader.py")
    assert rows["module:src.readers.s3_reader"]["content_hash"] == hashlib.sha256(READER.encode()).hexdigest()
    span = "\n".join(READER.splitlines()[22:25])
    assert rows["method:src.readers.s3_reader.CatalogReader.__init__"]["content_hash"] == \
        hashlib.sha256(span.encode()).hexdigest()


def test_package_init_names_the_package():
    rows = rows_of("'''Package.'''\n", "src/readers/__init__.py")
    assert list(rows) == ["module:src.readers"]


@pytest.mark.parametrize(("sql", "refs"), [
    ("SELECT * FROM risk.trades t JOIN risk.books b ON t.book = b.id",
     [("risk.trades", "read"), ("risk.books", "read")]),
    ("INSERT OVERWRITE TABLE rpt.daily SELECT * FROM raw.events", [("rpt.daily", "write"), ("raw.events", "read")]),
    ("MERGE INTO cur.accounts a USING stage.accounts s ON a.id = s.id WHEN MATCHED THEN UPDATE SET *",
     [("cur.accounts", "write"), ("stage.accounts", "read")]),
    ("DELETE FROM cur.accounts WHERE id = 1", [("cur.accounts", "write")]),
    ("SELECT * FROM temp_view  -- FROM commented.out", []),
    ("CREATE TABLE IF NOT EXISTS `Cur`.`Totals` AS SELECT 1", [("cur.totals", "write")]),
])
def test_sql_table_refs(sql, refs):
    assert sql_table_refs(sql) == refs


LINES = (
    'x = 1 + \\\n'                      # 1  backslash continuation
    '    2\n'                            # 2
    'SQL = """\n'                        # 3  multi-line string
    'SELECT 1\n'                         # 4
    '"""\n'                              # 5
    '\n'                                 # 6
    '# about f\n'                        # 7
    '@dec(\n'                            # 8  multi-line decorator
    '    a=1)  # trailing\n'             # 9
    '# between decorators\n'             # 10
    '@dec2\n'                            # 11
    'def f(a,\n'                         # 12
    '      b):  # c\n'                   # 13
    '    s = """a\n'                     # 14
    'b"""\n'                             # 15
    '    return s\n'                     # 16
    '    # comment after the body\n'     # 17
    '\n'                                 # 18
    'if cond:\n'                         # 19
    '    pass\n'                         # 20
    'elif other:\n'                      # 21
    '    def g(): return (1,\n'          # 22
    '                     2)\n'          # 23
    'else:\n'                            # 24
    '    class K:\n'                     # 25
    '        def m(self): pass\n'        # 26
    'match y:\n'                         # 27
    '    case 1:\n'                      # 28
    '        def h():\n'                 # 29
    '            return 1\n'             # 30
)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_line_ranges_counted_from_the_cst(newline):
    """Line numbers come from line breaks in the CST (no position metadata): continuations, multi-line
    strings, decorators, comments owned by block footers, defs nested in module-level if/elif/else/match."""
    rows = rows_of(LINES.replace("\n", newline), "m.py")
    got = {k: (r["line_start"], r["line_end"], r["definition"]) for k, r in rows.items()}
    assert got == {
        "module:m": (1, 30, None),
        "function:m.f": (8, 16, "def f(a, b):"),
        "function:m.g": (22, 23, "def g():"),
        "class:m.K": (25, 26, "class K:"),
        "method:m.K.m": (26, 26, "def m(self):"),
        "function:m.h": (29, 30, "def h():"),
    }
    # if + elif + match case: three decisions at module level
    assert rows["module:m"]["complexity"] == 4


def test_string_constants_concatenations_and_fstrings():
    source = textwrap.dedent('''\
        BUCKET = "s3://lake"
        A = f"{BUCKET}/raw/{day}"
        B = "s3://implicit/" "concat"
        C = rf"s3://raw\\d/{{literal}}/{x!r}"
        D = b"s3://bytes-are-not-paths"
        E = "s3://" f"{BUCKET[5:]}"
        ''')
    module = rows_of(source, "m.py")["module:m"]
    # Unknown fields stay as {code}; E's slice is not a constant. Bytes are not paths.
    assert module["s3_paths"] == [
        "s3://implicit/concat", "s3://lake", "s3://lake/raw/{day}", "s3://raw\\d/{literal}/{x}",
        "s3://{BUCKET[5:]}",
    ]
    assert json.loads(module["module_constants"]) == {"B": "s3://implicit/concat", "BUCKET": "s3://lake"}


def test_dynamic_frame_counts_only_as_a_value_not_as_a_name():
    """An import alias, keyword argument or attribute named DynamicFrame is not a use of the class."""
    not_used = "from awsglue.dynamicframe import DynamicFrame as DF\nf(DynamicFrame=1)\nx.DynamicFrame\n"
    used = "from awsglue.dynamicframe import DynamicFrame\nframe: DynamicFrame = None\n"
    assert rows_of(not_used, "m.py")["module:m"]["uses_dynamic_frame"] is False
    assert rows_of(used, "m.py")["module:m"]["uses_dynamic_frame"] is True
