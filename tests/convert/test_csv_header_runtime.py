"""CSV reads without a header line, converted and run on a real Spark Connect session: the columns are named
col0, col1, ... as Glue names them (Spark would say _c0), and skipFirst skips the first line."""

from __future__ import annotations

import importlib
import sys

import pytest

from g2l_core.convert import ConvertOptions, convert_source, helper_module_source


@pytest.fixture(scope="module")
def helpers_on_path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("converted")
    (folder / "g2l_helpers.py").write_text(helper_module_source(ConvertOptions()))
    sys.path.insert(0, str(folder))
    importlib.invalidate_caches()
    yield folder
    sys.path.remove(str(folder))
    sys.modules.pop("g2l_helpers", None)


def test_headerless_csv_columns_and_skip_first(spark, helpers_on_path, tmp_path):
    plain, skipped = tmp_path / "plain", tmp_path / "skipped"
    plain.mkdir()
    skipped.mkdir()
    (plain / "part.csv").write_text("a,1\nb,2\n")
    (skipped / "part.csv").write_text("exported 2024-01-01|x\nc|3\n")
    glue = f'''
def run(glueContext):
    plain = glueContext.create_dynamic_frame.from_options(
        connection_type="s3", connection_options={{"paths": ["{plain}"]}}, format="csv")
    skipped = glueContext.create_dynamic_frame.from_options(
        connection_type="s3", connection_options={{"paths": ["{skipped}"]}}, format="csv",
        format_options={{"separator": "|", "skipFirst": True}})
    return plain, skipped
'''
    result = convert_source("from awsglue.context import GlueContext\n" + glue, "job.py", ConvertOptions())
    namespace: dict = {}
    exec(compile(result.code, "converted_job.py", "exec"), namespace)
    plain_df, skipped_df = namespace["run"](spark)
    assert plain_df.columns == ["col0", "col1"]
    assert sorted(tuple(r) for r in plain_df.collect()) == [("a", "1"), ("b", "2")]
    assert skipped_df.columns == ["col0", "col1"] and [tuple(r) for r in skipped_df.collect()] == [("c", "3")]
