"""Regressions from real-world Glue code (issue 10, "No silent breakage"): each conversion here once left
code that did not run, or changed meaning without a word."""

import textwrap

import pytest

from g2l_core.convert import ConvertOptions, convert_source, glue_residue, helper_module_source

HEAD = textwrap.dedent('''\
    from awsglue.context import GlueContext
    from pyspark.context import SparkContext

    glueContext = GlueContext(SparkContext.getOrCreate())
    orders = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
''')


def convert(body: str, path: str = "job.py", **options):
    result = convert_source(HEAD + textwrap.dedent(body), path, ConvertOptions(**options))
    assert result.error is None
    compile(result.code, path, "exec")
    return result


def test_a_sink_variable_still_used_becomes_a_frame_sink():
    result = convert('''\
        sink = glueContext.getSink(connection_type="s3", path="s3://out/orders/")
        sink.setFormat("parquet")
        sink.writeFrame(orders)
        audit_sinks.append(sink)
    ''')
    code = result.code
    assert 'sink = g2l_helpers.FrameSink(spark, connection_type="s3", path="s3://out/orders/")' in code
    assert 'sink.set_format("parquet")' in code and "audit_sinks.append(sink)" in code  # nothing left undefined
    assert 'orders.write.format("parquet").mode("append").save("s3://out/orders/")' in code
    assert [d.action for d in result.decisions if d.rule == "SinkConfig"] == ["converted_with_helper", "converted"]


def test_a_sink_set_up_at_module_level_and_written_in_a_batch_function():
    """The write sees the module's setFormat/setCatalogInfo (they once looked only in the function: the write
    was flagged while the set-up it needed was removed, leaving ``sink`` undefined)."""
    result = convert('''\
        sink = glueContext.getSink(connection_type="s3", path="s3://lake/events/", partitionKeys=["dt"])
        sink.setFormat("glueparquet")
        sink.setCatalogInfo(catalogDatabase="lake", catalogTableName="events")


        def process_batch(df, batch_id):
            sink.writeFrame(df)
    ''')
    assert "sink" not in result.code.replace("process_batch", "")
    assert 'df.write.mode("append").partitionBy("dt").saveAsTable("main.lake.events")' in result.code
    assert {d.action for d in result.decisions} == {"converted"}


def test_a_connector_sink_still_used_is_kept_and_flagged():
    result = convert('''\
        sink = glueContext.getSink(connection_type="kafka", connectionName="msk", topic="t")
        sink.writeFrame(orders)
        audit_sinks.append(sink)
    ''')
    assert "sink = spark.getSink(" in result.code  # nothing left undefined, and flagged
    assert "# g2l: review: `sink` is also used on line 8, so its set-up is kept" in result.code
    assert {d.action for d in result.decisions if d.rule in ("SinkConfig", "SinkWriteFrame")} == {"flagged"}


def test_a_sink_variable_only_printed_or_logged_becomes_its_settings():
    result = convert('''\
        sink = glueContext.getSink("s3", "glueparquet", path="s3://out/orders/")
        sink.setCatalogInfo("sales", "orders_out")
        sink.writeFrame(orders)
        print("written", sink)
        logger.info(f"sink {sink}")
    ''')
    code = result.code
    assert 'sink = dict(connection_type="s3", format="glueparquet", path="s3://out/orders/")' in code
    assert 'sink.update(catalogDatabase="sales", catalogTableName="orders_out")' in code
    assert 'orders.write.mode("append").saveAsTable("main.sales.orders_out")' in code
    assert 'print("written", sink)' in code and "g2l: review" not in code
    assert {d.action for d in result.decisions} == {"converted"}
    namespace = {}
    exec("\n".join(line for line in code.splitlines() if line.startswith("sink")), namespace)
    assert namespace["sink"] == {"connection_type": "s3", "format": "glueparquet", "path": "s3://out/orders/",
                                 "catalogDatabase": "sales", "catalogTableName": "orders_out"}


def test_sink_write_converts_like_write_frame():
    result = convert('''\
        sink = glueContext.getSink(connection_type="s3", path="s3://out/orders/", partitionKeys=[])
        sink.setFormat("csv")
        sink.write(orders)
    ''')
    # Glue writes a CSV header line by default
    assert result.code.endswith('orders.write.format("csv").mode("append").option("header", True).save("s3://out/orders/")\n')
    assert "sink" not in result.code and ".partitionBy()" not in result.code
    assert [(d.api, d.action) for d in result.decisions if d.rule == "SinkWriteFrame"] == [
        ("DataSink.write", "converted")]


