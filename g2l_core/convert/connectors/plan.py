"""What a Glue connector read or write becomes on Databricks, independent of the syntax tree.

A family module (redshift, jdbc, streaming, ...) turns Glue's ``connection_type`` and option dict into
a ``Plan``: the Spark format, the options in the order they are written, where the data is loaded from
or saved to, and why a person has to look at the result. Option values are kept as they were given:
plain Python values in tests, libcst expressions in the converter; a family only looks inside a value
through ``literal`` and passes everything else through untouched.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import libcst as cst

from g2l_core.convert import build

Value = object  # a Python literal, a libcst expression, Secret, HelperCall, Method or Template


@dataclass(frozen=True)
class Secret:
    """One field of a Glue connection (``url``, ``user``, ``password``, ...), read at run time from the
    project's secret scope by ``g2l_helpers.connection_secret`` (environment variables outside
    Databricks). ``connection`` may be computed at run time."""

    connection: Value
    field: str


@dataclass(frozen=True)
class HelperCall:
    """``g2l_helpers.<name>(*args)`` in the converted code."""

    name: str
    args: tuple[Value, ...] = ()


@dataclass(frozen=True)
class Method:
    """``<target>.<name>(*args)``: a DataFrame method applied in the converted code (``target`` is
    usually ``FRAME``)."""

    target: Value
    name: str
    args: tuple[Value, ...] = ()


@dataclass(frozen=True)
class Template:
    """``"<text>".format(*args)``: a string built at run time (``{}`` placeholders)."""

    text: str
    args: tuple[Value, ...]


SESSION = HelperCall("<session>")  # stands for the Spark session expression of the converted call
FRAME = HelperCall("<frame>")  # stands for the DataFrame a converted write writes


@dataclass
class Plan:
    """A Spark read or write that stands in for one Glue connector call.

    ``reader`` replaces the whole ``spark.read`` chain by one helper call (DynamoDB exports), ``writer``
    the ``df.write`` chain;
    ``flags`` are reasons the converted call needs review (the call is still converted: no Glue code
    is left); ``notes`` only explain."""

    family: str
    format: Value | None = None
    options: dict[str, Value] = field(default_factory=dict)
    streaming: bool = False
    path: Value | None = None
    mode: str | None = None
    reader: HelperCall | None = None
    writer: HelperCall | None = None
    spread: Value | None = None  # a dict known only at run time, passed as ``.options(**spread)``
    after: HelperCall | None = None  # applied to what was read (``FRAME``), e.g. parsing the records
    before: Value | None = None  # what a write writes instead of the frame (``FRAME``), e.g. records serialized
    notes: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    def option(self, key: str, value: Value) -> None:
        self.options[key] = value

    def helpers(self) -> set[str]:
        """Helper functions the rendered code calls."""
        out = set()
        values = list(self.options.values()) + [self.path, self.reader, self.writer, self.after, self.before]
        while values:
            value = values.pop()
            if isinstance(value, Secret):
                out.add("connection_secret")
                values.append(value.connection)
            elif isinstance(value, HelperCall) and value not in (SESSION, FRAME):
                out.add(value.name)
                values.extend(value.args)
            elif isinstance(value, Template):
                values.extend(value.args)
            elif isinstance(value, Method):
                values.extend((value.target, *value.args))
        return out


class Unsupported(ValueError):
    """No conversion: the message says what to do instead (becomes the review note)."""


_UNKNOWN = object()


def literal(value: Value, default: object = _UNKNOWN) -> object:
    """The Python value of ``value``; ``default`` (or ``Unsupported``) when computed at run time."""
    if isinstance(value, cst.CSTNode):
        try:
            return build.literal_value(value)
        except ValueError:
            if default is _UNKNOWN:
                raise Unsupported("value computed at run time") from None
            return default
    if isinstance(value, (Secret, HelperCall, Method, Template)):
        if default is _UNKNOWN:
            raise Unsupported("value computed at run time")
        return default
    return value


def truthy(value: Value | None) -> bool:
    """Glue reads boolean options from ``True`` or the string ``"true"``."""
    value = literal(value, None) if value is not None else None
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def pick(options: Mapping[str, Value], *keys: str) -> Value | None:
    """The first of ``keys`` present in ``options`` (Glue spells some options two ways)."""
    for key in keys:
        if key in options:
            return options[key]
    return None


def leftover(options: Mapping[str, Value], known: set[str] | frozenset[str]) -> list[str]:
    return sorted(k for k in options if k not in known)
