"""``AWS::Glue::Table`` and ``AWS::Glue::Database`` resources of CloudFormation/SAM templates (YAML or
JSON) and of Serverless Framework files (``resources: {Resources: ...}``).

Intrinsics are resolved offline by the resolver the job definitions use (parameters, conditions,
``Fn::If``/``AWS::NoValue``, Refs to the template's own databases); what cannot be resolved stays as
``${Name}`` and is reported. An undecidable ``Fn::If`` where a resource's properties or table input should be
is an error for that resource, never a crash."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

from g2l_core import safe_yaml
from g2l_core.jobs.formats.cloudformation import Resolver, resources_of
from g2l_core.jobs.model import Problem

from ..glue_catalog import database_from_glue_dict, statement_from_table, table_from_glue_dict
from ..glue_model import SourceError, SourceStatement
from .base import DdlFormat, line_of, load_json

GLUE_TYPES = ("AWS::Glue::Table", "AWS::Glue::Database")
_USED = ("DatabaseName", "TableInput", "DatabaseInput", "OpenTableFormatInput")  # CatalogId etc. are not resolved


class CfnTag:
    """An unresolved CloudFormation short-form tag (``!Ref X``, ``!Sub '...'``)."""

    def __init__(self, tag: str, value: Any):
        self.tag, self.value = tag, value

    def __repr__(self) -> str:
        return f"CfnTag({self.tag!r}, {self.value!r})"


class CfnLoader(safe_yaml.BoundedLoader):
    """Bounded SafeLoader that keeps CloudFormation intrinsic tags (!Ref, !Sub, !GetAtt...) as CfnTag."""


def _construct_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> CfnTag:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return CfnTag(suffix, value)


CfnLoader.add_multi_constructor("!", _construct_tag)


def load_template(path: str, text: str) -> Any:
    if path.lower().endswith(".json"):
        return load_json(path, text)
    try:
        return safe_yaml.load(text, path, CfnLoader)
    except safe_yaml.YamlLimitError as e:
        raise SourceError(f"cannot load {e}") from None


def _resources(doc: Any) -> dict | None:
    if not isinstance(doc, dict):
        return None
    found = resources_of(doc)
    return found if found or isinstance(doc.get("Resources"), dict) else None


def accepts(doc: Any) -> bool:
    return _resources(doc) is not None


def _plain(v: Any) -> Any:
    """The template with short-form tags in their long JSON form, as the shared resolver reads them."""
    if isinstance(v, CfnTag):
        value = v.value
        if v.tag == "GetAtt" and isinstance(value, str):
            value = value.split(".", 1)
        key = "Ref" if v.tag == "Ref" else "Condition" if v.tag == "Condition" else f"Fn::{v.tag}"
        return {key: _plain(value)}
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


def _object(value: Any, what: str) -> dict:
    if isinstance(value, dict):
        return value
    if isinstance(value, str) and value.startswith("${Fn::"):
        raise SourceError(f"{what} is a {value[2:-1]} (condition or intrinsic): cannot be resolved offline; "
                          "write the table's properties out, or keep one variant per template")
    raise SourceError(f"{what}: expected an object, got {type(value).__name__}")


def read_template(path: str, doc: dict, dialect: str, text: str = "",
                  variables: Mapping[str, str] | None = None) -> list[SourceStatement]:
    """Values of the template resolve as CloudFormation would (``jobs.formats.cloudformation.Resolver``):
    the project's ``ddl_vars`` first, then parameter defaults; a resource whose ``Condition`` is false is not
    created, and an ``Fn::If`` that cannot be decided is an error for its resource, never a guess."""
    template = _plain(doc)
    resources = resources_of(template)
    problems: list[Problem] = []
    resolver = Resolver(template, dict(variables or {}), path, problems, setting="ddl_vars", choose_undecided=False)
    out = []
    index = 0
    for logical, res in resources.items():
        if not isinstance(res, dict) or res.get("Type") not in GLUE_TYPES:
            continue
        index += 1
        del problems[:]
        line = line_of(text, f"{logical}:") or line_of(text, f'"{logical}"') if text else None
        if "Condition" in res and resolver.condition(res["Condition"], str(logical)) is False:
            out.append(SourceStatement(file=path, index=index, line=line, text=str(logical), dialect=dialect,
                                       skipped=f"resource {logical}: Condition {res['Condition']} is false with these "
                                               "parameters: not created"))
            continue
        try:
            raw = res.get("Properties") or {}
            intrinsic = isinstance(raw, dict) and len(raw) == 1 and str(next(iter(raw))).startswith(("Fn::", "Ref"))
            if isinstance(raw, dict) and not intrinsic:
                raw = {k: v for k, v in raw.items() if k in _USED}
            props = _object(resolver.value(raw, str(logical)), "Properties")
            warns = [f"{p.where}: {p.message}" for p in problems]
            out.append(resource_statement(path, index, line, str(logical), res["Type"], props, dialect, warns))
        except (SourceError, RecursionError) as e:
            out.append(SourceStatement(file=path, index=index, line=line, text=str(logical), dialect=dialect,
                                       error=f"resource {logical}: {e}"))
    if not out:
        return [SourceStatement(file=path, index=1, line=None, text="", dialect=dialect,
                                skipped="CloudFormation template without AWS::Glue::Table or AWS::Glue::Database resources")]
    return out


def resource_statement(path: str, index: int, line: int | None, logical: str, kind: str, props: dict, dialect: str,
                       warns: list[str]) -> SourceStatement:
    """The statement of one ``AWS::Glue::Table``/``Database`` whose properties are resolved (also what a CDK
    ``CfnTable``/``CfnDatabase`` synthesizes); raises ``SourceError`` for a resource of the wrong shape."""
    if kind == "AWS::Glue::Database":
        gt = database_from_glue_dict(_object(props.get("DatabaseInput"), "DatabaseInput"), "DatabaseInput.")
    else:
        ti = props.get("TableInput")
        if ti is None:
            raise SourceError("no TableInput")
        database = props.get("DatabaseName")
        ti = _object(ti, "TableInput")
        if props.get("OpenTableFormatInput"):
            ti = {**ti, "Parameters": {"table_type": "ICEBERG", **(ti.get("Parameters") or {})}}
        gt = table_from_glue_dict(ti, database=str(database) if database else None, where="TableInput.")
    st = statement_from_table(path, index, gt, dialect, warns, line=line)
    if st.error:
        st.error = f"resource {logical}: {st.error}"
    return st


FORMAT = DdlFormat(name="a CloudFormation/SAM template", suffixes=(".yaml", ".yml", ".template", ".json"),
                   load=load_template, accepts=accepts, read=read_template, order=20, takes_variables=True)
