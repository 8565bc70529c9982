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
]


@pytest.mark.parametrize("code,expected,tokenized", CASES)
def test_residue_and_the_pre_check(code, expected, tokenized):
    assert glue_residue(code) == expected
    assert residue._may_hold_residue(code) is tokenized
    assert residue._token_residue(code, "g2l_helpers") == expected


def test_converted_corpus_gets_the_token_scan_answer():
    skipped = 0
    for path in sorted((ROOT / "tests" / "corpus" / "jobs").rglob("*.py")):
        result = convert_source(path.read_bytes(), path.name)
        assert result.code is not None, result.error
        assert glue_residue(result.code) == residue._token_residue(result.code, "g2l_helpers"), path.name
        skipped += not residue._may_hold_residue(result.code)
    assert skipped > 10


def test_an_untokenizable_file_with_a_glue_name_is_still_reported():
    code, _ = decode_source(b"ctx = GlueContext(sc)\nx = (\n")
    assert glue_residue(code)[0][1].startswith("untokenizable")
