"""The local warehouse is registered table by table: a folder the engine cannot take is left out with a
warning naming it, and every other table is still there (it once failed every stage's session)."""

import shutil

import pytest

from g2l_core.engine import spark_session, table_location


def test_a_table_the_engine_cannot_register_leaves_the_others_registered(tmp_path):
    warehouse = tmp_path / "warehouse"
    with spark_session("sail") as spark:
        spark.sql("CREATE SCHEMA IF NOT EXISTS main.sales")
        for name in ("main.sales.orders", "main.sales.refunds"):
            location = table_location(warehouse, name)
            spark.sql(f"CREATE TABLE {name} (id INT) USING DELTA LOCATION '{location.as_posix()}'")
            spark.sql(f"INSERT INTO {name} VALUES (1)")
    # a Delta log whose table has no columns: the engine refuses it
    broken = table_location(warehouse, "main.sales.broken")
    shutil.copytree(table_location(warehouse, "main.sales.orders") / "_delta_log", broken / "_delta_log")
    (broken / "_delta_log" / "00000000000000000000.json").write_text("{}\n")
    for extra in (broken / "_delta_log").glob("0000000000000000000[1-9].*"):
        extra.unlink()
    for crc in (broken / "_delta_log").glob("*.crc"):
        crc.unlink()
    with pytest.warns(UserWarning, match="sales/broken not registered"):
        with spark_session("sail", warehouse) as spark:
            assert spark.sql("SELECT count(*) FROM main.sales.refunds").collect()[0][0] == 1
            assert spark.sql("SELECT count(*) FROM main.sales.orders").collect()[0][0] == 1
