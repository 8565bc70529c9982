"""``awsglue.transforms`` classes and the equivalent DynamicFrame methods -> DataFrame operations.

Each rule accepts both spellings: ``ApplyMapping.apply(frame=dyf, mappings=...)`` and
``dyf.apply_mapping(...)``. Method names PySpark's DataFrame also has (``filter``, ``map``, ``join``,
``union``) are only rewritten when the receiver is known to be a DynamicFrame.
"""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst

from g2l_core.convert import build, storage
from g2l_core.convert.model import Kind
from g2l_core.convert.predicates import function_predicate, lambda_predicate
from g2l_core.convert.rules import Outcome, Rule, Site, glue_method, transform_apply

# Glue type names -> Spark SQL type names (for try_cast).
GLUE_TYPES = {
    "long": "bigint", "bigint": "bigint", "int": "int", "integer": "int", "short": "smallint",
    "smallint": "smallint", "byte": "tinyint", "tinyint": "tinyint", "float": "float", "double": "double",
    "string": "string", "boolean": "boolean", "bool": "boolean", "timestamp": "timestamp", "date": "date",
    "binary": "binary", "decimal": "decimal(10,2)",
}
_DECIMAL = re.compile(r"decimal\(\s*(\d+)\s*,\s*(\d+)\s*\)$")


def spark_type(glue_type: str) -> str | None:
    t = glue_type.strip().lower()
    if t in GLUE_TYPES:
        return GLUE_TYPES[t]
    match = _DECIMAL.match(t)
    if match:
        return f"decimal({match.group(1)},{match.group(2)})"
    return None


_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*$")


def path_parts(path: str) -> list[str]:
    """The field names of a Glue path: split on dots outside backticks, quotes removed (```` `` ```` is
    a literal backtick inside a quoted part). Glue Studio's Join node names clashing keys
    ``` `(right) key` ```: in a Glue path a part in backticks is one field name, dots and all."""
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


def _fields(path: str) -> list[str] | None:
    """A literal Glue path's field names; a path with backticks is parsed (None when a quote is unclosed),
    where Spark takes names literally (``alias``, ``drop``, ``withColumnRenamed``) the quotes must go."""
    if "`" not in path:
        return path.split(".")
    try:
        return path_parts(path)
    except ValueError:
        return None


def _as_spark(path: str, parts: list[str]) -> str:
    """``path`` as Spark parses it: unchanged unless it had backtick quotes."""
    return spark_path(parts) if "`" in path else path


