"""Comments inside a rewritten Glue call (an option dict annotated line by line, a note after an argument)
move above the statement that holds the call: the code they sat in is gone, what they say is not."""

import textwrap

import pytest

from g2l_core.convert import ConvertOptions, convert_source

HEAD = textwrap.dedent('''\
    from awsglue.context import GlueContext
    from pyspark.context import SparkContext

    glueContext = GlueContext(SparkContext.getOrCreate())
    orders = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
''')

CASES = [
    pytest.param(
        '''\
        glueContext.write_dynamic_frame.from_options(
            frame=orders,
            connection_type="mysql",
            connection_options={
                "connectionName": "shop-db",  # the replica is read-only
                "dbtable": "sales.orders",
            },
        )
        ''',
        '''\
        # the replica is read-only
        (
            orders.write.format("jdbc")
        ''',
        id="option-dict-comment",
    ),
    pytest.param(
        '''\
        if orders.count() > 0:
            glueContext.write_dynamic_frame.from_options(
                frame=orders,
                connection_type="dynamodb",
                connection_options={
                    "dynamodb.output.tableName": "order_index",
                    "dynamodb.throughput.write.percent": "0.5",  # half the table's capacity
                    # "dynamodb.output.retry": "5",
                },
            )
        ''',
        '''\
        if orders.count() > 0:
            # half the table's capacity
            # "dynamodb.output.retry": "5",
        ''',
        id="nested-block-and-commented-out-option",
    ),
    pytest.param(
        '''\
        totals = glueContext.create_dynamic_frame.from_catalog(
            database="sales",  # the curated copy
            table_name="totals",
        )
        ''',
        '''\
        # the curated copy
        totals = spark.read.table("main.sales.totals")
        ''',
        id="keyword-argument-comment",
    ),
]


@pytest.mark.parametrize(("before", "after"), CASES)
def test_comments_inside_a_rewritten_call_go_above_its_statement(before, after):
    result = convert_source(HEAD + textwrap.dedent(before), "job.py", ConvertOptions())
    assert result.error is None
    assert textwrap.dedent(after) in result.code
    for line in textwrap.dedent(before).splitlines():
        if "#" in line:
            comment = line[line.index("#"):]
            assert result.code.count(comment) == 1, comment


def test_a_comment_the_rewrite_keeps_in_place_is_not_repeated():
    """A comment inside an argument the conversion keeps whole stays where it is, once."""
    result = convert_source(HEAD + textwrap.dedent('''\
        recent = glueContext.create_dynamic_frame.from_catalog(
            database="sales",
            table_name="orders",
            push_down_predicate=(
                "year = '2024'"  # one year only
            ),
        )
    '''), "job.py", ConvertOptions())
    assert result.code.count("# one year only") == 1
