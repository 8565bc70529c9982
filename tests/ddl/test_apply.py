"""Applying converted DDL to real Delta tables through the shared pysail session."""

from __future__ import annotations

from g2l_core.ddl import DdlOptions, apply_tables, convert_ddl_text, read_table_schema

DDL = """CREATE DATABASE IF NOT EXISTS ap_raw COMMENT 'raw';
CREATE EXTERNAL TABLE ap_raw.trades (`trade_id` bigint COMMENT 'id', sym varchar(10), amt decimal(18,4),
  leg struct<n:int,tags:array<string>>)
COMMENT 'booked' PARTITIONED BY (dt string COMMENT 'day') STORED AS PARQUET LOCATION 's3://b/trades/';
CREATE TABLE ap_raw.clustered (a int, region string) PARTITIONED BY (region) STORED AS PARQUET;
CREATE VIEW ap_raw.v_ids AS SELECT trade_id FROM ap_raw.trades;
CREATE TABLE ap_raw.bad (x uniontype<int,string>)
"""


def _by_name(outcomes):
    return {o.target_full_name: o for o in outcomes}


def test_apply_creates_evolves_and_is_idempotent(spark, tmp_path):
    opts = DdlOptions(catalog="main", cluster_by_partitions=False)
    res = convert_ddl_text(DDL, file_path="ddl/ap.sql", options=opts)
    clustered = convert_ddl_text(DDL.replace("PARTITIONED BY (region)", "PARTITIONED BY (region)"), file_path="c.sql",
                                 options=DdlOptions(catalog="main", cluster_by_partitions=True))[2]
    res[2] = clustered
    first = _by_name(apply_tables(spark, res, tmp_path))
    assert first["main.ap_raw.trades"].action == "created"
    assert first["main.ap_raw.clustered"].action == "created"
    assert any("CLUSTER BY" in n for n in first["main.ap_raw.clustered"].notes)
    assert first["main.ap_raw.v_ids"].action == "replaced"
    assert first[None].action == "skipped"
    assert (tmp_path / "main" / "ap_raw" / "trades" / "_delta_log").is_dir()

    rows = {r[0]: (r[1], r[2]) for r in spark.sql("DESCRIBE TABLE main.ap_raw.trades").collect()}
    assert rows["trade_id"] == ("bigint", "id")
    assert rows["amt"][0] == "decimal(18,4)" and rows["leg"][0] == "struct<n:int,tags:array<string>>"
    assert rows["dt"] == ("string", "day")
    info = read_table_schema(spark, "main.ap_raw.trades")
    assert [c.name for c in info.columns] == ["trade_id", "sym", "amt", "leg", "dt"]
    assert info.partition_columns == ["dt"] and info.comment == "booked"

    spark.sql("INSERT INTO main.ap_raw.trades VALUES (7, 'ABC', 1.5, named_struct('n', 1, 'tags', array('x')), '2024-01-02')").collect()
    again = _by_name(apply_tables(spark, res, tmp_path))
    assert again["main.ap_raw.trades"].action == "unchanged"
    assert spark.table("main.ap_raw.trades").count() == 1

    evolved_ddl = DDL.replace("amt decimal(18,4),", "amt decimal(18,4), qty int COMMENT 'units',")
    res2 = convert_ddl_text(evolved_ddl, file_path="ddl/ap.sql", options=opts)
    out = _by_name(apply_tables(spark, res2, tmp_path))
    assert out["main.ap_raw.trades"].action == "evolved"
    row = spark.table("main.ap_raw.trades").collect()[0].asDict()
    assert (row["trade_id"], row["sym"], row["qty"], row["dt"]) == (7, "ABC", None, "2024-01-02")
    info = read_table_schema(spark, "main.ap_raw.trades")
    qty = next(c for c in info.columns if c.name == "qty")
    assert (qty.type, qty.comment) == ("INT", "units")
    assert info.partition_columns == ["dt"]
    assert _by_name(apply_tables(spark, res2, tmp_path))["main.ap_raw.trades"].action == "unchanged"


def test_reapply_in_a_fresh_catalog_registers_existing_tables(spark, tmp_path):
    res = convert_ddl_text("CREATE TABLE fr_raw.t (a int, dt string) PARTITIONED BY (dt)", file_path="f.sql",
                           options=DdlOptions())
    assert _by_name(apply_tables(spark, res, tmp_path))["main.fr_raw.t"].action == "created"
    spark.sql("INSERT INTO main.fr_raw.t VALUES (1, 'a')").collect()
    spark.sql("DROP TABLE main.fr_raw.t").collect()  # what a new pysail process looks like: data, no catalog entry
    assert _by_name(apply_tables(spark, res, tmp_path))["main.fr_raw.t"].action == "registered"
    assert spark.table("main.fr_raw.t").count() == 1
    assert read_table_schema(spark, "main.fr_raw.nope") is None
