"""Options, the shared Glue set-up, and the checks every before -> after rule case goes through."""

import pytest

from g2l_core.convert import ConvertOptions, convert_source, glue_residue

OPTIONS = ConvertOptions(
    catalog="main", schema_map={"sales": "sales_uc"}, path_map={"s3://bucket/": "/Volumes/main/raw/bucket/"}
)

SETUP = """\
from awsglue.context import GlueContext
from awsglue.transforms import *
from awsglue.dynamicframe import DynamicFrame
from pyspark.context import SparkContext

glueContext = GlueContext(SparkContext.getOrCreate())
"""


def check_cases(cases):
    """The four checks for a module's ``CASES``, as test functions to bind at module level."""
    parametrize = pytest.mark.parametrize(("before", "after", "decisions"), cases)

    @parametrize
    def test_conversion(before, after, decisions):
        result = convert_source(before, "job.py", OPTIONS)
        assert result.error is None
        assert result.code == after
        assert [(d.line, d.api, d.action, d.rule) for d in result.decisions] == decisions
        assert all(d.file == "job.py" and d.message for d in result.decisions)

    @parametrize
    def test_idempotent(before, after, decisions):
        again = convert_source(after, "job.py", OPTIONS)
        assert again.code == after
        assert not again.changed

    @parametrize
    def test_no_unflagged_residue_and_valid_python(before, after, decisions):
        compile(after, "job.py", "exec")
        assert glue_residue(after) == []

    @parametrize
    def test_flagged_sites_carry_review_comment(before, after, decisions):
        flagged = [d for d in decisions if d[2] == "flagged"]
        assert after.count("# g2l: review:") >= min(1, len(flagged))

    return test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
        test_flagged_sites_carry_review_comment
