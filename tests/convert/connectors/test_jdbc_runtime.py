"""A JDBC job converted by ``g2l convert`` and run against a real database: embedded Apache Derby, whose
jar ships with pyspark, on the faithful JVM Spark engine (``remote("local[2]")``). The credentials come
from environment variables named by the ``--secret-key-pattern`` given to the CLI, as converted jobs
read them off Databricks.

The engine runs in a child process: it owns its JVM and the Derby files, and the pysail session other
tests keep in this process (``SPARK_REMOTE``) cannot capture the job's ``getOrCreate()``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyspark
import pytest

from g2l_core.convert.cli import main

JOBS = Path(__file__).parent / "jobs"
DERBY_DRIVER = "org.apache.derby.jdbc.EmbeddedDriver"

pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="the faithful Spark engine needs java")

# Seeds the databases, runs the converted job as Glue would run it (`python job.py --JOB_NAME ...`), then
# prints every table of the spec as sorted rows.
RUNNER = """\
import json, runpy, sys
from pyspark.sql import SparkSession

spec = json.loads(sys.argv[1])
spark = SparkSession.builder.remote("local[2]").getOrCreate()
for table in spec["seed"]:
    (spark.createDataFrame([tuple(r) for r in table["rows"]], table["schema"]).write.format("jdbc")
     .option("url", table["url"]).option("driver", spec["driver"]).option("user", spec["user"])
     .option("password", spec["password"]).option("dbtable", table["name"]).mode("overwrite").save())
sys.argv = spec["argv"]
sys.path.insert(0, spec["folder"])
runpy.run_path(spec["job"], run_name="__main__")
out = {}
for url, name in spec["read"]:
    df = (spark.read.format("jdbc").option("url", url).option("driver", spec["driver"]).option("user", spec["user"])
          .option("password", spec["password"]).option("dbtable", name).load())
    out[name] = {"columns": df.columns, "rows": sorted([list(r) for r in df.collect()], key=str)}
print("RESULT " + json.dumps(out))
"""


def test_derby_jar_ships_with_pyspark():
    """The database under the runtime test is on the engine's classpath, not installed by the test."""
    assert list((Path(pyspark.__file__).parent / "jars").glob("derby-*.jar"))


def test_converted_jdbc_job_runs_against_derby(tmp_path):
    out = tmp_path / "out"
    assert main(["convert", str(JOBS / "orders_jdbc_rollup.py"), str(out), "--secret-scope", "etl",
                 "--secret-key-pattern", "jdbc.{connection}.{field}"]) == 0
    code = (out / "orders_jdbc_rollup.py").read_text()
    assert "awsglue" not in code and "glueContext" not in code
    assert 'spark.read.format("jdbc")' in code and 'write.format("jdbc")' in code
    assert '.option("truncate", "true")' in code  # the TRUNCATE preaction

    orders_db = f"jdbc:derby:{tmp_path / 'orders'};create=true"
    crm_db = f"jdbc:derby:{tmp_path / 'crm'};create=true"
    user, password = "etl", "s3cret"
    env = {k: v for k, v in os.environ.items() if k not in ("SPARK_REMOTE", "SPARK_CONNECT_MODE_ENABLED")}
    env.update({"JDBC_ORDERS_DB_URL": orders_db, "JDBC_ORDERS_DB_USER": user, "JDBC_ORDERS_DB_PASSWORD": password,
                "JDBC_LEGACY_CRM_URL": crm_db, "JDBC_LEGACY_CRM_USER": user, "JDBC_LEGACY_CRM_PASSWORD": password})
    spec = {
        "driver": DERBY_DRIVER, "user": user, "password": password, "folder": str(out),
        "job": str(out / "orders_jdbc_rollup.py"),
        "argv": ["orders_jdbc_rollup.py", "--JOB_NAME", "rollup", "--min_amount", "10"],
        "seed": [
            {"url": orders_db, "name": "orders", "schema": "id int, customer_id int, amount double",
             "rows": [[1, 1, 5.0], [2, 1, 20.0], [3, 2, 50.0], [4, 2, 12.5], [5, 3, 8.0]]},
            # created as plain SQL would create it: the job's query names its columns unquoted
            {"url": orders_db, "name": "accounts", "schema": "CUSTOMER_ID int, CURRENCY string, ACTIVE int",
             "rows": [[1, "EUR", 1], [2, "USD", 0]]},
            {"url": crm_db, "name": "customers", "schema": "customer_id int, name string",
             "rows": [[1, "Ada"], [2, "Grace"], [3, "Edsger"]]},
            # yesterday's totals (the job empties the table first) and the big-order log so far (kept)
            {"url": orders_db, "name": "customer_totals",
             "schema": "customer_id int, name string, currency string, total double, orders bigint",
             "rows": [[9, "Stale", "GBP", 1.0, 1]]},
            {"url": orders_db, "name": "big_orders", "schema": "order_id bigint, customer_id int, amount double",
             "rows": [[1000, 9, 99.0]]},
        ],
        "read": [[orders_db, "customer_totals"], [orders_db, "big_orders"]],
    }
    proc = subprocess.run([sys.executable, "-c", RUNNER, json.dumps(spec)], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[proc.stderr.rfind("Traceback"):][:6000]
    result = json.loads(proc.stdout.split("RESULT ", 1)[1])
    assert result["customer_totals"] == {
        "columns": ["customer_id", "name", "currency", "total", "orders"],
        "rows": [[1, "Ada", "EUR", 20.0, 1], [2, "Grace", None, 62.5, 2]]}
    assert result["big_orders"] == {
        "columns": ["order_id", "customer_id", "amount"],
        "rows": [[1000, 9, 99.0], [2, 1, 20.0], [3, 2, 50.0], [4, 2, 12.5]]}