def test_a_sink_whose_write_cannot_convert_keeps_its_set_up():
    result = convert('''\
        sink = glueContext.getSink(connection_type="s3", path="s3://out/orders/")
        sink.setFormat("ion")
        sink.writeFrame(orders)
    ''')
    assert "sink = spark.getSink(" in result.code and "sink.writeFrame(orders)" in result.code
    assert {d.action for d in result.decisions if d.rule in ("SinkConfig", "SinkWriteFrame")} == {"flagged"}


def test_no_empty_partition_by():
    result = convert('''\
        glueContext.write_dynamic_frame.from_options(frame=orders, connection_type="s3", format="parquet",
                                                     connection_options={"path": "s3://out/", "partitionKeys": []})
        glueContext.write_dynamic_frame.from_options(frame=orders, connection_type="s3", format="parquet",
                                                     connection_options={"path": "s3://out2/", "partitionKeys": ["day"]})
    ''')
    assert ".partitionBy()" not in result.code
    assert '.partitionBy("day")' in result.code


def test_make_cols_is_flagged_never_a_silent_single_column():
    result = convert('''\
        resolved = orders.resolveChoice(choice="make_cols")
    ''')
    assert "# g2l: review: make_cols: Glue gives one column per type seen (col_long, col_string)" in result.code
    assert [d.action for d in result.decisions if d.rule == "ResolveChoiceRule"] == ["flagged"]


def test_nothing_is_inserted_after_a_return():
    result = convert_source(textwrap.dedent('''\
        from awsglue.context import GlueContext
        from pyspark.context import SparkContext


        def session():
            return GlueContext(SparkContext.getOrCreate())
    '''), "lib.py")
    assert result.code == textwrap.dedent('''\
        from pyspark.sql import SparkSession


        def session():
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            SparkSession.builder.getOrCreate().conf.set("spark.sql.ansi.enabled", "false")
            return SparkSession.builder.getOrCreate()
    ''')
    assert glue_residue(result.code) == []


def test_non_identifier_names_are_quoted_after_schema_map():
    result = convert('''\
        a = glueContext.create_dynamic_frame.from_catalog(database="Sales-Raw", table_name="2024_Orders")
        b = glueContext.create_dynamic_frame.from_catalog(database="sales-raw", table_name=table)
        c = glueContext.create_dynamic_frame.from_catalog(database=db, table_name="x-y")
    ''', schema_map={"SALES-RAW": "sales_bronze"}, catalog="my-cat")
    assert 'a = spark.read.table("`my-cat`.sales_bronze.`2024_orders`")' in result.code
    assert 'b = spark.read.table(f"`my-cat`.sales_bronze.`{table}`")' in result.code
    # a database known only at run time goes through the helper, which holds schema_map and quotes the same way
    assert 'c = spark.read.table(g2l_helpers.uc_table_name(db, "x-y"))' in result.code
    namespace: dict = {}
    exec(compile(helper_module_source(ConvertOptions(schema_map={"SALES-RAW": "sales_bronze"}, catalog="my-cat")),
                 "g2l_helpers.py", "exec"), namespace)
    assert namespace["uc_table_name"]("Sales-Raw", "x-y") == "`my-cat`.sales_bronze.`x-y`"
    assert namespace["uc_table_name"]("other-db", "x-y") == "`my-cat`.`other-db`.`x-y`"


def test_except_fallback_binds_the_session_on_both_paths():
    result = convert_source(textwrap.dedent('''\
        from awsglue.context import GlueContext
        from pyspark import SparkConf
        from pyspark.context import SparkContext


        def get_session():
            try:
                sc = SparkContext.getOrCreate()
            except Exception:
                conf = SparkConf().setAppName("orders")
                sc = SparkContext(conf=conf)
            return GlueContext(sc).spark_session
    '''), "lib.py")
    assert "    except Exception:\n        conf = SparkConf().setAppName(\"orders\")\n" \
           "        spark = SparkSession.builder.config(conf=conf).getOrCreate()\n" in result.code
    assert "SparkContext" not in result.code


def test_code_needing_the_spark_context_is_flagged():
    result = convert('''\
        rdd = glueContext.spark_context.parallelize([1, 2])
    ''')
    assert "# g2l: review: the SparkContext is taken from the SparkSession; Databricks shared and serverless " \
           "compute have none" in result.code
    assert "rdd = spark.sparkContext.parallelize([1, 2])" in result.code


def test_awsglue_imports_inside_functions_and_try_blocks_are_converted():
    result = convert_source(textwrap.dedent('''\
        def to_frame(glue_context, df):
            from awsglue.dynamicframe import DynamicFrame
            return DynamicFrame.fromDF(df, glue_context, "out")


        try:
            from awsglue.utils import getResolvedOptions
        except ImportError:
            getResolvedOptions = None
    '''), "lib.py")
    # with its imports gone the try body cannot raise: the fallback is dead and goes with the statement
    assert result.code == textwrap.dedent('''\
        def to_frame(spark, df):
            return df
    ''')


