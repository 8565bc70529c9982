"""Secret settings: validated where they are declared, written into the helper module converted jobs use."""

from __future__ import annotations

import pytest

from g2l_core.convert import ConvertOptions, helper_module_source


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
