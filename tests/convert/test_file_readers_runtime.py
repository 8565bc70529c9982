"""File reads whose Spark equivalent differs from Glue's, converted and run on a real Spark Connect session:
CSV without a header line (columns col0, col1, ... as Glue names them; Spark would say _c0; skipFirst skips
the first line) and grokLog (each line parsed with the grok pattern)."""

from __future__ import annotations



from g2l_core.convert import ConvertOptions, convert_source


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


def test_grok_log_reader_parses_apache_lines(spark, helpers_on_path, tmp_path):
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "access.log").write_text(
        '10.0.0.7 - frank [10/Oct/2023:13:55:36 -0700] "GET /index.html HTTP/1.1" 200 2326\n'
        'web-1.internal - - [10/Oct/2023:13:56:01 -0700] "POST /api/v1/orders HTTP/1.1" 500 -\n'
        "not a log line\n")
    glue = f'''
def run(glueContext):
    return glueContext.create_dynamic_frame.from_options(
        connection_type="s3", connection_options={{"paths": ["{logs}"]}}, format="grokLog",
        format_options={{"logFormat": "%{{COMMONAPACHELOG}}"}})


def typed(glueContext):
    return glueContext.create_dynamic_frame.from_options(
        connection_type="s3", connection_options={{"paths": ["{logs}"]}}, format="grokLog",
        format_options={{"logFormat": "%{{IPORHOST:host}} %{{GREEDYDATA}} %{{INT:status:int}} %{{NOTSPACE:size}}",
                        "StrictMode": True}})
'''
    result = convert_source("from awsglue.context import GlueContext\n" + glue, "job.py", ConvertOptions())
    assert "create_dynamic_frame" not in result.code
    namespace: dict = {}
    exec(compile(result.code, "converted_job.py", "exec"), namespace)
    rows = namespace["run"](spark).select("clientip", "auth", "verb", "request", "response", "bytes").collect()
    assert sorted((tuple(r) for r in rows), key=str) == sorted([
        ("10.0.0.7", "frank", "GET", "/index.html", "200", "2326"),
        ("web-1.internal", None, "POST", "/api/v1/orders", "500", None),
        (None, None, None, None, None, None),
    ], key=str)
    typed = namespace["typed"](spark)
    assert sorted((r["host"], r["status"], r["size"]) for r in typed.collect()) == [
        ("10.0.0.7", 200, "2326"), ("web-1.internal", 500, None)]
