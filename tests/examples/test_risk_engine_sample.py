"""The bundled sample Glue project stays consistent: code parses, DDL parses and matches the sample data,
and the shared risk maths reproduces the seed snapshots in data/ on a real Spark session."""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path

import libcst
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import sqlglot
from sqlglot import exp

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "risk_engine"
GLUE = EXAMPLE / "glue"
DATA = GLUE / "data"
BUSINESS_DATE = "2024-03-28"

EXPECTED_TABLES = {
    "risk_raw.trades", "risk_raw.counterparties", "risk_raw.credit_limits", "risk_raw.historical_returns",
    "risk_curated.counterparties", "risk_curated.fx_rates", "risk_curated.market_prices",
    "risk_curated.exposures", "risk_curated.var_results",
    "risk_reporting.limit_breaches", "risk_reporting.daily_risk_summary",
}
ARROW_TO_HIVE = {"string": "string", "int64": "bigint", "double": "double", "date32[day]": "date"}


def _ddl_tables() -> dict[str, dict]:
    """db.table -> {"columns": [(name, type)], "partitions": [...], "location": str}."""
    tables = {}
    for path in sorted((GLUE / "ddl").glob("*.sql")):
        for stmt in sqlglot.parse(path.read_text(), read="hive"):
            assert isinstance(stmt, exp.Create), f"{path.name}: statement parsed as {type(stmt).__name__}"
            if stmt.kind != "TABLE":
                continue
            table = stmt.this.this
            name = f"{table.db}.{table.name}"
            partitioned = stmt.find(exp.PartitionedByProperty)
            part_cols = [c.name for c in partitioned.find_all(exp.ColumnDef)] if partitioned else []
            columns = [
                (c.name, c.args["kind"].sql("hive").lower().replace(", ", ","))
                for c in table.parent.expressions
                if isinstance(c, exp.ColumnDef)
            ] if isinstance(table.parent, exp.Schema) else []
            location = stmt.find(exp.LocationProperty).this.name
            tables[name] = {"columns": columns, "partitions": part_cols, "location": location}
    return tables


def _arrow_type(t: pa.DataType) -> str:
    if pa.types.is_decimal(t):
        return f"decimal({t.precision},{t.scale})"
    return ARROW_TO_HIVE[str(t)]


def test_every_python_file_parses_with_libcst():
    files = sorted(EXAMPLE.rglob("*.py"))
    assert len(list((GLUE / "jobs").glob("*.py"))) >= 6
    for path in files:
        libcst.parse_module(path.read_text())


def test_ddl_declares_every_table_at_its_lake_location():
    tables = _ddl_tables()
    assert set(tables) == EXPECTED_TABLES
    for name, table in tables.items():
        db, tbl = name.split(".")
        zone = db.removeprefix("risk_")
        assert table["location"] == f"s3://risk-data-lake/{zone}/{tbl}/", name
        assert table["partitions"] in ([], ["business_date"]), name


def test_parquet_sample_data_matches_ddl_schema():
    tables = _ddl_tables()
    checked = set()
    for path in sorted(DATA.rglob("*.parquet")):
        rel = path.relative_to(DATA).parts
        if rel[0] == "landing":
            continue
        name = f"risk_{rel[0]}.{rel[1]}"
        partition_dirs = [p.split("=")[0] for p in rel[2:-1]]
        assert partition_dirs == tables[name]["partitions"], path
        schema = pq.read_schema(path)
        assert [(f.name, _arrow_type(f.type)) for f in schema] == tables[name]["columns"], path
        checked.add(name)
    assert {"risk_raw.trades", "risk_raw.historical_returns", "risk_curated.exposures"} <= checked


