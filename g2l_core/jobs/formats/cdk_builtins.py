"""The Python builtins and standard-library calls a CDK app uses to build its values, evaluated statically."""

from __future__ import annotations

import json
import posixpath
from typing import TYPE_CHECKING

from g2l_core import safe_yaml
from g2l_core.jobs.formats.cdk_values import Module, Unknown, joined, unknown

if TYPE_CHECKING:
    from g2l_core.jobs.formats.cdk_eval import App

MAX_ITERATIONS = 2000


def value_method(app: App, owner, name: str, args: list, node, module: Module):
    """A method of a dict or a string (a path, an open file's text) the app calls."""
    if isinstance(owner, dict):
        if name == "get":
            return owner.get(app.key(args[0]), args[1] if len(args) > 1 else None)
        if name == "items":
            return [[k, v] for k, v in owner.items()]
        if name == "keys":
            return list(owner)
        if name == "values":
            return list(owner.values())
        if name == "copy":
            return dict(owner)
        if name == "update" and args and isinstance(args[0], dict):
            owner.update(args[0])
            return None
    if isinstance(owner, str):
        if name == "format":
            return owner.format(*args) if not any(isinstance(a, Unknown) for a in args) else unknown(
                module.code(node), module.path, module.line(node), "formats a value not known statically")
        if name in ("upper", "lower", "strip", "replace", "lstrip", "rstrip", "title", "split", "join"):
            return getattr(owner, name)(*args)
        if name in ("resolve", "absolute", "as_posix", "expanduser", "read"):  # an open file is its text
            return owner
        if name == "read_text":
            return app.open_file(owner, module, node)
        if name in ("joinpath",):
            return posixpath.join(owner, *map(str, args))
    return unknown(module.code(node), module.path, module.line(node), "not evaluated statically")

def builtin(app: App, name: str, args: list, kwargs: dict, module: Module, node):
    """A Python builtin or standard-library call (``os.path``, ``pathlib``, ``json``/``yaml``, ``os.environ``),
    or ``NotImplemented``."""
    plain = not any(isinstance(a, Unknown) for a in args)
    if name in ("os.path.join", "posixpath.join"):
        return posixpath.normpath(posixpath.join(*map(str, args))) if plain else joined(
            [x for a in args for x in (a, "/")][:-1])
    if name in ("os.path.dirname", "os.path.abspath", "os.path.realpath", "os.path.normpath", "os.path.basename"):
        fn = {"os.path.dirname": posixpath.dirname, "os.path.basename": posixpath.basename}.get(
            name, posixpath.normpath)
        return fn(str(args[0])) if plain else args[0]
    if name in ("os.getcwd", "pathlib.Path.cwd"):
        return "."
    if name in ("str", "pathlib.Path", "pathlib.PurePath", "pathlib.PurePosixPath") and len(args) <= 1:
        return str(args[0]) if args and plain else (args[0] if args else ".")
    if name in ("int", "float") and args and plain:
        return {"int": int, "float": float}[name](args[0])
    if name == "dict":
        return {**(args[0] if args and isinstance(args[0], dict) else {}), **kwargs}
    if name in ("list", "sorted") and args and isinstance(args[0], (list, tuple, dict)):
        return sorted(args[0]) if name == "sorted" else list(args[0])
    if name == "range" and plain:
        return list(range(*args))[:MAX_ITERATIONS]
    if name == "len" and args and isinstance(args[0], (list, dict, tuple)):
        return len(args[0])
    if name in ("os.environ.get", "os.getenv") and args:
        value = app.parameter(str(args[0]), f"os.environ {args[0]}", module, node)
        return args[1] if isinstance(value, Unknown) and len(args) > 1 else value
    if name == "open" and args and plain:
        return app.open_file(str(args[0]), module, node)
    if name in ("json.load", "json.loads", "yaml.safe_load", "yaml.load", "yaml.full_load") and args and plain:
        try:
            return json.loads(args[0]) if name.startswith("json") else safe_yaml.load(args[0], module.path)
        except ValueError as exc:
            return unknown(module.code(node), module.path, module.line(node), f"not readable ({exc})")
    return NotImplemented
