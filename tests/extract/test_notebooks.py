"""A Glue notebook is a module entity of the inventory: its code cells parsed as one module, magics ignored."""

from __future__ import annotations

import json

import pytest

from g2l_core.config import CODE, OTHER, GlueSource
from g2l_core.extract.parse_files import extract_file


def notebook(*sources: str, cell_type: str = "code") -> bytes:
    cells = [{"cell_type": cell_type if i else "markdown", "metadata": {}, "source": s.splitlines(keepends=True),
              **({"outputs": [], "execution_count": None} if i else {})} for i, s in enumerate(sources)]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}).encode()


ORDERS = notebook(
    "# Orders\nclass Unused: not code, this is markdown",
    "%glue_version 4.0\n%worker_type G.1X\nfrom awsglue.context import GlueContext\nfrom pyspark.context import "
    "SparkContext\nglueContext = GlueContext(SparkContext.getOrCreate())",
    "%%sql\nSELECT * FROM sales.orders",
    "def clean(frame):\n    return frame.drop_fields(['tmp'])\n\n\nclass Loader:\n    def load(self):\n"
    "        return glueContext.create_dynamic_frame.from_catalog(database='sales', table_name='orders')",
    "clean(Loader().load()).toDF().show()",
)


def test_a_notebook_is_a_module_with_the_entities_and_glue_use_of_its_code_cells():
    rows = extract_file("demo", "glue", "jobs/orders.ipynb", ORDERS)
    entities = {(r["entity_type"], r["full_path"]) for r in rows}
    assert {("function", "jobs.orders.clean"), ("class", "jobs.orders.Loader"),
            ("method", "jobs.orders.Loader.load")} <= entities
    [module] = [r for r in rows if r["entity_type"] in ("module", "job")]
    assert module["parse_error"] is None and module["uses_glue_context"]
    assert json.loads(module["glue_api_calls"])["create_dynamic_frame.from_catalog"] == 1
    assert not any(r["name"] == "Unused" for r in rows)  # markdown is not code
    [table] = [r for r in rows if r["entity_type"] == "table"]
    assert (table["full_path"], table["referenced_by"]) == ("sales.orders", ["jobs.orders"])


@pytest.mark.parametrize("data", [b'{"cells": [', b'{"cells": [], "nbformat": 3}'])
def test_a_malformed_notebook_is_one_module_row_with_its_error(data):
    [row] = extract_file("demo", "glue", "jobs/broken.ipynb", data)
    assert row["entity_type"] == "module" and row["full_path"] == "jobs.broken"
    assert row["parse_error"].startswith("line 1: jobs/broken.ipynb: not a valid notebook")


@pytest.mark.parametrize("path,role", [
    ("jobs/orders.ipynb", CODE), ("jobs/orders.py", CODE), ("jobs/.ipynb_checkpoints/orders-checkpoint.ipynb", OTHER),
    ("docs/explore.ipynb", OTHER), ("jobs/orders.json", OTHER),
])
def test_notebooks_inside_paths_are_code(path, role):
    assert GlueSource(url="x", paths=("jobs/",)).role(path) == role