class TransformRule(Rule):
    """A transform callable as ``Class.apply(frame, ...)`` or ``frame.method(...)``."""

    CLASS: ClassVar[str] = ""
    METHOD: ClassVar[str | None] = None
    PARAMS: ClassVar[tuple[str, ...]] = ()  # class-form parameters after `frame`, in order
    METHOD_PARAMS: ClassVar[tuple[str, ...] | None] = None  # method-form names, when they differ
    NEEDS_DYNAMIC_FRAME: ClassVar[bool] = False  # method name PySpark's DataFrame also has

    def __init_subclass__(cls, **kw) -> None:
        super().__init_subclass__(**kw)
        if cls.CLASS:
            cls.API = cls.CLASS
            matcher = transform_apply(cls.CLASS)
            if cls.METHOD:
                matcher = matcher | glue_method(cls.METHOD)
            cls.MATCHER = matcher

    def matches(self, site: Site) -> bool:
        if not super().matches(site):
            return False
        func = site.original.func
        assert isinstance(func, cst.Attribute)
        if func.attr.value == "apply" and isinstance(func.value, cst.Name) and func.value.value == self.CLASS:
            return site.is_glue_class(func.value, self.CLASS)
        if self.NEEDS_DYNAMIC_FRAME:
            return site.kind(site.original_receiver()) is Kind.DYNAMIC_FRAME
        return site.kind(site.original_receiver()) not in (Kind.DATA_FRAME, Kind.SPARK_SESSION)

    def is_method(self, site: Site) -> bool:
        return site.original.func.attr.value != "apply"  # type: ignore[attr-defined]

    def api(self, site: Site) -> str:
        return f"DynamicFrame.{self.METHOD}" if self.is_method(site) else self.CLASS

    def frame(self, site: Site) -> cst.BaseExpression | None:
        return site.receiver() if self.is_method(site) else site.arg(0, "frame")

    def _position(self, site: Site, name: str) -> tuple[int, str]:
        if self.is_method(site):
            names = self.METHOD_PARAMS or self.PARAMS
            index = self.PARAMS.index(name)
            return index, names[index]
        return self.PARAMS.index(name) + 1, name

    def param(self, site: Site, name: str) -> cst.BaseExpression | None:
        position, keyword = self._position(site, name)
        return site.arg(position, keyword)

    def original_param(self, site: Site, name: str) -> cst.BaseExpression | None:
        position, keyword = self._position(site, name)
        return site.original_arg(position, keyword)

    def literal(self, site: Site, name: str, default=None):
        position, keyword = self._position(site, name)
        return site.literal(position, keyword, default)

    def required(self, site: Site, *names: str, what: str) -> tuple | None:
        """The frame and the named parameters, or None (with a review flag) when any of them is missing."""
        nodes = (self.frame(site), *(self.param(site, n) for n in names))
        if any(n is None for n in nodes):
            self.flag(site, f"{self.CLASS} without {what}")
            return None
        return nodes

    def literal_or_none(self, site: Site, name: str, default=None):
        try:
            return self.literal(site, name, default)
        except ValueError:
            return None

    def converted(self, site: Site, message: str) -> None:
        site.converted(self, message, self.api(site))

    def with_helper(self, site: Site, message: str) -> None:
        site.with_helper(self, message, self.api(site))

    def flag(self, site: Site, message: str) -> None:
        site.flag(self, message, self.api(site))

    def helper_call(self, site: Site, helper: str, *args, message: str, review: str | None = None, **kwargs):
        frame = self.frame(site)
        if frame is None:
            self.flag(site, "no frame argument")
            return None
        self.with_helper(site, message)
        if review:
            site.review(review)
        return build.call(site.helper(helper), frame, *args, **kwargs)


class ApplyMappingRule(TransformRule):
    DESCRIPTION = "ApplyMapping -> `select(F.col(src).try_cast(type).alias(dst), ...)`: only mapped fields survive"
    CLASS, METHOD = "ApplyMapping", "apply_mapping"
    PARAMS = ("mappings", "case_sensitive", "transformation_ctx")

    def rewrite(self, site: Site) -> Outcome:
        frame = self.frame(site)
        mappings = self.literal_or_none(site, "mappings")
        columns = self._columns(site, mappings) if frame is not None else None
        if columns is None:
            node = self.param(site, "mappings")
            if node is None:
                self.flag(site, "ApplyMapping without mappings")
                return None
            return self.helper_call(site, "map_columns", node,
                                    message="mappings computed at run time or nested targets: helper applies them "
                                            "(only mapped fields survive, failed casts give NULL)")
        self.converted(site, "select of the mapped fields only; try_cast gives NULL where Glue's cast does")
        return build.method(frame, "select", *columns, multiline=len(columns) > 2)

    def _columns(self, site: Site, mappings) -> list[cst.BaseExpression] | None:
        if not isinstance(mappings, (list, tuple)):
            return None
        F = site.functions()
        columns = []
        for mapping in mappings:
            if not isinstance(mapping, (list, tuple)) or len(mapping) != 4 or not all(isinstance(x, str) for x in mapping):
                return None
            source, source_type, target, target_type = mapping
            source_parts, target_parts = _fields(source), _fields(target)
            if source_parts is None or target_parts is None or len(target_parts) != 1 or "." in target_parts[0]:
                return None  # nested target: Glue builds a struct; the helper does that
            source, target = _as_spark(source, source_parts), target_parts[0]
            column: cst.BaseExpression = build.call(build.attribute(F, "col"), source)
            cast = source_type.strip().lower() != target_type.strip().lower()
            if cast:
                cast_to = spark_type(target_type)
                if cast_to is None:
                    return None
                column = build.method(column, "try_cast", cast_to)
            if cast or target != source:  # a cast renames the column to TRY_CAST(...)
                column = build.method(column, "alias", target)
            columns.append(column)
        return columns


