"""Glue notebooks (.ipynb) converted as one module and written back cell by cell: before -> after on the
notebook JSON itself."""

import json

import pytest

from g2l_core.convert import ConvertOptions, convert_source
from g2l_core.convert.cli import main as convert_main
from g2l_core.convert.residue import glue_residue
from g2l_core.notebook import python_of, split_script

GLUE_KERNEL = {"kernelspec": {"display_name": "Glue PySpark", "language": "python", "name": "glue_pyspark"},
               "language_info": {"name": "Python_Glue_Session", "mimetype": "text/x-python"}}
BANNER = [{"name": "stdout", "output_type": "stream", "text": ["Welcome to the Glue Interactive Sessions Kernel\n"]}]
SETUP = ("import sys\nfrom awsglue.utils import getResolvedOptions\nfrom pyspark.context import SparkContext\n"
         "from awsglue.context import GlueContext\nfrom awsglue.job import Job\n\n"
         "sc = SparkContext.getOrCreate()\nglueContext = GlueContext(sc)\nspark = glueContext.spark_session\n"
         "job = Job(glueContext)")


def code(source: str, outputs=None) -> dict:
    return {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": outputs or [],
            "source": source.splitlines(keepends=True)}


def markdown(source: str) -> dict:
    return {"cell_type": "markdown", "metadata": {"tags": ["intro"]}, "source": source.splitlines(keepends=True)}


def notebook(*cells, metadata=None) -> str:
    doc = {"cells": list(cells), "metadata": GLUE_KERNEL if metadata is None else metadata,
           "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(doc, indent=1) + "\n"


def sources(text: str) -> list[str]:
    return ["".join(c["source"]) for c in json.loads(text)["cells"]]


SESSION_NOTE = "# g2l: Glue session setting, set on the Databricks compute (see the conversion report): "
CASES = [
    pytest.param(  # GlueContext built in cell 1, used in cell 3: one module, so the read converts
        [SETUP, "# the raw orders", 'orders = glueContext.create_dynamic_frame.from_catalog(database="sales", '
                                    'table_name="orders")\norders.toDF().show()'],
        ["import sys\nfrom pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\n"
         "# As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.\n"
         'spark.conf.set("spark.sql.ansi.enabled", "false")',
         "# the raw orders",
         'orders = spark.read.table("main.sales.orders")\norders.show()'],
        id="bindings-cross-cells"),
    pytest.param(
        ["%glue_version 4.0\n%worker_type G.2X\n%number_of_workers 3\n%idle_timeout 60\n%session_id_prefix orders-\n"
         + SETUP, "job.commit()"],
        [SESSION_NOTE + "%glue_version 4.0\n" + SESSION_NOTE + "%worker_type G.2X\n" + SESSION_NOTE
         + "%number_of_workers 3\n" + SESSION_NOTE + "%idle_timeout 60\n" + SESSION_NOTE + "%session_id_prefix orders-\n"
         "import sys\nfrom pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\n"
         "# As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.\n"
         'spark.conf.set("spark.sql.ansi.enabled", "false")',
         ""],
        id="session-settings-become-comments"),
    pytest.param(
        ["%additional_python_modules pyarrow==14.0.1\n%extra_py_files s3://acme/libs/common.zip\n"
         "%connections orders-db\n%frobnicate now\n!aws s3 ls\n%pip install requests\n%stop_session\nx = 1"],
        ["# g2l: review: Glue session setting: install these libraries on the cluster (job libraries, or %pip "
         "install): %additional_python_modules pyarrow==14.0.1\n"
         "# g2l: review: Glue session setting: attach these files to the cluster as libraries or workspace files: "
         "%extra_py_files s3://acme/libs/common.zip\n"
         "# g2l: review: Glue session setting: credentials of Glue connections come from the secret scope "
         "(g2l_helpers.connection_secret): %connections orders-db\n"
         "# g2l: review: notebook magic g2l does not know, not run on Databricks: %frobnicate now\n"
         "# g2l: review: shell command, not run on Databricks (use a %sh cell): !aws s3 ls\n"
         "%pip install requests\n"
         "# g2l: Glue session command, not needed on Databricks: %stop_session\nx = 1"],
        id="review-notes-unknown-magics-flagged"),
    pytest.param(
        [SETUP, "%%sql\nSELECT region, count(*) FROM sales.orders GROUP BY region",
         '%%configure\n{"--conf": "spark.sql.shuffle.partitions=8", "--enable-glue-datacatalog": "true"}',
         "%%local\nprint(1)", "%md\nAlready a Databricks cell"],
        ["import sys\nfrom pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\n"
         "# As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.\n"
         'spark.conf.set("spark.sql.ansi.enabled", "false")',
         "%sql\nSELECT region, count(*) FROM main.sales.orders GROUP BY region",
         "# g2l: Glue session settings, set on the Databricks compute (see the conversion report):\n# %%configure\n"
         '# {"--conf": "spark.sql.shuffle.partitions=8", "--enable-glue-datacatalog": "true"}',
         "# g2l: review: cell magic g2l does not know, not run on Databricks:\n# %%local\n# print(1)",
         "%md\nAlready a Databricks cell"],
        id="cell-magics"),
    pytest.param(  # a rule's import lands in the code, not in the %%configure cell before it
        ['%%configure\n{"--enable-glue-datacatalog": "true"}',
         "from awsglue.context import GlueContext\nfrom pyspark.context import SparkContext\n"
         "glueContext = GlueContext(SparkContext.getOrCreate())",
         'df = glueContext.create_dynamic_frame.from_options("s3", {"paths": ["s3://b/in/"]}, "parquet")'],
        ["# g2l: Glue session settings, set on the Databricks compute (see the conversion report):\n# %%configure\n"
         '# {"--enable-glue-datacatalog": "true"}',
         "from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\n"
         "# As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.\n"
         'spark.conf.set("spark.sql.ansi.enabled", "false")',
         'df = spark.read.format("parquet").load("s3://b/in/")'],
        id="configure-first"),
]


@pytest.mark.parametrize("before,after", CASES)
def test_notebook_before_after(before, after):
    source = notebook(markdown("# Orders\nExplored in a Glue session."), *[code(c, BANNER) for c in before])
    result = convert_source(source, "jobs/orders.ipynb")
    assert result.error is None and result.changed
    doc = json.loads(result.code)
    assert sources(result.code) == ["# Orders\nExplored in a Glue session.", *after]
    assert doc["cells"][0] == json.loads(source)["cells"][0]  # markdown untouched, metadata included
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in doc["cells"][1:])
    assert doc["metadata"]["kernelspec"]["name"] == "python3" and doc["nbformat"] == 4
    assert result.code.startswith('{\n "cells": [\n  {\n') and result.code.endswith("}\n")  # laid out as before
    assert glue_residue(python_of("jobs/orders.ipynb", result.code)) == []


