"""The one Glue API table: extraction keys, residue tokens and the converter's rules all come from it."""

from __future__ import annotations

import pytest

from g2l_core import glue_api
from g2l_core.convert import glue_residue
from g2l_core.convert.registry import all_rules, rule_index
from g2l_core.convert.rules import matcher_names

# Glue call names the rule table does not handle yet (each stays residue in converted code, so it is seen).
NOT_CONVERTED = {"getStreamingSource", "write_from_catalog", "GlueTransform"}
NOT_CONVERTED_TRANSFORMS: set[str] = set()


@pytest.mark.parametrize(("dotted", "n_args", "key"), [
    ("glueContext.create_dynamic_frame.from_catalog", 2, "create_dynamic_frame.from_catalog"),
    ("ApplyMapping.apply", 1, "ApplyMapping.apply"),
    ("DropDuplicates.apply", 1, "DropDuplicates.apply"),
    ("dyf.toDF", 0, "DynamicFrame.toDF"),
    ("df.toDF", 2, None),  # PySpark's renaming toDF
    ("source.getFrame", 0, "DataSource.getFrame"),
    ("sink.setFormat", 1, "DataSink.setFormat"),
    ("handle.write", 1, None),  # file objects write too
    ("df.filter", 1, None),  # PySpark's filter
    ("DynamicFrame", 2, "DynamicFrame"),
    ("glueContext.write_from_jdbc_conf", 3, "write_from_jdbc_conf"),
    ("g2l_helpers.flatten_to_tables", 1, None),  # converted code calls g2l's helper module
    ("g2l_helpers.resolveChoice", 1, None),
])
def test_extraction_keys(dotted, n_args, key):
    assert glue_api.glue_api_key(dotted, n_args) == key


def test_residue_tokens_are_the_uncommon_names():
    code = ("df = glueContext.create_data_frame_from_catalog('db', 't')\n"
            "x = Filter.apply(frame=df, f=lambda r: r)\n"
            "rows = df.filter(df.a > 1)\n"
            "log = glueContext.get_logger()\n")
    assert glue_residue(code) == [(1, "create_data_frame_from_catalog"), (2, "Filter")]


def test_every_glue_call_name_has_a_rule():
    keys = rule_index().call_keys
    call_kinds = (glue_api.CLASS, glue_api.FUNCTION, glue_api.NAMESPACE_METHOD, glue_api.CONTEXT_METHOD,
                  glue_api.FRAME_METHOD, glue_api.SINK_METHOD, glue_api.SOURCE_METHOD)
    missing = {e.name for e in glue_api.TABLE if e.kind in call_kinds and not e.shared} - keys
    assert missing == NOT_CONVERTED
    named = frozenset().union(*(matcher_names(rule.MATCHER) for rule in all_rules()))
    assert glue_api.TRANSFORMS - named == NOT_CONVERTED_TRANSFORMS


def test_helper_functions_are_named_apart_from_glue():
    """A converted call ``g2l_helpers.x(df)`` must not read as Glue's ``x`` to anyone scanning the output."""
    import ast
    from importlib import resources

    text = resources.files("g2l_core.convert.helpers").joinpath("g2l_helpers.py").read_text(encoding="utf-8")
    public = {n.name for n in ast.parse(text).body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")}
    assert public & {e.name for e in glue_api.TABLE} == set()
