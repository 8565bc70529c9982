"""Where a Databricks project's stage tables go: ``databricks.stage_tables`` in the registry."""

import pytest

from g2l_core.config import ConfigError, load_registry


def registry(tmp_path, databricks: str, catalog: str = "") -> str:
    path = tmp_path / "projects.yaml"
    path.write_text("projects:\n  - name: p\n    glue: {url: g.git}\n    target: {url: t.git}\n"
                    + (f"    catalog: {catalog}\n" if catalog else "")
                    + f"    databricks: {{host: https://dbc.example, warehouse_id: wh1{databricks}}}\n")
    return str(path)


@pytest.mark.parametrize("setting,catalog,location", [
    ("", "", ("main", "g2l_stages")),
    ("", "lakehouse", ("lakehouse", "g2l_stages")),
    (", stage_tables: ops.migration", "lakehouse", ("ops", "migration")),
])
def test_stage_tables_location(tmp_path, setting, catalog, location):
    [project] = load_registry(registry(tmp_path, setting, catalog))
    assert project.databricks.stage_location == location


@pytest.mark.parametrize("value", ["g2l_stages", "main.g2l.stages", "main.g2l-stages", "'main.`x`'"])
def test_a_bad_stage_tables_setting_names_the_key(tmp_path, value):
    path = registry(tmp_path, f", stage_tables: {value}")
    with pytest.raises(ConfigError, match=r"projects\[0\] \(p\)\.databricks\.stage_tables: .* must be catalog\.schema"):
        load_registry(path)
