"""The project's secret settings written into the helper module, as ``path_map`` is: converted jobs
look connection secrets up at run time, with the scope and key pattern the project chose."""

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
