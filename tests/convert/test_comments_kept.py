"""Comments inside what a rule rewrites (a dropped ``transformation_ctx``, an options dict read into
reader options, a sink removed) are kept on lines of their own above the converted statement, once each.
Real Glue code comments its options; the conversion once dropped those silently."""

import textwrap

import pytest

from g2l_core.convert import ConvertOptions, convert_source

HEAD = textwrap.dedent('''\
    from awsglue.context import GlueContext
    from pyspark.context import SparkContext

    glueContext = GlueContext(SparkContext.getOrCreate())
''')

CASES = [
    (
        "dropped bookmark context",
        '''\
        raw = glueContext.create_dynamic_frame.from_catalog(
            database="shop",
            table_name="orders",
            transformation_ctx="raw_orders",  # bookmark: new files only
        )
        ''',
        '''\
        # bookmark: new files only
        raw = spark.read.table("main.shop.orders")
        ''',
    ),
    (
        "comments inside a read options dict",
        '''\
        raw = glueContext.create_dynamic_frame.from_options(
            connection_type="s3",
            connection_options={
                # the landing bucket
                "paths": ["s3://landing/orders/"],
                "recurse": True,  # nested day folders
            },
            format="json",
        )
        ''',
        '''\
        # the landing bucket
        # nested day folders
        raw = spark.read.format("json").option("recursiveFileLookup", True).load("s3://landing/orders/")
        ''',
    ),
    (
        "a sink removed with its comment",
        '''\
        frame = glueContext.create_dynamic_frame.from_catalog(database="shop", table_name="orders")
        sink = glueContext.getSink(
            path="s3://curated/orders/",
            connection_type="s3",
            partitionKeys=[],  # partitions come later
        )
        sink.setFormat("parquet")
        sink.writeFrame(frame)
        ''',
        '''\
        frame = spark.read.table("main.shop.orders")
        # partitions come later
        frame.write.format("parquet").mode("append").save("s3://curated/orders/")
        ''',
    ),
]


@pytest.mark.parametrize("name, before, after", CASES, ids=[c[0] for c in CASES])
def test_comments_inside_rewritten_calls_are_kept(name, before, after):
    result = convert_source(HEAD + textwrap.dedent(before), "job.py", ConvertOptions())
    assert result.error is None
    body = result.code.split('spark.conf.set("spark.sql.ansi.enabled", "false")\n', 1)[1]
    code_lines = [line for line in body.splitlines() if line.strip() and not line.startswith("# g2l: review")]
    assert code_lines == textwrap.dedent(after).splitlines()


def test_a_comment_kept_by_the_rule_is_not_written_twice():
    result = convert_source(HEAD + textwrap.dedent('''\
        raw = glueContext.create_dynamic_frame.from_catalog(database="shop", table_name="orders")  # all orders
    '''), "job.py", ConvertOptions())
    assert result.code.count("# all orders") == 1
