"""The project's settings written into the helper module, as ``path_map`` is: converted jobs look connection
secrets up at run time with the scope and key pattern the project chose, and name catalog tables with its
catalog and ``schema_map``."""

from __future__ import annotations

import json

from g2l_core.options import ConvertOptions

_LINES = {
    "secret_scope": 'SECRET_SCOPE = "glue-connections"\n',
    "secret_key_pattern": 'SECRET_KEY_PATTERN = "{connection}-{field}"\n',
}


def with_secret_settings(helper_text: str, options: ConvertOptions) -> str:
    """``helper_text`` with ``SECRET_SCOPE``/``SECRET_KEY_PATTERN`` set from ``options``."""
    for attribute, line in _LINES.items():
        assert line in helper_text, f"helper module lost its {line.split(' =')[0]} line"
        name = line.split(" =", 1)[0]
        helper_text = helper_text.replace(line, f"{name} = {json.dumps(getattr(options, attribute))}\n", 1)
    return helper_text


_CATALOG_LINES = ('CATALOG = "main"\n', "SCHEMA_MAP: dict[str, str] = {}\n")


def with_catalog_settings(helper_text: str, options: ConvertOptions) -> str:
    """``helper_text`` with ``CATALOG``/``SCHEMA_MAP`` set from ``options``, so a catalog table named at run
    time gets the Unity Catalog name the converter gives literal ones."""
    catalog, schema_map = _CATALOG_LINES
    assert catalog in helper_text and schema_map in helper_text, "helper module lost its CATALOG/SCHEMA_MAP lines"
    entries = "".join(f"    {json.dumps(k)}: {json.dumps(v)},\n" for k, v in sorted(options.schema_map.items()))
    helper_text = helper_text.replace(catalog, f"CATALOG = {json.dumps(options.catalog)}\n", 1)
    return helper_text.replace(schema_map, "SCHEMA_MAP: dict[str, str] = {\n" + entries + "}\n" if entries else schema_map, 1)
