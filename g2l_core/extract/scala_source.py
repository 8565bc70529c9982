"""Scala Glue scripts (``object GlueApp { def main(sysArgs: Array[String]) ... }``): counted, never converted.

Glue runs Scala jobs as well as Python ones, and g2l converts PySpark only. A Scala script under
``glue.paths`` is one file-level row (a job when an object defines ``main``, else a module) with its Glue
API uses, so the inventory, the progress figures and the files needing a human all show it; conversion
reports it as not converted with ``NOT_CONVERTED``. Read lexically: no Scala parser is needed for that.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter

from g2l_core.extract.rows import module_name_for, new_row

SCALA_SUFFIXES = (".scala",)
NOT_CONVERTED = ("Scala Glue script: g2l converts Python (PySpark) jobs only, so it is not converted, published or "
                 "given a Databricks task; port it by hand (Scala runs on Databricks as a JAR task)")

_COMMENTS = re.compile(r"/\*.*?\*/|//[^\n]*", re.DOTALL)
_STRINGS = re.compile(r'"""(?:.|\n)*?"""|"(?:\\.|[^"\\\n])*"')
_OBJECT = re.compile(r"\bobject\s+([A-Za-z_][A-Za-z0-9_]*)")
_MAIN = re.compile(r"\bdef\s+main\s*\(")
_PACKAGE = re.compile(r"^\s*package\s+([A-Za-z_][\w.]*)", re.MULTILINE)
_GLUE_API = re.compile(r"\b(GlueContext|DynamicFrame|GlueArgParser|Job\.init|Job\.commit|getCatalogSource|"
                       r"getCatalogSink|getSourceWithFormat|getSinkWithFormat|getSource|getSink|getJDBCSink|"
                       r"applyMapping|resolveChoice|relationalize)\b")


def extract_scala(data: bytes, *, project: str, source_type: str, file_path: str) -> list[dict]:
    """One row for the script: ``job`` when an object defines ``main`` (the class Glue's ``--class`` names)."""
    text = data.decode("utf-8", errors="replace")
    code = _STRINGS.sub('""', _COMMENTS.sub(" ", text))
    lines = text.splitlines()
    objects = _OBJECT.findall(code)
    package = _PACKAGE.search(code)
    is_job = bool(_MAIN.search(code))
    module = module_name_for(file_path)
    name = objects[0] if objects else module.rsplit(".", 1)[-1]
    definition = f"Scala object {package.group(1) + '.' if package else ''}{name}" if objects else "Scala source"
    glue = dict(sorted(Counter(_GLUE_API.findall(code)).items()))
    return [new_row(
        project=project, source_type=source_type, file_path=file_path, module_name=module,
        entity_type="job" if is_job else "module", name=name, full_path=module, definition=definition,
        line_start=1, line_end=len(lines), lines_of_code=sum(1 for line in code.splitlines() if line.strip()),
        imports=[], calls=[], s3_paths=[], catalog_refs=[], glue_api_calls=json.dumps(glue),
        uses_glue_context="GlueContext" in glue, uses_dynamic_frame="DynamicFrame" in glue,
        content_hash=hashlib.sha256(data).hexdigest(),
    )]
