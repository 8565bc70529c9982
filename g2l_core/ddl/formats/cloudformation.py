"""``AWS::Glue::Table`` and ``AWS::Glue::Database`` resources of CloudFormation/SAM templates (YAML or
JSON) and of Serverless Framework files (``resources: {Resources: ...}``).

Intrinsics are resolved offline: ``Ref``/``Fn::Sub``/``Fn::Join`` against parameter defaults and the
template's own Glue databases; what cannot be resolved stays as ``${Name}`` and is reported. A
condition (``Fn::If``) where a resource's properties or table input should be is an error for that
resource, never a crash."""

from __future__ import annotations

import re
from typing import Any

import yaml

from g2l_core import safe_yaml

from ..glue_catalog import database_from_glue_dict, statement_from_table, table_from_glue_dict
from ..glue_model import SourceError, SourceStatement
from .base import DdlFormat, line_of, load_json

GLUE_TYPES = ("AWS::Glue::Table", "AWS::Glue::Database")


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
    if isinstance(doc.get("Resources"), dict):
        return doc["Resources"]
    nested = doc.get("resources")  # Serverless Framework
    if isinstance(nested, dict) and isinstance(nested.get("Resources"), dict):
        return nested["Resources"]
    return None


def accepts(doc: Any) -> bool:
    return _resources(doc) is not None


class _Resolver:
    """Resolves Ref / Fn::Sub / Fn::Join against template parameter defaults and Glue database
    resources; what cannot be resolved stays as ``${Name}`` and is reported."""

    def __init__(self, template: dict, resources: dict):
        self.values: dict[str, str] = {"AWS::Region": "${AWS::Region}", "AWS::AccountId": "${AWS::AccountId}"}
        params = template.get("Parameters")
        for name, spec in (params.items() if isinstance(params, dict) else ()):
            if isinstance(spec, dict) and isinstance(spec.get("Default"), (str, int, float, bool)):
                self.values[str(name)] = str(spec["Default"])
        self.unresolved: set[str] = set()
        for name, res in resources.items():
            if isinstance(res, dict) and res.get("Type") == "AWS::Glue::Database":
                props = res.get("Properties")
                di = props.get("DatabaseInput") if isinstance(props, dict) else None
                db_name = di.get("Name") if isinstance(di, dict) else None
                if db_name is not None:
                    resolved = self.resolve(db_name)
                    if isinstance(resolved, str):
                        self.values[str(name)] = resolved

    def ref(self, name: str) -> str:
        if name in self.values:
            return self.values[name]
        self.unresolved.add(name)
        return "${" + name + "}"

    def sub(self, value: Any) -> str:
        template, extra = (value[0], value[1]) if isinstance(value, list) and len(value) == 2 else (value, {})
        local = {str(k): str(self.resolve(v)) for k, v in (extra.items() if isinstance(extra, dict) else ())}
        return re.sub(r"\$\{([^}!]+)\}", lambda m: local.get(m.group(1)) or self.ref(m.group(1)), str(template))

    def join(self, value: Any) -> str:
        if not (isinstance(value, list) and len(value) == 2 and isinstance(value[1], list)):
            raise SourceError("Fn::Join: expected [separator, [values...]]")
        sep, parts = value
        return str(sep).join(str(self.resolve(p)) for p in parts)

    def resolve(self, v: Any) -> Any:
        if isinstance(v, CfnTag):
            v = {("Ref" if v.tag == "Ref" else f"Fn::{v.tag}"): v.value}
        if isinstance(v, dict):
            if set(v) == {"Ref"}:
                return self.ref(str(v["Ref"]))
            if set(v) == {"Fn::Sub"}:
                return self.sub(v["Fn::Sub"])
            if set(v) == {"Fn::Join"}:
                return self.join(v["Fn::Join"])
            if len(v) == 1 and str(next(iter(v))).startswith("Fn::"):
                key = str(next(iter(v)))
                self.unresolved.add(key)
                return "${" + key + "}"
            return {k: self.resolve(x) for k, x in v.items()}
        if isinstance(v, list):
            return [self.resolve(x) for x in v]
        return v


def _object(value: Any, what: str) -> dict:
    if isinstance(value, dict):
        return value
    if isinstance(value, str) and value.startswith("${Fn::"):
        raise SourceError(f"{what} is a {value[2:-1]} (condition or intrinsic): cannot be resolved offline; "
                          "write the table's properties out, or keep one variant per template")
    raise SourceError(f"{what}: expected an object, got {type(value).__name__}")


def read_template(path: str, doc: dict, dialect: str, text: str = "") -> list[SourceStatement]:
    resources = _resources(doc) or {}
    resolver = _Resolver(doc, resources)
    out = []
    index = 0
    for logical, res in resources.items():
        if not isinstance(res, dict) or res.get("Type") not in GLUE_TYPES:
            continue
        index += 1
        resolver.unresolved = set()
        line = line_of(text, f"{logical}:") or line_of(text, f'"{logical}"') if text else None
        try:
            props = _object(resolver.resolve(res.get("Properties") or {}), "Properties")
            if res["Type"] == "AWS::Glue::Database":
                gt = database_from_glue_dict(_object(props.get("DatabaseInput"), "DatabaseInput"), "DatabaseInput.")
            else:
                ti = props.get("TableInput")
                if ti is None:
                    raise SourceError("no TableInput")
                database = props.get("DatabaseName")
                gt = table_from_glue_dict(_object(ti, "TableInput"), database=str(database) if database else None,
                                          where="TableInput.")
            warns = [f"CloudFormation values not resolvable offline: {', '.join(sorted(resolver.unresolved))}"] \
                if resolver.unresolved else []
            st = statement_from_table(path, index, gt, dialect, warns, line=line)
            if st.error:
                st.error = f"resource {logical}: {st.error}"
            out.append(st)
        except (SourceError, RecursionError) as e:
            out.append(SourceStatement(file=path, index=index, line=line, text=str(logical), dialect=dialect,
                                       error=f"resource {logical}: {e}"))
    if not out:
        return [SourceStatement(file=path, index=1, line=None, text="", dialect=dialect,
                                skipped="CloudFormation template without AWS::Glue::Table or AWS::Glue::Database resources")]
    return out


FORMAT = DdlFormat(name="a CloudFormation/SAM template", suffixes=(".yaml", ".yml", ".template", ".json"),
                   load=load_template, accepts=accepts, read=read_template, order=20)