class SelectFieldsRule(TransformRule):
    DESCRIPTION = "SelectFields / select_fields -> `select(...)`"
    CLASS, METHOD = "SelectFields", "select_fields"
    PARAMS = ("paths", "transformation_ctx")

    def rewrite(self, site: Site) -> Outcome:
        if (found := self.required(site, "paths", what="frame/paths")) is None:
            return None
        frame, node = found
        paths = self.literal_or_none(site, "paths")
        if isinstance(paths, (list, tuple)) and all(isinstance(p, str) for p in paths):
            parts = [_fields(p) for p in paths]
            if any(f is None or len(f) > 1 for f in parts):
                return self.helper_call(site, "select_columns", node,
                                        message="nested paths keep their struct nesting via the helper")
            self.converted(site, "select of the listed top-level fields")
            return build.method(frame, "select", *(_as_spark(p, f) for p, f in zip(paths, parts)))
        return self.helper_call(site, "select_columns", node, message="paths computed at run time")


class DropFieldsRule(TransformRule):
    DESCRIPTION = "DropFields / drop_fields -> `drop(...)` (nested paths via `dropFields`)"
    CLASS, METHOD = "DropFields", "drop_fields"
    PARAMS = ("paths", "transformation_ctx")

    def rewrite(self, site: Site) -> Outcome:
        if (found := self.required(site, "paths", what="frame/paths")) is None:
            return None
        frame, node = found
        paths = self.literal_or_none(site, "paths")
        parts = [_fields(p) for p in paths] if isinstance(paths, (list, tuple)) and all(
            isinstance(p, str) for p in paths) else None
        if parts is None or any(f is None for f in parts):
            return self.helper_call(site, "drop_columns", node, message="paths computed at run time")
        top = [f[0] for f in parts if len(f) == 1]
        result = build.method(frame, "drop", *top) if top else frame
        for path, fields in ((p, f) for p, f in zip(paths, parts) if len(f) > 1):
            parent, rest = (spark_path(fields[:1]), spark_path(fields[1:])) if "`" in path else path.split(".", 1)
            F = site.functions()
            result = build.method(result, "withColumn", fields[0],
                                  build.method(build.call(build.attribute(F, "col"), parent), "dropFields", rest))
        self.converted(site, "drop of the listed fields")
        return result


class RenameFieldRule(TransformRule):
    DESCRIPTION = "RenameField / rename_field -> `withColumnRenamed(old, new)`"
    CLASS, METHOD = "RenameField", "rename_field"
    PARAMS = ("old_name", "new_name", "transformation_ctx")
    METHOD_PARAMS = ("oldName", "newName", "transformation_ctx")

    def rewrite(self, site: Site) -> Outcome:
        if (found := self.required(site, "old_name", "new_name", what="frame/names")) is None:
            return None
        frame, old, new = found
        old_value, new_value = self.literal_or_none(site, "old_name"), self.literal_or_none(site, "new_name")
        old_fields = _fields(old_value) if isinstance(old_value, str) else None
        if old_fields is None or len(old_fields) > 1:
            return self.helper_call(site, "rename_column", old, new,
                                    message="nested or computed field name: the helper renames inside structs")
        if "`" in old_value:
            old = old_fields[0]
        new_fields = _fields(new_value) if isinstance(new_value, str) and "`" in new_value else None
        if new_fields is not None and len(new_fields) == 1:
            new = new_fields[0]
        self.converted(site, "withColumnRenamed")
        return build.method(frame, "withColumnRenamed", old, new)


MAKE_COLS = ("make_cols: Glue gives one column per type seen (col_long, col_string); a Spark column has one "
             "type, so check the code that reads the split columns")


