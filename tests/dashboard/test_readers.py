from datetime import datetime

import polars as pl
import pytest

from g2l_core.dashboard.readers import LocalStages, UnityCatalogStages, reader_from_environment


def test_local_stages_read_current_rows_and_every_version(tmp_path):
    table = tmp_path / "stages" / "migration_progress"
    pl.DataFrame({"project": ["a"], "validated": [1]}).write_delta(str(table))
    pl.DataFrame({"project": ["a"], "validated": [5]}).write_delta(str(table), mode="overwrite")
    reader = LocalStages(tmp_path / "stages")
    assert reader.table("migration_progress")["validated"].to_list() == [5]
    versions = reader.versions("migration_progress")
    assert [v["validated"].to_list() for _, v in versions] == [[1], [5]]
    assert all(isinstance(at, datetime) and at.tzinfo is not None for at, _ in versions)
    assert versions[0][0] <= versions[1][0]


def test_local_stages_without_a_table(tmp_path):
    reader = LocalStages(tmp_path)
    assert reader.table("sync_history") is None and reader.versions("sync_history") == []


def test_unity_catalog_stages_read_the_published_history_in_one_query():
    seen = []

    def execute(sql):
        seen.append(sql)
        return ([("project", "STRING"), ("validated", "BIGINT"), ("published_at", "TIMESTAMP")],
                [["b", "7", "2026-03-02T02:00:00Z"], ["a", "1", "2026-03-02T01:00:00Z"],
                 ["a", "3", "2026-03-02T02:00:00Z"], ["a", "9", None]])

    versions = UnityCatalogStages(execute, "main", "g2l_stages").versions("migration_progress")
    assert seen == ["SELECT * FROM `main`.`g2l_stages`.`migration_progress_history`"]
    assert [(at.hour, df.rows()) for at, df in versions] == [(1, [("a", 1)]), (2, [("b", 7), ("a", 3)])]


def test_unity_catalog_stages_without_history():
    def execute(sql):
        raise RuntimeError("[TABLE_OR_VIEW_NOT_FOUND] no such table")

    assert UnityCatalogStages(execute, "main", "g2l_stages").versions("migration_progress") == []


def test_unity_catalog_stages_missing_table_is_none_other_errors_raise():
    def execute(sql):
        raise RuntimeError("TABLE_OR_VIEW_NOT_FOUND: no such table" if "sync_history" in sql else "PERMISSION_DENIED")

    reader = UnityCatalogStages(execute, "main", "g2l_stages")
    assert reader.table("sync_history") is None
    with pytest.raises(RuntimeError, match="PERMISSION_DENIED"):
        reader.table("converted_code")


@pytest.mark.parametrize("catalog,schema,asset", [("main; DROP", "s", "t"), ("main", "a.b", "t"), ("main", "s", "x`y")])
def test_unity_catalog_names_must_be_identifiers(catalog, schema, asset):
    with pytest.raises(ValueError, match="not a plain identifier"):
        UnityCatalogStages(lambda sql: ([], []), catalog, schema).table(asset)


def test_reader_from_environment_names_what_it_needs(tmp_path):
    assert isinstance(reader_from_environment({"G2L_STAGES": str(tmp_path)}), LocalStages)
    with pytest.raises(ValueError, match="G2L_STAGES .*DATABRICKS_WAREHOUSE_ID"):
        reader_from_environment({})
