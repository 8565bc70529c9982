"""A Glue interactive-session notebook saved as a ``.py`` script keeps its magics (``%glue_version 5.0``,
``%connections x``, ``!pip ...``) as lines that are not Python. Such files were unparseable in every stage;
they are read as the module their Python makes, and the magics are written as what they become."""

import textwrap

import pytest

from g2l_core.convert import convert_source, glue_residue
from g2l_core.extract.parse_files import extract_file
from g2l_core.notebook import script_of

SAVED = textwrap.dedent('''\
    %idle_timeout 60
    %glue_version 4.0
    %worker_type G.2X
    %number_of_workers 4
    %connections "warehouse_pg"
    !pip list

    import sys
    from awsglue.context import GlueContext
    from pyspark.context import SparkContext

    glueContext = GlueContext(SparkContext.getOrCreate())
    note = """
    %not a magic: text of a string
    """
    orders = glueContext.create_dynamic_frame.from_catalog(database="shop", table_name="orders")
    orders.toDF().show()
''')


@pytest.mark.parametrize("text, is_script", [
    (SAVED, True),
    ("x = (10\n% 3)\n", False),  # a continued expression: Python as it is
    ("import sys\nprint(sys.argv)\n", False),
    ("%not_python\n(\n", True),  # still invalid after: the converter's parser names the line
])
def test_which_files_are_saved_notebooks(text, is_script):
    assert (script_of(text) is not None) is is_script
    assert (script_of(text.encode()) is not None) is is_script


def test_a_saved_notebook_converts_with_its_magics_as_comments_and_notes():
    result = convert_source(SAVED.encode(), "jobs/explore.py")
    assert result.error is None
    code = result.code
    compile(code, "explore.py", "exec")
    assert code.startswith(
        "# g2l: Glue session setting, set on the Databricks compute (see the conversion report): %idle_timeout 60\n")
    assert ("# g2l: review: Glue session setting: credentials of Glue connections come from the secret scope "
            '(g2l_helpers.connection_secret): %connections "warehouse_pg"') in code
    assert "# g2l: review: shell command, not run on Databricks (use a %sh cell): !pip list" in code
    assert '%not a magic: text of a string\n"""' in code  # a string's text is not a magic
    assert 'orders = spark.read.table("main.shop.orders")' in code and glue_residue(code) == []
    assert result.session["compute"]["new_cluster"]["num_workers"] == 3  # Glue counts the driver among its workers
    assert {d.api for d in result.decisions} >= {"%glue_version", "%connections", "shell command"}


def test_the_inventory_reads_a_saved_notebook():
    rows = extract_file("p", "glue", "jobs/explore.py", SAVED.encode())
    assert not [r for r in rows if r.get("parse_error")]
    assert any(r["entity_type"] == "job" for r in rows)