class ResolveChoiceRule(TransformRule):
    DESCRIPTION = "ResolveChoice: cast/project -> try_cast; make_cols/make_struct/match_catalog -> helpers"
    CLASS, METHOD = "ResolveChoice", "resolveChoice"
    PARAMS = ("specs", "choice", "database", "table_name", "transformation_ctx")

    def rewrite(self, site: Site) -> Outcome:
        if (found := self.required(site, what="frame")) is None:
            return None
        (frame,) = found
        specs_node = self.param(site, "specs")
        choice = self.literal_or_none(site, "choice", "")
        if choice == "match_catalog" or (specs_node is None and self.param(site, "database") is not None):
            name, note = storage.table_name(site, self.param(site, "database"), self.param(site, "table_name"))
            if name is None:
                self.flag(site, "match_catalog without database/table_name")
                return None
            return self.helper_call(site, "match_catalog", name,
                                    message="columns cast (try_cast) to the Unity Catalog table's types"
                                            + (f"; {note}" if note else ""))
        if specs_node is None:
            if choice is None:
                self.flag(site, "choice computed at run time")
                return None
            if choice == "make_cols":
                self.flag(site, MAKE_COLS)
                return frame
            self.converted(site, "Spark columns have a single type, so a global choice needs no action")
            return frame
        specs = self.literal_or_none(site, "specs")
        if not isinstance(specs, (list, tuple)) or not all(
            isinstance(s, (list, tuple)) and len(s) == 2 and all(isinstance(x, str) for x in s) for s in specs
        ):
            return self.helper_call(site, "resolve_choice", specs_node,
                                    message="specs computed at run time: helper applies cast/project/make_cols/make_struct")
        result = frame
        helper = False
        for path, action in specs:
            kind, _, type_name = action.partition(":")
            if kind in ("cast", "project") and "." not in path and spark_type(type_name):
                F = site.functions()
                column = build.method(build.call(build.attribute(F, "col"), path), "try_cast", spark_type(type_name))
                result = build.method(result, "withColumn", path, column)
            elif kind in ("make_cols", "make_struct", "cast", "project"):
                helper = True
                result = build.call(site.helper("resolve_choice"), result, build.literal([(path, action)]))
            else:
                self.flag(site, f"unknown ResolveChoice action {action!r}")
                return None
        message = "cast/project become try_cast (NULL where the value does not fit, as in Glue)"
        if any(action.startswith("make_cols") for _, action in specs):
            self.flag(site, MAKE_COLS)
        elif helper:
            self.with_helper(site, message + "; make_cols/make_struct/nested paths via the helper")
        else:
            self.converted(site, message)
        return result


class DropNullFieldsRule(TransformRule):
    DESCRIPTION = "DropNullFields -> `g2l_helpers.drop_null_fields(df)`"
    CLASS = "DropNullFields"
    PARAMS = ("transformation_ctx",)

    def rewrite(self, site: Site) -> Outcome:
        return self.helper_call(site, "drop_null_fields", message="drops columns that are null in every row")


class FilterRule(TransformRule):
    DESCRIPTION = "Filter lambda -> Column expression when provably equivalent, else the function as a UDF"
    CLASS, METHOD = "Filter", "filter"
    PARAMS = ("f", "transformation_ctx")
    NEEDS_DYNAMIC_FRAME = True

    def rewrite(self, site: Site) -> Outcome:
        if (found := self.required(site, "f", what="frame/function")) is None:
            return None
        frame, fn = found
        column = self._column(site, self.original_param(site, "f"))
        if column is not None:
            self.converted(site, "predicate rewritten as a Column expression")
            return build.method(frame, "filter", column)
        return self.helper_call(site, "filter_records", fn,
                                message="runs the original function per record (Python UDF); errors drop the record "
                                        "as in Glue",
                                review="Filter function runs as a Python UDF; rewrite it as a Column expression "
                                       "for speed")

    def _column(self, site: Site, fn) -> cst.BaseExpression | None:
        if isinstance(fn, cst.Lambda):
            column = lambda_predicate(fn, "F")
        elif isinstance(fn, cst.Name):
            column = self._named(site, fn.value)
        else:
            column = None
        if column is not None:
            site.functions()
        return column

    @staticmethod
    def _named(site: Site, name: str):
        """A module function whose body is a single ``return <predicate>``."""
        function = site.function(name)
        if function is None or not isinstance(function.body, cst.IndentedBlock) or len(function.body.body) != 1:
            return None
        stmt = function.body.body[0]
        if isinstance(stmt, cst.SimpleStatementLine) and isinstance(stmt.body[0], cst.Return) and stmt.body[0].value:
            return function_predicate(function.params, stmt.body[0].value, "F")
        return None