def test_a_try_that_can_still_raise_keeps_its_handlers():
    result = convert_source(textwrap.dedent('''\
        try:
            from awsglue.context import GlueContext
            import boto3
        except ImportError:
            boto3 = None
    '''), "lib.py")
    assert result.code == textwrap.dedent('''\
        try:
            import boto3
        except ImportError:
            boto3 = None
    ''')


def test_a_kept_awsglue_import_names_what_still_uses_it():
    result = convert_source(textwrap.dedent('''\
        from awsglue.dynamicframe import DynamicFrame
        from awsglueml.transforms import FindMatches


        def dedupe(frame):
            return FindMatches.apply(frame=frame, transformId="tfm-1")


        def to_df(df):
            return DynamicFrame.fromDF(df, None, "x")
    '''), "lib.py")
    assert result.code.startswith("# g2l: review: awsglue import kept: code below still uses FindMatches\n"
                                  "from awsglueml.transforms import FindMatches\n")
    assert "DynamicFrame" not in result.code  # its import went with its last use


LIBRARY_READ = textwrap.dedent('''\
    def load_orders(glue_context, day):
        return glue_context.create_dynamic_frame.from_catalog(
            database="sales", table_name="orders", push_down_predicate=f"day='{day}'",
            transformation_ctx="load_orders")
''')


def test_a_bookmark_context_in_library_code_is_flagged():
    result = convert_source(LIBRARY_READ, "common/readers.py")
    assert "# g2l: review: transformation_ctx in library code: whether the calling job has bookmarks on is " \
           "unknown" in result.code
    assert [(d.api, d.action) for d in result.decisions if d.rule == "Bookmarks"] == [("job bookmarks", "flagged")]


def test_a_job_the_configuration_knows_is_not_flagged_for_its_context():
    result = convert_source(LIBRARY_READ, "jobs/orders.py", ConvertOptions(bookmarks={"orders": False}))
    assert "# g2l: review:" not in result.code


@pytest.mark.parametrize(("bookmarks", "flagged"), [
    ({"extract-orders": False, "jobs/extract_orders.py": False}, False),  # every job definition leaves them off
    ({"extract-orders": False, "load-orders": True}, True),  # one job turns them on: its reads may be incremental
])
def test_library_contexts_are_flagged_only_when_some_job_has_bookmarks_on(bookmarks, flagged):
    """A template platform's base class passes transformation_ctx on every read; when every job definition says
    bookmarks are off, none of those reads is incremental, and the flag on each was noise."""
    result = convert_source(LIBRARY_READ, "common/readers.py", ConvertOptions(bookmarks=bookmarks))
    assert ("transformation_ctx in library code" in result.code) is flagged
    assert bool([d for d in result.decisions if d.rule == "Bookmarks"]) is flagged


JOB_PARTS = textwrap.dedent('''\
    import logging
    import sys
    from awsglue.context import GlueContext
    from awsglue.job import Job
    from awsglue.utils import getResolvedOptions
    from pyspark.context import SparkContext

    logging.basicConfig(level=logging.INFO)


    def extract(glue_context, day):
        return glue_context.create_dynamic_frame.from_catalog(
            database="sales", table_name="orders", push_down_predicate=f"day='{day}'",
            transformation_ctx="extract_orders")


    def run():
        args = getResolvedOptions(sys.argv, ["JOB_NAME", "day"])
        glue_context = GlueContext(SparkContext.getOrCreate())
        job = Job(glue_context)
        job.init(args["JOB_NAME"], args)
        extract(glue_context, args["day"]).toDF().show()
        job.commit()
''')


@pytest.mark.parametrize(("tail", "flagged"), [
    ("\n\nif __name__ == '__main__':\n    run()\n", False),  # the job's script: its reads are the job's
    ("\n\nrun()\n", False),
    ("", True),  # makes a Job but nothing runs it here: a library some job calls
])
def test_a_read_in_a_function_of_a_job_script_is_the_jobs_read(tail, flagged):
    """Which job runs a library's read, and with which bookmark setting, is unknown; a job script's own
    functions run in that job, whose bookmark setting its module-level reads already assume."""
    result = convert_source(JOB_PARTS + tail, "jobs/orders_daily.py")
    assert ("transformation_ctx in library code" in result.code) is flagged
    assert bool([d for d in result.decisions if d.rule == "Bookmarks"]) is flagged


