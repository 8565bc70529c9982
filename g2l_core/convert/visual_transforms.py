"""Glue Studio's visual transforms -> DataFrame operations.

Glue 4 Studio scripts ``import gs_derived`` (a module only Glue has, which attaches the method to
DynamicFrame and DataFrame) and call ``frame.gs_derived(colName="total", expr="price * qty")``. The
imports go with the other Glue imports once nothing uses them. A transform that is one Spark call is
written out (``withColumn`` with ``F.expr``, ``uuid()``, ``current_timestamp``); the others become a call
of the g2l helper doing the same, with the same keyword arguments. Autobalance Processing
(``gs_repartition(numPartitionsStr="8")``) is ``repartition(8)``. Python date codes in a format
(``%Y-%m-%d``) are turned into Spark's pattern (``yyyy-MM-dd``), as Glue does.
"""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m

from g2l_core.convert import build
from g2l_core.convert.model import Kind
from g2l_core.convert.rules import Outcome, Rule, Site, glue_method
from g2l_core.glue_api import VISUAL_TRANSFORMS

API = "Glue Studio visual transform"
# gs_<name> -> the g2l helper taking the frame and Glue's keyword arguments.
HELPERS = {
    "gs_to_timestamp": "to_timestamp_column", "gs_format_timestamp": "format_timestamp_column",
    "gs_identifier": "add_row_identifier", "gs_concat": "concat_columns", "gs_split": "split_column",
    "gs_array_to_cols": "array_to_columns", "gs_explode": "explode_column", "gs_flatten": "flatten_structs",
    "gs_regex_extract": "regex_extract_columns", "gs_null_rows": "drop_null_rows", "gs_pivot": "pivot_rows",
    "gs_now": "add_current_timestamp",
    "gs_sequence_id": "add_row_identifier",  # the Identifier node of earlier Studio versions, same arguments
}
# Python strftime codes -> Spark datetime pattern letters (the codes Glue's own conversion knows).
PYTHON_DATE_CODES = {
    "Y": "yyyy", "y": "yy", "m": "MM", "d": "dd", "H": "HH", "I": "hh", "M": "mm", "S": "ss", "f": "SSSSSS",
    "p": "a", "a": "E", "A": "EEEE", "b": "MMM", "B": "MMMM", "j": "DDD", "z": "Z", "Z": "z", "%": "%",
}
_CODE = re.compile(r"%(.)")


def spark_date_pattern(fmt: str) -> str | None:
    """A format with Python date codes as a Spark pattern (None: a code Spark has no letter for). Text
    between the codes is quoted where it holds letters, which Spark would read as pattern letters."""
    out, last = [], 0
    for match in _CODE.finditer(fmt):
        out.append(_quoted(fmt[last:match.start()]))
        letter = PYTHON_DATE_CODES.get(match.group(1))
        if letter is None:
            return None
        out.append(letter)
        last = match.end()
    if not out:
        return fmt  # already a Spark pattern
    out.append(_quoted(fmt[last:]))
    return "".join(out)


def _quoted(text: str) -> str:
    if not re.search(r"[A-Za-z']", text):
        return text
    return "'" + text.replace("'", "''") + "'"


def _keywords(site: Site) -> dict[str, cst.BaseExpression] | None:
    """The call's arguments by keyword (Studio writes them so); None when one is positional or starred."""
    out = {}
    for arg in site.updated.args:
        if arg.keyword is None or arg.star:
            return None
        out[arg.keyword.value] = arg.value
    return out


