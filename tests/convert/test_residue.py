"""The residue check's text pre-check only skips tokenizing where tokenizing would find nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from g2l_core.convert import convert_source, glue_residue
from g2l_core.convert import residue
from g2l_core.pytree import decode_source

ROOT = Path(__file__).resolve().parents[2]

CASES = [
    # code, residue, the text pre-check lets it through to the tokens
    ("df = spark.read.table('db.t')\nrows = df.filter(df.a > 1)\n", [], False),
    ("from pyspark.sql.functions import udf\nudf_apply = udf(lambda x: x)\n", [], False),
    ("x = Filter.apply(frame=df, f=f)\n", [(1, "Filter")], True),
    ("x = (Filter  # split\n     .apply(frame=df))\n", [(1, "Filter")], True),
    ("x = Filter(df).count()\nf = df.apply(g)\n", [], True),  # Filter, but not Filter.apply
    ("frame = DynamicFrame.fromDF(df, ctx, 'n')\n", [(1, "DynamicFrame"), (1, "fromDF")], True),
    ("note = 'GlueContext in a string'  # and DynamicFrame in a comment\n", [], True),
    ("# g2l: review: still Glue\nctx = GlueContext(sc)\n", [], True),
    ("parts = g2l_helpers.split_rows(df, 'x')\n", [], True),
    # a Glue method name of the user's own: a variable named after a Studio node, an option, a parameter
    ("apply_mapping = df.select('a')\napply_mapping.show()\n", [], True),
    ("def read(table, select_fields=None):\n    return load(table, select_fields=select_fields)\n", [], True),
    ("x = frame.select_fields(['a'])\n", [(1, "select_fields")], True),
]


@pytest.mark.parametrize("code,expected,tokenized", CASES)
def test_residue_and_the_pre_check(code, expected, tokenized):
    assert glue_residue(code) == expected
    assert residue._may_hold_residue(code) is tokenized
    assert [use for _, uses in residue._token_residue(code, "g2l_helpers") for use in uses] == expected


def test_converted_corpus_gets_the_token_scan_answer():
    skipped = 0
    for path in sorted((ROOT / "tests" / "corpus" / "jobs").rglob("*.py")):
        result = convert_source(path.read_bytes(), path.name)
        assert result.code is not None, result.error
        token_answer = [use for _, uses in residue._token_residue(result.code, "g2l_helpers") for use in uses]
        assert glue_residue(result.code) == token_answer, path.name
        skipped += not residue._may_hold_residue(result.code)
    assert skipped > 10


def test_an_untokenizable_file_with_a_glue_name_is_still_reported():
    code, _ = decode_source(b"ctx = GlueContext(sc)\nx = (\n")
    assert glue_residue(code)[0][1].startswith("untokenizable")


MARK_CASES = [
    (
        "a statement in a block",
        "def load(ctx):\n    frame = ctx.create_dynamic_frame_from_rdd(rdd, 'x')\n    return frame\n",
        "def load(ctx):\n    # g2l: review: `create_dynamic_frame_from_rdd`: {NOTE}\n"
        "    frame = ctx.create_dynamic_frame_from_rdd(rdd, 'x')\n    return frame\n",
    ),
    (
        "a statement over lines, and one after it",
        "a = (frame\n     .spigot('s3://x'))\nb = frame.errorsCount()\n",
        "# g2l: review: `spigot`: {NOTE}\na = (frame\n     .spigot('s3://x'))\n"
        "# g2l: review: `errorsCount`: {NOTE}\nb = frame.errorsCount()\n",
    ),
    (
        "already marked",
        "# g2l: review: spigot writes samples\na = frame.spigot('s3://x')\n",
        "# g2l: review: spigot writes samples\na = frame.spigot('s3://x')\n",
    ),
    ("nothing left", "a = df.select('a')\n", "a = df.select('a')\n"),
]
NOTE = "Glue API that no g2l rule converts in this form; rewrite it for Databricks by hand"


@pytest.mark.parametrize("name, before, after", MARK_CASES, ids=[c[0] for c in MARK_CASES])
def test_uses_no_rule_converted_get_a_review_note(name, before, after):
    code, notes = residue.mark_unconverted(before)
    assert code == after.replace("{NOTE}", NOTE)
    assert glue_residue(code) == []
    assert [line for line, _ in notes] == [n for n, text in enumerate(code.splitlines(), 1) if NOTE in text]


def test_a_conversion_flags_what_no_rule_converted():
    """The residue left by the rules is flagged in the file and in the decisions: the file is published with
    its review notes instead of being held back whole, or published with Glue calls that fail at run time."""
    source = ("from awsglue.context import GlueContext\nfrom pyspark.context import SparkContext\n"
              "glueContext = GlueContext(SparkContext.getOrCreate())\n"
              "frame = glueContext.create_dynamic_frame.from_catalog(database='d', table_name='t')\n"
              "sinks[0].writeFrame(frame)\n")  # a sink out of a list: no rule knows what it writes to
    result = convert_source(source, "job.py")
    assert glue_residue(result.code) == []
    assert f"# g2l: review: `writeFrame`: {NOTE}\nsinks[0].writeFrame(frame)" in result.code
    assert [(d.api, d.action, d.rule) for d in result.decisions if d.rule == "Unconverted"] == [
        ("writeFrame", "flagged", "Unconverted")]
    [decision] = [d for d in result.decisions if d.rule == "Unconverted"]
    note_line = result.code.splitlines().index(f"# g2l: review: `writeFrame`: {NOTE}") + 1
    assert decision.line == note_line and decision.message.endswith(f"on line {note_line} of the converted file")