def test_text_sample_data_matches_ddl_columns():
    tables = _ddl_tables()
    with open(DATA / "raw/credit_limits/credit_limits_20240328.csv", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == [c for c, _ in tables["risk_raw.credit_limits"]["columns"]]
    top_level = [c for c, _ in tables["risk_raw.counterparties"]["columns"] if c not in ("agency", "grade", "outlook")]
    for line in (DATA / "raw/counterparties/counterparties_20240328.json").read_text().splitlines():
        assert list(json.loads(line)) == top_level


def test_job_config_lists_every_job_and_one_bookmarked_job():
    config = json.loads((GLUE / "jobs/job_config.json").read_text())["jobs"]
    assert {Path(j["script"]).stem for j in config.values()} == {p.stem for p in (GLUE / "jobs").glob("*.py")}
    for job in config.values():
        assert (GLUE / job["script"]).is_file()
    bookmarked = [n for n, j in config.items() if j["default_arguments"]["--job-bookmark-option"] == "job-bookmark-enable"]
    assert bookmarked == ["ingest_trades"]


@pytest.fixture(scope="module")
def risk_math():
    """risk_common.risk_math imported from the sample's src/ as Glue would (--extra-py-files)."""
    # Plain `pyspark.sql.functions` only dispatches to Spark Connect when this is set (pyspark is_remote()).
    previous = os.environ.get("SPARK_CONNECT_MODE_ENABLED")
    os.environ["SPARK_CONNECT_MODE_ENABLED"] = "1"
    sys.path.insert(0, str(GLUE / "src"))
    writes_bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # keep __pycache__ out of the sample repo
    try:
        import risk_common.risk_math as module

        yield module
    finally:
        sys.path.remove(str(GLUE / "src"))
        sys.dont_write_bytecode = writes_bytecode
        for name in [m for m in sys.modules if m == "risk_common" or m.startswith("risk_common.")]:
            del sys.modules[name]
        if previous is None:
            os.environ.pop("SPARK_CONNECT_MODE_ENABLED", None)
        else:
            os.environ["SPARK_CONNECT_MODE_ENABLED"] = previous


def _read(spark, rel):
    return spark.read.parquet(str(DATA / rel))


def _rows(df, key):
    return sorted((r.asDict() for r in df.collect()), key=lambda r: r[key])


def test_exposure_calculator_reproduces_exposure_snapshot(spark, risk_math):
    from pyspark.sql import functions as F

    part = f"business_date={BUSINESS_DATE}/part-0.parquet"
    trades = _read(spark, f"raw/trades/{part}")
    prices = _read(spark, f"curated/market_prices/{part}").select(
        F.col("instrument_id").alias("px_instrument_id"), "close_price_usd"
    )
    priced = trades.join(prices, trades["instrument_id"] == prices["px_instrument_id"], "inner")
    result = risk_math.ExposureCalculator().exposures(priced, _read(spark, "curated/counterparties/part-0.parquet"))
    snapshot = pq.read_table(DATA / f"curated/exposures/{part}").to_pylist()
    got = _rows(result.select(*[c for c in snapshot[0]]), "trade_id")
    assert got == sorted(snapshot, key=lambda r: r["trade_id"])


def test_var_model_reproduces_var_snapshot(spark, risk_math):
    part = f"business_date={BUSINESS_DATE}/part-0.parquet"
    model = risk_math.VarModel(confidence_levels=[0.95, 0.99])
    pnl = model.scenario_pnl(_read(spark, f"curated/exposures/{part}"), _read(spark, "raw/historical_returns"))
    assert pnl.columns == ["desk", "scenario_date", "pnl_usd"]
    result = model.summarise(pnl, BUSINESS_DATE)
    snapshot = pq.read_table(DATA / f"curated/var_results/{part}").to_pylist()
    got = _rows(result.drop("business_date"), "desk")
    assert got == sorted(snapshot, key=lambda r: r["desk"])
    # 40 scenarios: the 95% VaR is the 2nd worst loss, not the 3rd (floating point 40 * 0.05 > 2)
    assert all(r["var_95_usd"] < r["var_99_usd"] for r in got)
