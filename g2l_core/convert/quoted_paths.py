"""Glue field paths with backtick-quoted parts: ``"`(right) serialNumber`"``, ``"`a.b`"``, ``"order.`ship-to`"``.

Glue Studio's Join node renames the right frame's clashing keys to ``` `(right) name` ``` with ApplyMapping,
joins on them and drops them again with DropFields. In a Glue path a part in backticks is one field name,
dots and all; the general transform rules read paths as plain names, which gives a column whose name
holds the backticks (``alias("`x`")``) and silent no-ops (``drop("`x`")``, ``withColumnRenamed("`x`", ..)``
match nothing). These rules take over the sites where a literal path has a backtick and emit the field
names without their quotes where Spark takes a name literally (``alias``, ``drop``, ``withColumn``,
``withColumnRenamed``) and quoted where Spark parses a path (``F.col``, ``select``, ``dropFields``).
"""

from __future__ import annotations

import re

import libcst as cst

from g2l_core.convert import build
from g2l_core.convert.rules import EARLY, Outcome, Site
from g2l_core.convert.transforms import ApplyMappingRule, DropFieldsRule, RenameFieldRule, SelectFieldsRule

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*$")


def path_parts(path: str) -> list[str]:
    """The field names of a Glue path: split on dots outside backticks, quotes removed (```` `` ```` is
    a literal backtick inside a quoted part)."""
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    i = 0
    while i < len(path):
        ch = path[i]
        if ch == "`":
            if quoted and path[i + 1:i + 2] == "`":
                current.append("`")
                i += 2
                continue
            quoted = not quoted
        elif ch == "." and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    if quoted:
        raise ValueError(f"unclosed backtick in Glue path {path!r}")
    parts.append("".join(current))
    return parts


def spark_path(parts: list[str]) -> str:
    """The path as Spark parses it (``F.col``, ``select``, ``dropFields``): parts quoted where needed."""
    return ".".join(p if _PLAIN.match(p) else "`" + p.replace("`", "``") + "`" for p in parts)


def _quoted(values) -> bool:
    return any(isinstance(v, str) and "`" in v for v in values)


def _mentions_backtick(site: Site, node: cst.BaseExpression | None) -> bool:
    """A cheap look at the literal strings of an argument (through a module constant) before anything
    evaluates it: most paths have no backtick, and this runs for every ApplyMapping/DropFields call."""
    if node is None:
        return False
    stack: list[cst.CSTNode] = [site.constant(node)]
    while stack:
        item = stack.pop()
        if isinstance(item, cst.SimpleString):
            if "`" in item.value:
                return True
        elif isinstance(item, (cst.List, cst.Tuple)):
            stack.extend(e.value for e in item.elements)
        elif not isinstance(item, (cst.Integer, cst.Name)):
            return True  # something else: let the full check decide
    return False


def _literal_paths(rule, site: Site, name: str) -> list[str] | None:
    paths = rule.literal_or_none(site, name)
    if isinstance(paths, (list, tuple)) and all(isinstance(p, str) for p in paths):
        return list(paths)
    return None


def _parts_or_none(paths: list[str]) -> list[list[str]] | None:
    try:
        return [path_parts(p) for p in paths]
    except ValueError:
        return None


class QuotedApplyMapping(ApplyMappingRule):
    DESCRIPTION = ("ApplyMapping with backtick-quoted paths -> `select(F.col('`src`').alias('name'))`: the target's "
                   "quotes are not part of its name")
    PRIORITY = EARLY

    def matches(self, site: Site) -> bool:
        if not super().matches(site) or not _mentions_backtick(site, self.original_param(site, "mappings")):
            return False
        mappings = self.literal_or_none(site, "mappings")
        return isinstance(mappings, (list, tuple)) and any(
            isinstance(m, (list, tuple)) and _quoted(m) for m in mappings)

    def _columns(self, site: Site, mappings) -> list[cst.BaseExpression] | None:
        """The general rule's columns, given sources as Spark parses them and targets without quotes; a
        nested target, or one whose name holds a dot, goes to the helper (None), which reads the quotes."""
        plain = []
        for mapping in mappings:
            if not isinstance(mapping, (list, tuple)) or len(mapping) != 4:
                return None
            if not all(isinstance(x, str) for x in mapping):
                return None
            source, source_type, target, target_type = mapping
            parts = _parts_or_none([source, target])
            if parts is None or len(parts[1]) != 1 or "." in parts[1][0]:
                return None
            plain.append((spark_path(parts[0]), source_type, parts[1][0], target_type))
        return super()._columns(site, plain)