def test_session_settings_are_reported_with_the_cluster_they_size():
    source = notebook(code('%glue_version 4.0\n%worker_type G.2X\n%number_of_workers 3\nx = 1'),
                      code('%%configure\n{"--conf": "spark.sql.shuffle.partitions=8"}'))
    result = convert_source(source, "orders.ipynb")
    assert result.session["settings"]["worker_type"] == "G.2X"
    assert result.session["compute"]["new_cluster"] == {
        "spark_version": "13.3.x-scala2.12", "node_type_id": "m5d.2xlarge", "num_workers": 2,
        "spark_conf": {"spark.sql.shuffle.partitions": "8"}}
    magic = {d.api: (d.action, d.line) for d in result.decisions if d.rule == "NotebookMagic"}
    assert magic == {"%glue_version": ("converted", 2), "%worker_type": ("converted", 3),
                     "%number_of_workers": ("converted", 4), "%%configure": ("converted", 6),
                     "Glue session": ("converted", 2)}
    [cluster] = [d.message for d in result.decisions if d.api == "Glue session"]
    assert cluster.startswith('on Databricks, a job cluster like this session: {"spark_version": "13.3.x-scala2.12", '
                              '"node_type_id": "m5d.2xlarge", "num_workers": 2')


def test_a_notebook_with_nothing_to_convert_is_returned_byte_for_byte():
    source = notebook(markdown("# notes"), code("df = spark.range(3)\ndf.show()", BANNER),
                      metadata={"kernelspec": {"name": "python3", "language": "python"}})
    result = convert_source(source.encode(), "explore.ipynb")
    assert (result.code, result.changed, result.decisions) == (source, False, [])


def test_string_sources_stay_strings_and_compact_json_stays_compact():
    doc = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                      "source": "from awsglue.job import Job\njob = Job(glueContext)\nx = 1"}],
           "metadata": {}, "nbformat": 4, "nbformat_minor": 2}
    result = convert_source(json.dumps(doc), "compact.ipynb")
    out = json.loads(result.code)
    assert "\n" not in result.code
    assert out["cells"][0]["source"] == "x = 1"


@pytest.mark.parametrize("text,reason", [
    ('{"cells": [', "not JSON"),
    ('{"nbformat": 4}', "no list of cells"),
    ('{"cells": [], "nbformat": 3}', "nbformat 3"),
    ('{"cells": [{"cell_type": "code"}], "nbformat": 4}', "cell 1 has no cell_type or source"),
    ('{"cells": [], "nbformat": 4, "metadata": {"kernelspec": {"name": "glue_spark", "language": "scala"}}}',
     "not a Python notebook"),
])
def test_a_malformed_notebook_is_an_error_naming_the_file(text, reason):
    result = convert_source(text, "jobs/broken.ipynb")
    assert result.code is None and result.error.startswith("jobs/broken.ipynb: ") and reason in result.error