class VisualTransform(Rule):
    DESCRIPTION = ("`frame.gs_derived(colName='c', expr='a + b')` -> `frame.withColumn('c', F.expr('a + b'))`; "
                   "other gs_* transforms -> the g2l helper doing the same")
    API = API
    MATCHER = glue_method(*(f"gs_{name}" for name in VISUAL_TRANSFORMS))

    def matches(self, site: Site) -> bool:
        if not super().matches(site):
            return False
        method = site.original.func.attr.value  # type: ignore[attr-defined]
        kind = site.kind(site.original_receiver())
        if kind is Kind.SPARK_SESSION:
            return False
        # Glue attaches the method on import; without one, only a known frame of a Glue module has it.
        return site.imports_module(method) or (site.imports_glue and kind in (Kind.DYNAMIC_FRAME, Kind.DATA_FRAME))

    def rewrite(self, site: Site) -> Outcome:
        method = site.original.func.attr.value  # type: ignore[attr-defined]
        frame = site.receiver()
        kwargs = _keywords(site)
        api = f"DynamicFrame.{method}"
        if kwargs is not None:
            inline = self._inline(site, method, frame, kwargs)
            if inline is not None:
                return inline
        helper = HELPERS.get(method)
        if helper is None:
            site.flag(self, f"Glue Studio transform {method} has no g2l conversion: rewrite it with DataFrame "
                            "operations (the gs_ module exists only on Glue)", api)
            return None
        args = [cst.Arg(frame), *(build.arg(a.value, a.keyword.value if a.keyword else None) if not a.star
                                  else cst.Arg(a.value, star=a.star) for a in site.updated.args)]
        notes = {"gs_identifier": "; ids are unique but not consecutive (monotonically_increasing_id)",
                 "gs_sequence_id": "; ids are unique but not consecutive (monotonically_increasing_id)",
                 "gs_pivot": "; several pivot columns are joined with '_' into one"}
        site.with_helper(self, f"Glue Studio transform {method} -> g2l_helpers.{helper}" + notes.get(method, ""),
                         api)
        return build.call(site.helper(helper), *args)

    def _inline(self, site: Site, method: str, frame: cst.BaseExpression,
                kwargs: dict[str, cst.BaseExpression]) -> cst.BaseExpression | None:
        api = f"DynamicFrame.{method}"
        if method == "gs_derived" and set(kwargs) == {"colName", "expr"}:
            value = build.method(site.functions(), "expr", kwargs["expr"])
            site.converted(self, "derived column -> withColumn with F.expr", api)
            return build.method(frame, "withColumn", kwargs["colName"], value)
        if method == "gs_repartition" and set(kwargs) == {"numPartitionsStr"}:
            count = kwargs["numPartitionsStr"]
            try:
                number = int(build.literal_value(count))
            except (ValueError, TypeError):
                number = None
            value = build.literal(number) if number is not None else build.call("int", count)
            site.converted(self, "Autobalance Processing -> repartition", api)
            return build.method(frame, "repartition", value)
        if method == "gs_uuid" and set(kwargs) <= {"colName"}:
            name = kwargs.get("colName", build.string("uuid"))
            site.converted(self, "UUID column -> withColumn with uuid()", api)
            return build.method(frame, "withColumn", name, build.method(site.functions(), "expr", "uuid()"))
        if method == "gs_now" and "colName" in kwargs and set(kwargs) <= {"colName", "dateFormat"}:
            functions = site.functions()
            now = build.method(functions, "current_timestamp")
            fmt = kwargs.get("dateFormat")
            if fmt is not None:
                try:
                    text = build.literal_value(fmt)
                except ValueError:
                    return None  # computed at run time: the helper converts it
                if text:
                    pattern = spark_date_pattern(text) if isinstance(text, str) else None
                    if pattern is None:
                        return None
                    now = build.method(functions, "date_format", now, pattern)
            site.converted(self, "current timestamp column -> withColumn with current_timestamp()", api)
            return build.method(frame, "withColumn", kwargs["colName"], now)
        return None


class VisualTransformImport(Rule):
    """``import gs_now``: the module exists only on Glue. Its import goes with the other Glue imports once
    no use is left (the method calls are converted above), so this rule only records the decision."""

    DESCRIPTION = "`import gs_derived` -> removed (Glue-only module)"
    API = API
    NODE = cst.SimpleStatementLine
    MATCHER = m.SimpleStatementLine()

    def matches(self, site: Site) -> bool:
        stmt = site.original
        return len(stmt.body) == 1 and isinstance(stmt.body[0], cst.Import) and any(
            _module(alias) in _MODULES for alias in stmt.body[0].names)

    def rewrite(self, site: Site) -> Outcome:
        names = ", ".join(sorted(_module(a) for a in site.original.body[0].names if _module(a) in _MODULES))
        site.converted(self, f"{names}: Glue Studio module, not on Databricks; its transforms are converted")
        return None


_MODULES = frozenset(f"gs_{name}" for name in VISUAL_TRANSFORMS)


def _module(alias: cst.ImportAlias) -> str:
    node = alias.name
    return node.value if isinstance(node, cst.Name) else ""


RULES = (VisualTransform, VisualTransformImport)
