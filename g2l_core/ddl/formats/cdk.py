"""``CfnTable`` and ``CfnDatabase`` constructs of a Python CDK app (``aws_cdk.aws_glue``).

The app is read statically by the job definitions' CDK reader (never run); each construct's properties are
brought to CloudFormation's spelling and read as an ``AWS::Glue::Table``/``Database`` resource is. Values
the file does not determine (a stack parameter, a deploy-time bucket name) are filled from the project's
``ddl_vars`` by name, else kept as ``${...}`` and named in the statement's warnings. A Python file that
is no CDK app gives no statement, as before ``.py`` files were read here."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from g2l_core.jobs.formats.cdk import read_app
from g2l_core.jobs.formats.cdk_library import plain, unknowns
from g2l_core.jobs.formats.glue_api import camel_case

from ..glue_model import SourceError, SourceStatement
from .base import DdlFormat
from .cloudformation import resource_statement

_TYPES = {"table": "AWS::Glue::Table", "database": "AWS::Glue::Database"}
_USED = ("database_name", "table_input", "database_input", "open_table_format_input")


def load(path: str, text: str) -> Any:
    return {"text": text, "cdk": re.search(r"\baws_cdk\b", text) is not None}


def accepts(doc: Any) -> bool:
    return isinstance(doc, dict) and "cdk" in doc


def api_case(value: Any, verbatim: bool = False) -> Any:
    """Snake-case construct properties in the Glue API's spelling; keys of ``parameters`` maps are the user's."""
    if isinstance(value, dict):
        return {(str(k) if verbatim else camel_case(k)): api_case(v, not verbatim and camel_case(k) == "Parameters")
                for k, v in value.items()}
    if isinstance(value, list):
        return [api_case(v) for v in value]
    return value


def read(path: str, doc: Any, dialect: str, text: str = "",
         variables: Mapping[str, str] | None = None) -> list[SourceStatement]:
    if not doc.get("cdk"):
        return []
    try:
        _, constructs = read_app({path: doc["text"]}, dict(variables or {}))
    except ValueError as e:
        return [SourceStatement(file=path, index=1, line=None, text="", dialect=dialect, error=str(e))]
    out = []
    for index, found in enumerate((c for c in constructs if c.kind in _TYPES), 1):
        props = plain({k: v for k, v in found.kwargs.items() if k in _USED})
        warns = [f"line {found.line}: {argument.lstrip('.')}: {code} (line {line}): {why}; kept as ${{{code}}} "
                 "(set it in the project's ddl_vars)"
                 for argument, value in unknowns(props, "") for _, line, code, why in value.origins]
        try:
            out.append(resource_statement(path, index, found.line, found.id, _TYPES[found.kind], api_case(props),
                                          dialect, warns))
        except SourceError as e:
            out.append(SourceStatement(file=path, index=index, line=found.line, text=found.id, dialect=dialect,
                                       error=f"construct {found.id}: {e}"))
    return out


FORMAT = DdlFormat(name="a Python CDK app", suffixes=(".py",), load=load, accepts=accepts, read=read, order=60,
                   takes_variables=True)
