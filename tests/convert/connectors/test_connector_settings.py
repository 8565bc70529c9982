"""Secret settings: validated where they are declared, written into the helper module converted jobs use."""

from __future__ import annotations

import json

import pytest

from g2l_core.config import ConfigError, parse_registry
from g2l_core.convert import ConvertOptions, helper_module_source
from g2l_core.convert.cli import main


def test_helper_module_carries_the_projects_secret_settings(tmp_path, monkeypatch):
    text = helper_module_source(ConvertOptions(secret_scope="etl", secret_key_pattern="glue.{connection}.{field}"))
    assert 'SECRET_SCOPE = "etl"\n' in text and 'SECRET_KEY_PATTERN = "glue.{connection}.{field}"\n' in text
    namespace: dict = {}
    exec(compile(text, "g2l_helpers.py", "exec"), namespace)
    assert namespace["secret_key"]("Orders DB", "password") == "glue.Orders-DB.password"
    monkeypatch.setenv("GLUE_ORDERS_DB_PASSWORD", "pw")
    assert namespace["connection_secret"]("Orders DB", "password") == "pw"
    assert 'SECRET_SCOPE = "glue-connections"\n' in helper_module_source(ConvertOptions())


@pytest.mark.parametrize("settings, message", [
    ({"secret_scope": "my scope"}, "secret_scope: 'my scope' is not a Databricks secret scope name"),
    ({"secret_scope": ""}, "secret_scope: '' is not a Databricks secret scope name"),
    ({"secret_key_pattern": "{connection}"}, "secret_key_pattern: '{connection}' must use exactly the placeholders"),
    ({"secret_key_pattern": "{connection}-{field}-{env}"}, "must use exactly the placeholders {connection} and {field}"),
    ({"secret_key_pattern": "{connection}-{field"}, "secret_key_pattern: '{connection}-{field' must use exactly"),
])
def test_bad_secret_settings_name_the_setting(settings, message):
    with pytest.raises(ValueError, match=message.replace("{", r"\{").replace("}", r"\}")):
        ConvertOptions(**settings)


PROJECT = """\
projects:
  - name: shop
    glue: {url: /tmp/glue}
    target: {url: /tmp/target}
"""


def test_projects_yaml_secrets_reach_the_conversion_options():
    project, = parse_registry(PROJECT + "    secrets: {scope: etl-secrets, key_pattern: 'glue/{connection}/{field}'}\n")
    options = project.convert_options()
    assert (options.secret_scope, options.secret_key_pattern) == ("etl-secrets", "glue/{connection}/{field}")
    default, = parse_registry(PROJECT)
    assert default.convert_options().secret_scope == "glue-connections"


@pytest.mark.parametrize("secrets, message", [
    ("{scope: 'a b'}", "projects.yaml: projects[0] (shop).secrets.scope: 'a b' is not a Databricks secret scope name"),
    ("{key_pattern: '{field}'}", "projects.yaml: projects[0] (shop).secrets.key_pattern: '{field}' must use exactly"),
    ("{scope: x, region: y}", "projects.yaml: projects[0] (shop).secrets.region: unknown key"),
])
def test_bad_secrets_setting_names_the_key(secrets, message):
    with pytest.raises(ConfigError) as error:
        parse_registry(PROJECT + f"    secrets: {secrets}\n")
    assert str(error.value).startswith(message)


JDBC_JOB = """\
from awsglue.context import GlueContext
from pyspark.context import SparkContext

glueContext = GlueContext(SparkContext.getOrCreate())
conf = glueContext.extract_jdbc_conf("orders-db")
orders = glueContext.create_dynamic_frame.from_options(
    connection_type="postgresql", connection_options={"connectionName": "orders-db", "dbtable": "orders"})
"""


def test_cli_secret_flags_reach_the_helper_module_and_the_report(tmp_path, monkeypatch):
    (tmp_path / "job.py").write_text(JDBC_JOB)
    out = tmp_path / "out"
    assert main(["convert", str(tmp_path / "job.py"), str(out), "--secret-scope", "etl",
                 "--secret-key-pattern", "jdbc.{connection}.{field}"]) == 0
    assert 'g2l_helpers.connection_secret("orders-db", "password")' in (out / "job.py").read_text()
    helpers = (out / "g2l_helpers.py").read_text()
    assert 'SECRET_SCOPE = "etl"\n' in helpers and 'SECRET_KEY_PATTERN = "jdbc.{connection}.{field}"\n' in helpers
    namespace: dict = {}
    exec(compile(helpers, "g2l_helpers.py", "exec"), namespace)
    monkeypatch.setenv("JDBC_ORDERS_DB_PASSWORD", "from-env")
    assert namespace["connection_secret"]("orders-db", "password") == "from-env"
    report = json.loads((out / "g2l_report.json").read_text())
    assert any("secret scope 'etl'" in d["message"] for d in report["decisions"])


def test_cli_defaults_to_the_project_default_scope(tmp_path):
    (tmp_path / "job.py").write_text(JDBC_JOB)
    assert main(["convert", str(tmp_path / "job.py"), str(tmp_path / "out")]) == 0
    assert 'SECRET_SCOPE = "glue-connections"\n' in (tmp_path / "out" / "g2l_helpers.py").read_text()


@pytest.mark.parametrize("flags, message", [
    (["--secret-scope", "my scope"], "g2l convert: error: --secret-scope 'my scope' is not a Databricks secret scope"),
    (["--secret-key-pattern", "{connection}"], "g2l convert: error: --secret-key-pattern '{connection}' must use"),
])
def test_cli_bad_secret_flags_exit_2_naming_the_flag(tmp_path, capsys, flags, message):
    (tmp_path / "job.py").write_text(JDBC_JOB)
    assert main(["convert", str(tmp_path / "job.py"), str(tmp_path / "out"), *flags]) == 2
    assert capsys.readouterr().out.startswith(message)
    assert not (tmp_path / "out").exists()
