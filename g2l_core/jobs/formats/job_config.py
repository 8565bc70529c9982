"""g2l's own ``job_config`` JSON: ``{"jobs": {name: {script, glue_version, worker_type, default_arguments...}}}``.

Keys may be spelled as the API does (``DefaultArguments``) or in snake case (``default_arguments``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from g2l_core.jobs.formats.glue_api import from_snake, job_from_properties
from g2l_core.jobs.model import JobDefinitions


def accepts(path: str, text: str) -> bool:
    if not path.endswith(".json"):
        return False
    try:
        data = json.loads(text)
    except ValueError:
        return False
    return isinstance(data, dict) and isinstance(data.get("jobs"), dict)


def read(path: str, text: str, parameters: Mapping[str, str]) -> JobDefinitions:
    out = JobDefinitions()
    for name, raw in json.loads(text)["jobs"].items():
        props = {**raw, **from_snake(raw)}
        script = props.get("Script") or props.get("ScriptLocation")
        if script and "Command" not in props:
            props["Command"] = {"ScriptLocation": script}
        job = job_from_properties(props, name, path, out.problems)
        if job:
            out.jobs[name] = job
    return out