def test_the_session_of_a_glue_context_held_on_self_is_the_session():
    result = convert_source(textwrap.dedent('''\
        from awsglue.context import GlueContext


        class Job:
            def __init__(self, glue_context):
                self.glue_context = glue_context
                self.spark = self.glue_context.spark_session
    '''), "lib.py")
    assert result.code == "\n\nclass Job:\n    def __init__(self, spark):\n        self.spark = spark\n"


def test_a_removed_statements_trailing_comment_stays():
    result = convert('''\
        from awsglue.job import Job
        job = Job(glueContext)
        job.commit()  # bookmarks move only on success
    ''')
    assert result.code.endswith("# bookmarks move only on success\n")


def test_a_library_read_through_kwargs_says_what_it_cannot_see():
    result = convert_source(textwrap.dedent('''\
        def load(glue_context, database, table, **kwargs):
            return glue_context.create_dynamic_frame.from_catalog(database=database, table_name=table, **kwargs)
    '''), "common/readers.py")
    assert "# g2l: review: **kwargs not carried over: the conversion cannot see into it; any of " \
           "additional_options, catalog_id, push_down_predicate, redshift_tmp_dir, transformation_ctx in it is ignored" in result.code
    assert 'return spark.read.table(f"main.`{database}`.`{table}`")' in result.code
    assert [d.action for d in result.decisions if d.api.endswith("starred arguments")] == ["flagged"]


BASE = textwrap.dedent('''\
    from awsglue.context import GlueContext
    from awsglue.job import Job
    from pyspark.context import SparkContext


    class BaseJob:
        job: Job

        def __init__(self):
            self.glue_context = GlueContext(SparkContext.getOrCreate())
            self.job = Job(self.glue_context)
''')
SUBCLASS = textwrap.dedent('''\
    from common.base import BaseJob


    class Orders(BaseJob):
        def run(self):
            self.glue_context.create_dynamic_frame.from_catalog(database="sales", table_name="orders").show()
            self.job.commit()
''')


def test_a_library_class_holding_glue_objects_leaves_no_job_import_and_its_subclass_agrees():
    base = convert_source(BASE, "common/base.py").code
    subclass = convert_source(SUBCLASS, "jobs/orders.py").code
    assert "Job(" not in base and "job" not in base and "awsglue" not in base
    assert "self.spark = SparkSession.builder.getOrCreate()" in base
    # the subclass, converted on its own, reads the attribute the base now sets and no longer commits a Job
    assert 'self.spark.read.table("main.sales.orders").show()' in subclass
    assert "self.job" not in subclass


def test_a_glue_call_kept_inside_an_expression_keeps_its_import():
    result = convert('''\
        from awsglue.transforms import Spigot
        rows = Spigot.apply(orders, "s3://debug/", {"topk": 5}).toDF().count()
    ''')
    assert "from awsglue.transforms import Spigot" in result.code
    assert "# g2l: review: spigot used inside an expression" in result.code


def test_a_parenthesised_import_that_loses_names_keeps_its_layout():
    """Dropping the last name of ``from x import (a, b,)`` once left ``from x import a,`` (a syntax error)."""
    result = convert('''\
        from pyspark.sql.functions import (
            col,
            lit,
        )
        from awsglue.transforms import (
            ApplyMapping,
            Filter,
        )
        import os, awsglue.utils
        registry = {"mapping": ApplyMapping}
        print(os, col, lit)
    ''')
    assert "from awsglue.transforms import (\n    ApplyMapping,\n)\n" in result.code
    assert "\nimport os\n" in result.code


@pytest.mark.parametrize("body, expected", [
    (  # fromDF around a chain broken over lines inside its argument list
        '''\
        flat = DynamicFrame.fromDF(
            orders.toDF()
            .select("id", "total"), glueContext, "flat")
        ''',
        'flat = (orders\n    .select("id", "total"))',
    ),
    (  # the chain's line break right after the converted call
        '''\
        flat = DynamicFrame.fromDF(orders.toDF()
                                   .where("total > 0"), glueContext, "flat")
        ''',
        '.where("total > 0"))',
    ),
    (  # already in brackets of its own: nothing added
        '''\
        flat = DynamicFrame.fromDF((orders.toDF()
            .select("id")), glueContext, "flat")
        ''',
        'flat = (orders\n    .select("id"))',
    ),
])
def test_an_expression_lifted_out_of_brackets_keeps_parsing(body, expected):
    """Once seen on real code: the unwrapped argument's line breaks were left bare, and the file did not parse."""
    result = convert('from awsglue.dynamicframe import DynamicFrame\n' + textwrap.dedent(body))  # compiles
    assert expected in result.code and "flat = (orders\n" in result.code
