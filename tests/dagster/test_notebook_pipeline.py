"""A Glue repository holding an interactive-session notebook, run through every stage on real git remotes:
the notebook is inventoried, converted as one module, published to the sync branch as a notebook, and
validated; a malformed notebook is that file's failure, not the run's."""

import json

import dagster as dg
import polars as pl

from g2l_core import gitrepo
from g2l_core.stages.conversion import meaningful
from g2l_dagster.definitions import build_definitions
from tests.conftest import git

CELLS = [
    "%glue_version 4.0\n%worker_type G.1X\n%number_of_workers 5\n\nimport sys\nfrom pyspark.context import SparkContext\n"
    "from awsglue.context import GlueContext\nfrom awsglue.job import Job\n\nsc = SparkContext.getOrCreate()\n"
    "glueContext = GlueContext(sc)\njob = Job(glueContext)",
    "%%sql\nSELECT count(*) FROM sales.orders",
    "orders = glueContext.create_dynamic_frame.from_catalog(database='sales', table_name='orders')\n"
    "orders.toDF().groupBy('region').count().show()",
    "job.commit()\n%stop_session",
]
DDL = "CREATE EXTERNAL TABLE sales.orders (id string, region string) STORED AS PARQUET LOCATION 's3://acme/orders/';\n"


def notebook(cells) -> str:
    doc = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Orders by region"]}]
           + [{"cell_type": "code", "execution_count": 2, "metadata": {}, "source": c.splitlines(keepends=True),
               "outputs": [{"name": "stdout", "output_type": "stream", "text": ["Glue session started\n"]}]}
              for c in cells],
           "metadata": {"kernelspec": {"display_name": "Glue PySpark", "language": "python", "name": "glue_pyspark"}},
           "nbformat": 4, "nbformat_minor": 4}
    return json.dumps(doc, indent=1) + "\n"


def seed(root):
    glue = root / "seed" / "glue"
    (glue / "jobs").mkdir(parents=True)
    (glue / "ddl").mkdir()
    (glue / "jobs" / "orders.ipynb").write_text(notebook(CELLS))
    (glue / "jobs" / "broken.ipynb").write_text('{"cells": [')
    (glue / "jobs" / "daily.py").write_text("from awsglue.job import Job\njob = Job(glueContext)\nrows = 1\n")
    (glue / "ddl" / "sales.sql").write_text(DDL)
    target = root / "seed" / "databricks"
    target.mkdir()
    (target / "README.md").write_text("Databricks side\n")
    registry = root / "projects.yaml"
    registry.write_text(f"""projects:
  - name: nb
    glue: {{url: {root}/remotes/glue.git, seed: {glue}, paths: [jobs/], ddl_paths: [ddl/]}}
    target: {{url: {root}/remotes/databricks.git, seed: {target}}}
""")
    return registry


def stage(home, asset):
    return pl.read_delta(str(home / "stages" / asset)).filter(pl.col("project") == "nb")


def test_a_glue_repo_with_a_notebook_runs_through_the_stages(tmp_path):
    registry, home = seed(tmp_path), tmp_path / "home"
    defs = build_definitions(home, projects_file=str(registry))
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("glue_project", ["nb"])
        result = dg.materialize(list(defs.assets), partition_key="nb", instance=instance, resources=defs.resources,
                                raise_on_error=False)
    # As for any Glue file that does not convert, the broken notebook fails validation's blocking check (so
    # migration_progress waits for the run after the failure); every stage ran and materialized.
    materialized = {e.asset_key.path[-1] for e in result.get_asset_materialization_events()}
    assert materialized >= {"glue_repo", "source_entities", "converted_code", "conversion_decisions", "uc_ddl",
                            "validation_results", "schema_drift", "sync_history", "databricks_jobs"}
    [failed] = [e for e in result.all_events if e.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION
                and not e.event_specific_data.passed]
    assert "jobs/broken.ipynb" in failed.event_specific_data.description
    assert "orders.ipynb" not in failed.event_specific_data.description

    roles = dict(stage(home, "glue_repo").filter(pl.col("repo") == "glue").select("path", "role").iter_rows())
    assert roles["jobs/orders.ipynb"] == roles["jobs/broken.ipynb"] == "code"
    entities = stage(home, "source_entities").filter(pl.col("source_type") == "glue")
    [orders] = entities.filter(pl.col("file_path") == "jobs/orders.ipynb").filter(
        pl.col("entity_type").is_in(["module", "job"])).iter_rows(named=True)
    assert orders["parse_error"] is None and orders["uses_glue_context"]
    [broken] = entities.filter(pl.col("file_path") == "jobs/broken.ipynb").iter_rows(named=True)
    assert "jobs/broken.ipynb: not a valid notebook" in broken["parse_error"]

    code = {r["source_path"]: r for r in stage(home, "converted_code").iter_rows(named=True)}
    assert code["jobs/broken.ipynb"]["status"] == "failed"
    assert "jobs/broken.ipynb: not a valid notebook" in code["jobs/broken.ipynb"]["error"]
    assert code["jobs/orders.ipynb"]["status"] == "converted" and code["jobs/orders.ipynb"]["residue"] == 0
    assert code["jobs/daily.py"]["status"] == "converted"
    decisions = stage(home, "conversion_decisions").filter(pl.col("file") == "jobs/orders.ipynb")
    assert {"%worker_type", "%%sql", "GlueContext.create_dynamic_frame.from_catalog"} <= set(decisions["api"])
    [cluster] = decisions.filter(pl.col("api") == "Glue session")["message"]
    assert '"node_type_id": "m5d.xlarge", "num_workers": 4' in cluster
    # automation % is over the notebook's logic; its session plumbing is counted apart, as SparkContext is
    assert {d["api"] for d in meaningful(decisions.to_dicts())} == {
        "%%sql", "GlueContext.create_dynamic_frame.from_catalog"}

    remote = tmp_path / "remotes" / "databricks.git"
    sync_head = gitrepo.remote_head(str(remote), "g2l/sync")
    published = json.loads(git(remote, "show", f"{sync_head}:jobs/orders.ipynb"))
    cells = ["".join(c["source"]) for c in published["cells"]]
    assert cells[0] == "# Orders by region"
    assert cells[2] == "%sql\nSELECT count(*) FROM main.sales.orders"  # the Glue table by its Unity Catalog name
    assert cells[3].startswith('orders = spark.read.table("main.sales.orders")')
    assert all(c["outputs"] == [] for c in published["cells"][1:])
    assert "broken.ipynb" not in git(remote, "ls-tree", "-r", "--name-only", sync_head)
    manifest = json.loads(git(remote, "show", f"{sync_head}:.g2l/manifest.json"))
    assert "jobs/orders.ipynb" in json.dumps(manifest)

    checks = stage(home, "validation_results").filter(pl.col("source_path") == "jobs/orders.ipynb")
    passed = dict(checks.select("check", "passed").iter_rows())
    assert passed["parses"] and passed["no_glue_residue"] and passed["tables_defined"]
