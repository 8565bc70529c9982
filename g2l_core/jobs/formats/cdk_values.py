"""The values a static reading of a CDK app works with: what it could not determine (``Unknown``, carrying
where it came from), library names (``QName``), durations, the constructs it creates, and the app's own
modules, classes, functions and instances."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import libcst as cst

from g2l_core.jobs.formats.cloudformation import Unresolved


class Unknown(Unresolved):
    """A value the app does not determine statically; ``origins`` are (file, line, code, why)."""

    origins: tuple[tuple[str, int, str, str], ...] = ()
    none_by_default = False  # None unless given at deployment (a context value): ``x or default`` is the default


def unknown(code: str, path: str, line: int, why: str) -> Unknown:
    out = Unknown(f"${{{code}}}")
    out.origins = ((path, line, code, why),)
    return out


def joined(parts: list) -> str:
    """Concatenated text; unknown if any part is."""
    text = "".join(str(p) for p in parts)
    origins = tuple(o for p in parts if isinstance(p, Unknown) for o in p.origins)
    if not origins:
        return text
    out = Unknown(text)
    out.origins = origins
    return out


@dataclass(frozen=True)
class QName:
    """A name imported from a library (``aws_cdk.aws_glue.CfnJob``): resolved by what it names."""

    name: str


@dataclass(frozen=True)
class Duration:
    minutes: float


@dataclass
class Construct:
    """A construct the app creates (or a library object g2l models: bucket, asset, code, executable)."""

    kind: str
    id: str
    kwargs: dict
    path: str
    line: int
    name: object = None  # what ``.ref``/``.name``/``.job_name`` give


@dataclass
class Instance:
    cls: Klass
    attrs: dict = field(default_factory=dict)


@dataclass
class Klass:
    node: cst.ClassDef
    module: Module


@dataclass
class Function:
    node: cst.FunctionDef
    module: Module
    bound: Instance | None = None
    closure: dict | None = None  # the names a nested function sees (its enclosing function's)
    owner: Klass | None = None  # the class defining a method (``super()`` starts after it)


@dataclass
class Module:
    path: str
    name: str
    tree: cst.Module
    lines: Mapping
    env: dict = field(default_factory=dict)
    done: bool = False

    def line(self, node: cst.CSTNode) -> int:
        pos = self.lines.get(node)
        return pos.start.line if pos else 0

    def code(self, node: cst.CSTNode) -> str:
        return self.tree.code_for_node(node).strip()