def test_invalid_python_in_a_cell_is_that_notebooks_error():
    result = convert_source(notebook(code("x = 1"), code("def broken(:\n    pass")), "bad.ipynb")
    assert result.code is None and result.error.startswith("bad.ipynb:") and "not valid Python" in result.error


def test_g2l_convert_writes_notebooks_reports_them_and_goes_on_past_a_broken_one(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    (src / "jobs" / ".ipynb_checkpoints").mkdir(parents=True)
    (src / "jobs" / "orders.ipynb").write_text(notebook(code("%worker_type G.1X\n%number_of_workers 5\n" + SETUP),
                                                        code("%stop_session")))
    (src / "jobs" / ".ipynb_checkpoints" / "orders-checkpoint.ipynb").write_text("{}")
    (src / "jobs" / "broken.ipynb").write_text('{"cells": [')
    (src / "jobs" / "daily.py").write_text("from awsglue.job import Job\njob = Job(glueContext)\nx = 1\n")
    assert convert_main(["convert", str(src), str(out)]) == 1
    report = json.loads((out / "g2l_report.json").read_text())
    by_file = {f["file"]: f for f in report["files"]}
    assert set(by_file) == {"jobs/orders.ipynb", "jobs/broken.ipynb", "jobs/daily.py"}
    assert by_file["jobs/broken.ipynb"]["status"] == "skipped"
    assert "jobs/broken.ipynb: not a valid notebook" in by_file["jobs/broken.ipynb"]["error"]
    orders = by_file["jobs/orders.ipynb"]
    assert orders["status"] == "converted" and orders["residue"] == []
    assert orders["session"]["compute"]["new_cluster"]["num_workers"] == 4
    written = json.loads((out / "jobs/orders.ipynb").read_text())
    assert written["nbformat"] == 4 and "%worker_type G.1X" in "".join(written["cells"][0]["source"])
    assert (out / "jobs/daily.py").read_text() == "x = 1\n"
    assert not (out / "jobs/broken.ipynb").exists()


@pytest.mark.parametrize("script,cells", [
    ("# g2l-notebook-cell 1\na = 1\n# g2l-notebook-cell 3\nb = 2\n", {1: "a = 1\n", 3: "b = 2\n"}),
    ("import g2l_helpers\n# g2l-notebook-cell 2\nx = 1\n", {2: "import g2l_helpers\nx = 1\n"}),  # top of module
    ("# g2l-notebook-cell 1\n# g2l-notebook-cell 2\n", {1: "", 2: ""}),
    ("# g2l-notebook-cell 1\n  # g2l-notebook-cell 2\n", {1: "  # g2l-notebook-cell 2\n"}),  # only a bare marker
])
def test_a_converted_script_splits_back_at_its_cell_markers(script, cells):
    assert split_script(script) == cells


def test_a_percent_line_inside_a_multi_line_string_is_text_not_a_magic():
    cell = 'query = """\nSELECT * FROM t WHERE code LIKE\n%(pattern)s\n"""\n%stop_session\nrows = spark.sql(query % {"pattern": "x"})'
    result = convert_source(notebook(code(cell)), "q.ipynb")
    assert sources(result.code) == [cell.replace("%stop_session", "# g2l: Glue session command, not needed on "
                                                                  "Databricks: %stop_session")]


def test_sql_cells_name_the_unity_catalog_tables():
    source = notebook(code(SETUP),
                      code("%%sql\n-- regions with orders\nSELECT region FROM Sales.Orders o\nJOIN picked p ON o.id = p.id"),
                      code("%%sql\nMSCK REPAIR TABLE sales.orders"), code("%%sql\nSHOW TABLES"))
    result = convert_source(source, "orders.ipynb", ConvertOptions(schema_map={"sales": "sales_uc"}))
    assert sources(result.code)[1:] == [
        "%sql\n-- regions with orders\nSELECT region FROM main.sales_uc.orders o\nJOIN picked p ON o.id = p.id",
        "%sql\n-- g2l: review: g2l could not read this SQL; it names Glue database sales -> main.sales_uc: on "
        "Databricks a two-part name resolves in the current catalog, so name the Unity Catalog table in full\n"
        "MSCK REPAIR TABLE sales.orders",
        "%sql\nSHOW TABLES"]
    sql = [(d.line, d.action, d.message.split(":")[0]) for d in result.decisions if d.api == "%%sql"]
    assert sql == [(12, "converted", "Databricks %sql cell; two-level names qualified as main.sales_uc.orders"),
                   (13, "flagged", "g2l could not read this SQL; it names Glue database sales -> main.sales_uc"),
                   (14, "converted", "Databricks %sql cell; no two-level table name to qualify")]