class MapRule(TransformRule):
    DESCRIPTION = "Map -> `g2l_helpers.map_records(df, f)` (mapInPandas), flagged for review"
    CLASS, METHOD = "Map", "map"
    PARAMS = ("f", "transformation_ctx")
    NEEDS_DYNAMIC_FRAME = True

    def rewrite(self, site: Site) -> Outcome:
        if (found := self.required(site, "f", what="frame/function")) is None:
            return None
        frame, fn = found
        message = ("record function runs per row via mapInPandas; output schema inferred from a sample: "
                   "pass schema= or rewrite with withColumn")
        site.decide(self, "flagged", message, self.api(site))
        site.review(message)
        return build.call(site.helper("map_records"), frame, fn)


class JoinRule(TransformRule):
    DESCRIPTION = "Join -> `df1.join(df2, [df1[k1] == df2[k2], ...], 'inner')` keeping both key columns"
    CLASS, METHOD = "Join", "join"
    PARAMS = ("frame2", "keys1", "keys2", "transformation_ctx")
    METHOD_PARAMS = ("paths1", "paths2", "frame2", "transformation_ctx")
    NEEDS_DYNAMIC_FRAME = True

    def frame(self, site: Site):
        return site.receiver() if self.is_method(site) else site.arg(0, "frame1")

    def _position(self, site: Site, name: str) -> tuple[int, str]:
        if self.is_method(site):
            order = {"keys1": 0, "keys2": 1, "frame2": 2, "transformation_ctx": 3}
            return order[name], self.METHOD_PARAMS[order[name]]  # type: ignore[index]
        return {"frame2": 1, "keys1": 2, "keys2": 3, "transformation_ctx": 4}[name], name

    def rewrite(self, site: Site) -> Outcome:
        left, right = self.frame(site), self.param(site, "frame2")
        keys1, keys2 = self.literal_or_none(site, "keys1"), self.literal_or_none(site, "keys2")
        if left is None or right is None:
            self.flag(site, "Join without both frames")
            return None
        keys1 = [keys1] if isinstance(keys1, str) else keys1
        keys2 = [keys2] if isinstance(keys2, str) else keys2
        simple = all(isinstance(f, (cst.Name, cst.Attribute)) for f in (left, right))
        if not (simple and isinstance(keys1, list) and isinstance(keys2, list) and len(keys1) == len(keys2) and keys1):
            return build.call(site.helper("join_frames"), left, right, self.param(site, "keys1"),
                              self.param(site, "keys2")) if self._helper(site) else None
        conditions = [build.compare(cst.Subscript(left, [cst.SubscriptElement(cst.Index(build.string(a)))]),
                                    cst.Equal(),
                                    cst.Subscript(right, [cst.SubscriptElement(cst.Index(build.string(b)))]))
                      for a, b in zip(keys1, keys2)]
        condition = conditions[0] if len(conditions) == 1 else cst.List([cst.Element(c) for c in conditions])
        self.converted(site, "inner equi-join; both key columns kept as in Glue")
        return build.method(left, "join", right, condition, "inner")

    def _helper(self, site: Site) -> bool:
        self.with_helper(site, "keys or frames computed at run time: helper builds the inner equi-join")
        return True


class UnionRule(TransformRule):
    DESCRIPTION = "Union -> `unionByName(other, allowMissingColumns=True)`"
    CLASS, METHOD = "Union", "union"
    PARAMS = ("frame2", "transformation_ctx")
    METHOD_PARAMS = ("other_frame", "transformation_ctx")
    NEEDS_DYNAMIC_FRAME = True

    def frame(self, site: Site):
        return site.receiver() if self.is_method(site) else site.arg(0, "frame1")

    def rewrite(self, site: Site) -> Outcome:
        left, right = self.frame(site), self.param(site, "frame2")
        if left is None or right is None:
            self.flag(site, "Union without both frames")
            return None
        self.converted(site, "by-name union; fields missing on one side become NULL as in Glue")
        return build.method(left, "unionByName", right, allowMissingColumns=True)