class QuotedDropFields(DropFieldsRule):
    DESCRIPTION = ("DropFields with backtick-quoted paths -> `drop('name')` with the quotes removed (a quoted "
                   "name is dropped literally; nested parts via `dropFields`)")
    PRIORITY = EARLY

    def matches(self, site: Site) -> bool:
        if not super().matches(site) or not _mentions_backtick(site, self.original_param(site, "paths")):
            return False
        paths = _literal_paths(self, site, "paths")
        return paths is not None and _quoted(paths) and _parts_or_none(paths) is not None

    def rewrite(self, site: Site) -> Outcome:
        if (found := self.required(site, "paths", what="frame/paths")) is None:
            return None
        frame, _ = found
        parts = _parts_or_none(_literal_paths(self, site, "paths") or [])
        assert parts is not None  # matches() checked it
        top = [p[0] for p in parts if len(p) == 1]
        result = build.method(frame, "drop", *top) if top else frame
        F = site.functions()
        for nested in (p for p in parts if len(p) > 1):
            parent = build.call(build.attribute(F, "col"), spark_path(nested[:1]))
            result = build.method(result, "withColumn", nested[0],
                                  build.method(parent, "dropFields", spark_path(nested[1:])))
        self.converted(site, "drop of the listed fields (backtick-quoted names dropped as written inside the quotes)")
        return result


class QuotedSelectFields(SelectFieldsRule):
    DESCRIPTION = "SelectFields with backtick-quoted top-level names -> `select('`name`')`"
    PRIORITY = EARLY

    def matches(self, site: Site) -> bool:
        if not super().matches(site) or not _mentions_backtick(site, self.original_param(site, "paths")):
            return False
        paths = _literal_paths(self, site, "paths")
        parts = _parts_or_none(paths) if paths is not None and _quoted(paths) else None
        return parts is not None and all(len(p) == 1 for p in parts)

    def rewrite(self, site: Site) -> Outcome:
        if (found := self.required(site, "paths", what="frame/paths")) is None:
            return None
        frame, _ = found
        parts = _parts_or_none(_literal_paths(self, site, "paths") or [])
        assert parts is not None
        self.converted(site, "select of the listed top-level fields (backtick-quoted names kept quoted for Spark)")
        return build.method(frame, "select", *(spark_path(p) for p in parts))


class QuotedRenameField(RenameFieldRule):
    DESCRIPTION = "RenameField of a backtick-quoted top-level name -> `withColumnRenamed('name', 'new')` without quotes"
    PRIORITY = EARLY

    def matches(self, site: Site) -> bool:
        if not super().matches(site) or not any(
                _mentions_backtick(site, self.original_param(site, n)) for n in ("old_name", "new_name")):
            return False
        old, new = self.literal_or_none(site, "old_name"), self.literal_or_none(site, "new_name")
        if not (isinstance(old, str) and isinstance(new, str) and _quoted([old, new])):
            return False
        parts = _parts_or_none([old, new])
        return parts is not None and len(parts[0]) == 1 and len(parts[1]) == 1

    def rewrite(self, site: Site) -> Outcome:
        if (found := self.required(site, "old_name", "new_name", what="frame/names")) is None:
            return None
        frame = found[0]
        old, new = (path_parts(self.literal(site, n))[0] for n in ("old_name", "new_name"))
        self.converted(site, "withColumnRenamed (backtick quotes are not part of the names)")
        return build.method(frame, "withColumnRenamed", old, new)


RULES = (QuotedApplyMapping, QuotedDropFields, QuotedSelectFields, QuotedRenameField)