class SplitFieldsRule(TransformRule):
    DESCRIPTION = "SplitFields -> helper returning {name1: selected, name2: rest}"
    CLASS, METHOD = "SplitFields", "split_fields"
    PARAMS = ("paths", "name1", "name2", "transformation_ctx")

    def rewrite(self, site: Site) -> Outcome:
        args = [self.param(site, p) for p in ("paths", "name1", "name2")]
        if args[0] is None:
            self.flag(site, "SplitFields without paths")
            return None
        kwargs = {k: v for k, v in zip(("name1", "name2"), args[1:]) if v is not None}
        return self.helper_call(site, "split_columns", args[0], message="two selects returned as a dict", **kwargs)


class SplitRowsRule(TransformRule):
    DESCRIPTION = "SplitRows -> helper returning {name1: matching rows, name2: the rest}"
    CLASS, METHOD = "SplitRows", "split_rows"
    PARAMS = ("comparison_dict", "name1", "name2", "transformation_ctx")

    def rewrite(self, site: Site) -> Outcome:
        args = [self.param(site, p) for p in ("comparison_dict", "name1", "name2")]
        if args[0] is None:
            self.flag(site, "SplitRows without comparison_dict")
            return None
        kwargs = {k: v for k, v in zip(("name1", "name2"), args[1:]) if v is not None}
        return self.helper_call(site, "split_by_filter", args[0], message="a filter and its complement, as a dict",
                                **kwargs)


class RelationalizeRule(TransformRule):
    DESCRIPTION = "Relationalize -> helper flattening structs and exploding arrays into child tables"
    CLASS, METHOD = "Relationalize", "relationalize"
    PARAMS = ("staging_path", "name", "options", "transformation_ctx")
    METHOD_PARAMS = ("staging_path", "root_table_name", "options", "transformation_ctx")

    def _position(self, site: Site, name: str) -> tuple[int, str]:
        if self.is_method(site):  # relationalize(root_table_name, staging_path, options, ...)
            order = {"name": (0, "root_table_name"), "staging_path": (1, "staging_path"), "options": (2, "options")}
            return order[name]
        return super()._position(site, name)

    def rewrite(self, site: Site) -> Outcome:
        root = self.param(site, "name")
        kwargs = {"root": root} if root is not None else {}
        return self.helper_call(site, "flatten_to_tables",
                                message="structs flattened to a.b columns, arrays exploded into child tables",
                                review="Relationalize: child-table join ids are generated, not Glue's; check "
                                       "consumers of the child tables", **kwargs)


class UnboxRule(TransformRule):
    DESCRIPTION = "Unbox -> helper parsing a JSON/CSV string column (from_json/from_csv)"
    CLASS, METHOD = "Unbox", "unbox"
    PARAMS = ("path", "format", "transformation_ctx")

    def rewrite(self, site: Site) -> Outcome:
        path, fmt = self.param(site, "path"), self.param(site, "format")
        if path is None or fmt is None:
            self.flag(site, "Unbox without path/format")
            return None
        return self.helper_call(site, "parse_string_column", path, fmt, message="string column parsed with a schema inferred from the data")


class UnnestRule(TransformRule):
    DESCRIPTION = "UnnestFrame / unnest -> helper flattening structs into `a.b` columns"
    CLASS, METHOD = "UnnestFrame", "unnest"
    PARAMS = ("transformation_ctx",)

    def rewrite(self, site: Site) -> Outcome:
        return self.helper_call(site, "flatten_struct_columns", message="nested struct fields become top-level `a.b` columns")


RULES = (ApplyMappingRule, SelectFieldsRule, DropFieldsRule, RenameFieldRule, ResolveChoiceRule,
         DropNullFieldsRule, FilterRule, MapRule, JoinRule, UnionRule, SplitFieldsRule, SplitRowsRule,
         RelationalizeRule, UnboxRule, UnnestRule)
