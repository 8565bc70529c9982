"""What is a Glue value? Resolve expressions to a ``Kind`` by following names within one module.

Assignments are looked up flow-sensitively at statement granularity (the latest assignment before
the use in the same scope, else any assignment in an enclosing scope), parameters by convention
(``glueContext``/``glue_context``/``glue_ctx``), annotation, or what the module's own call sites pass,
and calls to local functions by what those functions return. Anything else is unknown (``None``) and
rules that could hit PySpark's own same-named methods leave it alone.
"""

from __future__ import annotations

import libcst as cst

from g2l_core import glue_api
from g2l_core.convert.model import Kind
from g2l_core.convert.scan import CONTEXT_KEYWORDS, MODULE_SCOPE, ModuleFacts

GLUE_CONTEXT_PARAMS = CONTEXT_KEYWORDS
ANNOTATION_KINDS = {
    "GlueContext": Kind.GLUE_CONTEXT,
    "DynamicFrame": Kind.DYNAMIC_FRAME,
    "DynamicFrameCollection": Kind.COLLECTION,
    "SparkSession": Kind.SPARK_SESSION,
    "DataFrame": Kind.DATA_FRAME,
}

# DynamicFrame methods and what they return (PySpark's same-named methods included: the receiver decides).
_FRAME_RETURNS = glue_api.returns(glue_api.FRAME_METHOD)
DYF_TO_DYF = frozenset(n for n, r in _FRAME_RETURNS.items() if r == glue_api.DYNAMIC_FRAME) - {"fromDF"}
DYF_TO_COLLECTION = frozenset(n for n, r in _FRAME_RETURNS.items() if r == glue_api.COLLECTION)
# DynamicFrame methods no rule converts that give a DynamicFrame: what follows them is still a frame's call.
UNCONVERTED_DYF_TO_DYF = frozenset({"mapPartitions", "mapPartitionsWithIndex", "with_frame_schema"})
# DataFrame methods that return a DataFrame (enough to keep `df.toDF("a", "b")` recognised as PySpark).
DF_TO_DF = frozenset({
    "select", "selectExpr", "filter", "where", "withColumn", "withColumns", "withColumnRenamed", "drop",
    "dropDuplicates", "distinct", "join", "union", "unionByName", "toDF", "alias", "limit", "orderBy",
    "sort", "repartition", "coalesce", "cache", "persist", "groupBy", "agg", "fillna", "na", "transform",
})
# RDDs: `rdd.toDF()` builds a DataFrame from an RDD, so it is never reduced to its receiver.
RDD_SOURCES = frozenset({"parallelize", "textFile", "wholeTextFiles", "binaryFiles", "emptyRDD", "pickleFile",
                         "sequenceFile"})
RDD_TO_RDD = frozenset({
    "map", "flatMap", "filter", "mapPartitions", "mapPartitionsWithIndex", "zipWithIndex", "zipWithUniqueId",
    "keyBy", "mapValues", "flatMapValues", "reduceByKey", "groupByKey", "sortByKey", "sortBy", "distinct",
    "union", "repartition", "coalesce", "cache", "persist", "sample", "join", "subtract", "cartesian", "glom",
})
TRANSFORM_RESULT = {n: Kind(r) for n, r in glue_api.returns(glue_api.TRANSFORM).items()}
STAR_EXPORTS = glue_api.STAR_EXPORTS
# Glue's classes and functions that an awsglue star import does not bring (``DynamicFrame`` is not in
# ``awsglue.transforms.__all__``), by name: code that star-imports awsglue and uses one without defining it
# (a Glue Studio helper's ``-> DynamicFrame``) means Glue's.
STAR_ASSUMED = {e.name: e.module for e in glue_api.TABLE
                if e.kind in (glue_api.CLASS, glue_api.FUNCTION) and not e.common and e.name not in STAR_EXPORTS}
READ_NAMESPACES = {n: Kind(r) for n, r in glue_api.returns(glue_api.NAMESPACE).items()}
READ_METHODS = {n: Kind(r) for n, r in glue_api.returns(glue_api.CONTEXT_METHOD).items()}


class Resolver:
    def __init__(self, facts: ModuleFacts) -> None:
        self.facts = facts
        self._cache: dict[tuple[int, int, int], Kind | None] = {}
        self._busy: set[tuple[int, int, int]] = set()
        self._param_cache: dict[tuple[int, str], Kind | None] = {}
        self._returns_cache: dict[int, Kind | None] = {}
        self.frame_methods: set[int] = set()  # functions attached to DynamicFrame: their first parameter is one

    def glue_import(self, name: str) -> str | None:
        """Fully qualified awsglue name a local name refers to, e.g. ``awsglue.transforms.ApplyMapping``."""
        module, imported = self.facts.imports.get(name, ("", ""))
        if module.startswith(("awsglue", "awsglueml", "awsgluedq")):
            return f"{module}.{imported}" if imported else module
        if name not in self.facts.imports and name in STAR_EXPORTS:
            for star in self.facts.star_imports:
                if star.startswith(("awsglue", "awsglueml", "awsgluedq")):
                    return f"{star}.{name}"
        if name not in self.facts.imports:
            for star in self.facts.star_imports:
                if name in glue_api.MODULE_EXPORTS.get(star, ()):
                    return f"{star}.{name}"
        if name in STAR_ASSUMED and name not in self.facts.imports and self._star_glue() and not self._module_binds(name):
            return f"{STAR_ASSUMED[name]}.{name}"
        return None

    def _star_glue(self) -> bool:
        return any(star.startswith(("awsglue", "awsglueml", "awsgluedq")) for star in self.facts.star_imports)

    def _module_binds(self, name: str) -> bool:
        """The module assigns or defines ``name`` at its top level (a class of its own, a stand-in)."""
        facts = self.facts
        return (MODULE_SCOPE, name) in facts.assigns or name in facts.functions or any(
            isinstance(facts.parent.get(id(n)), cst.ClassDef) for n in facts.names.get(name, ()))

    def is_glue_class(self, node: cst.BaseExpression, *names: str) -> bool:
        if not isinstance(node, cst.Name):
            return False
        qualified = self.glue_import(node.value)
        return qualified is not None and qualified.rsplit(".", 1)[-1] in names

    def kind_at(self, node: cst.BaseExpression, anchor: cst.CSTNode) -> Kind | None:
        """Kind of ``node`` where ``anchor`` (a scanned node enclosing it) sits."""
        scope, index = self.where(anchor)
        return self.kind(node, scope, index)

    def where(self, node: cst.CSTNode) -> tuple[int, int]:
        facts = self.facts
        found = facts.where.get(id(node))
        if found is not None:
            return found
        for parent in facts.ancestors(node):
            found = facts.where.get(id(parent))
            if found is not None:
                return found
        return (MODULE_SCOPE, 1 << 30)

    def kind(self, node: cst.BaseExpression, scope: int, at: int) -> Kind | None:
        key = (id(node), scope, at)
        if key in self._cache:
            return self._cache[key]
        if key in self._busy:
            return None
        self._busy.add(key)
        try:
            result = self._kind(node, scope, at)
        finally:
            self._busy.discard(key)
        self._cache[key] = result
        return result

    def _kind(self, node: cst.BaseExpression, scope: int, at: int) -> Kind | None:
        if isinstance(node, cst.Name):
            return self.name_kind(node.value, scope, at)
        if isinstance(node, cst.Call):
            return self._call_kind(node, scope, at)
        if isinstance(node, cst.Attribute):
            attr = node.attr.value
            if attr == "rdd":
                return Kind.RDD
            held = self.self_attribute_kind(node, scope)
            if held is not None:
                return held
            owner = self.kind(node.value, scope, at)
            if owner is Kind.GLUE_CONTEXT:
                return {"spark_session": Kind.SPARK_SESSION, "spark_context": Kind.SPARK_CONTEXT,
                        "sc": Kind.SPARK_CONTEXT}.get(attr)
            if owner is Kind.DYNAMIC_FRAME and attr == "glue_ctx":
                return Kind.GLUE_CONTEXT
            return None
        if isinstance(node, cst.Subscript):
            item = _literal_index(node)
            if item is not None and isinstance(node.value, cst.Call) and isinstance(node.value.func, cst.Name):
                return self.returned_item(node.value.func.value, item)  # ctx, job = init_glue()
            return Kind.DYNAMIC_FRAME if self.kind(node.value, scope, at) is Kind.COLLECTION else None
        return None

    def name_kind(self, name: str, scope: int, at: int) -> Kind | None:
        facts = self.facts
        for s in facts.scope_chain(scope):
            bindings = facts.assigns.get((s, name))
            if bindings:
                earlier = [b for b in bindings if b.index < at] if s == scope else bindings
                if earlier:
                    b = earlier[-1]
                    return self.kind(b.value, s, b.index)
            if (s, name) in facts.params:
                return self.param_kind(s, name)
            if bindings:  # assigned later in this scope only (a loop); use the first assignment
                return self.kind(bindings[0].value, s, bindings[0].index)
        if self.glue_import(name) is None and name in facts.imports:
            return None
        return None

    def enclosing_class(self, scope: int) -> int | None:
        """The class whose method (or a function nested in one) ``scope`` is."""
        facts = self.facts
        for s in facts.scope_chain(scope):
            parent = facts.scope_parent.get(s)
            if parent in facts.classes:
                return parent
        return None

    def self_attribute_kind(self, node: cst.Attribute, scope: int) -> Kind | None:
        """``self.attr`` in a method: the kind of what the class's methods assign to it (``self.glue_context =
        GlueContext(sc)``, ``self.job = Job(...)``), whichever method does."""
        if not (isinstance(node.value, cst.Name) and node.value.value == "self") or not self.facts.self_assigns:
            return None
        cls = self.enclosing_class(scope)
        for method, binding in self.facts.self_assigns.get((cls, node.attr.value), ()) if cls is not None else ():
            kind = self.kind(binding.value, method, binding.index)
            if kind is not None:
                return kind
        return None

    def binding_scope(self, name: str, scope: int) -> int | None:
        """Scope that binds ``name`` as seen from ``scope`` (None: builtin/import/unbound)."""
        for s in self.facts.scope_chain(scope):
            if (s, name) in self.facts.assigns or (s, name) in self.facts.params:
                return s
        return None

    def is_param(self, name: str, scope: int) -> bool:
        s = self.binding_scope(name, scope)
        return s is not None and (s, name) in self.facts.params and (s, name) not in self.facts.assigns

    def param_kind(self, scope: int, name: str) -> Kind | None:
        key = (scope, name)
        if key in self._param_cache:
            return self._param_cache[key]
        self._param_cache[key] = None  # cycle guard
        param = self.facts.params[key]
        result: Kind | None = None
        if param.annotation in ANNOTATION_KINDS:
            result = ANNOTATION_KINDS[param.annotation]
        elif scope in self.frame_methods and param.position == 0:
            result = Kind.DYNAMIC_FRAME
        elif name in GLUE_CONTEXT_PARAMS:
            result = Kind.GLUE_CONTEXT
        else:
            result = self._passed_kind(scope, param) or self._context_by_use(scope, name)
        self._param_cache[key] = result
        return result

    def _context_by_use(self, scope: int, name: str) -> Kind | None:
        """A parameter the function hands to Glue as its GlueContext (``DynamicFrame.fromDF(df, context, n)``,
        ``Job(context)``) holds one, whatever its name: callers in other modules pass theirs."""
        uses = [(a, 1, "glue_ctx") for a in self.facts.attributes.get("fromDF", ())
                if isinstance(a.value, cst.Name) and self.glue_import(a.value.value)]
        uses += [(call.func, 0, "glue_context") for call in self.facts.call_sites.get("Job", ())
                 if self.glue_import("Job")]
        for func, position, keyword in uses:
            call = self.facts.parent.get(id(func))
            if not isinstance(call, cst.Call) or call.func is not func:
                continue
            value = _argument(call, position, keyword)
            if isinstance(value, cst.Name) and value.value == name and self.where(call)[0] == scope:
                return Kind.GLUE_CONTEXT
        return None

    def _passed_kind(self, scope: int, param) -> Kind | None:
        function = next((f for f in self.facts.functions.values() if f is not None and id(f) == scope), None)
        if function is None:
            return None
        for call in self.facts.call_sites.get(function.name.value, ()):
            arg = _argument(call, param.position, param.name)
            if arg is not None:
                kind = self.kind_at(arg, call)
                if kind is not None:
                    return kind
        return None

    def function_returns(self, name: str) -> Kind | None:
        function = self.facts.functions.get(name)
        if function is None:
            return None
        key = id(function)
        if key in self._returns_cache:
            return self._returns_cache[key]
        self._returns_cache[key] = None
        result = None
        for index, value in self.facts.returns.get(key, ()):
            result = self.kind(value, key, index + 1)
            if result is not None:
                break
        self._returns_cache[key] = result
        return result

    def returned_item(self, name: str, position: int) -> Kind | None:
        """Kind of item ``position`` of the tuple the module's function ``name`` returns."""
        function = self.facts.functions.get(name)
        if function is None:
            return None
        for index, value in self.facts.returns.get(id(function), ()):
            if isinstance(value, (cst.Tuple, cst.List)) and position < len(value.elements):
                element = value.elements[position]
                if not isinstance(element, cst.StarredElement):
                    kind = self.kind(element.value, id(function), index + 1)
                    if kind is not None:
                        return kind
        return None

    def _call_kind(self, call: cst.Call, scope: int, at: int) -> Kind | None:
        func = call.func
        if isinstance(func, cst.Name):
            if self.is_glue_class(func, "GlueContext"):
                return Kind.GLUE_CONTEXT
            if self.is_glue_class(func, "Job"):
                return Kind.JOB
            if self.is_glue_class(func, "DynamicFrameCollection"):
                return Kind.COLLECTION
            if func.value == "SparkContext":
                return Kind.SPARK_CONTEXT
            return self.function_returns(func.value)
        if not isinstance(func, cst.Attribute):
            return None
        attr = func.attr.value
        owner_node = func.value
        if isinstance(owner_node, cst.Name):
            if owner_node.value == "SparkContext" and attr == "getOrCreate":
                return Kind.SPARK_CONTEXT
            if self.is_glue_class(owner_node, "DynamicFrame") and attr == "fromDF":
                return Kind.DYNAMIC_FRAME
            if attr == "apply" and self.glue_import(owner_node.value):
                cls = owner_node.value
                qualified = self.glue_import(cls) or cls
                return TRANSFORM_RESULT.get(qualified.rsplit(".", 1)[-1], Kind.DYNAMIC_FRAME)
        if attr == "getOrCreate" and _is_builder_chain(owner_node):
            return Kind.SPARK_SESSION
        if isinstance(owner_node, cst.Attribute) and owner_node.attr.value in READ_NAMESPACES:
            return READ_NAMESPACES[owner_node.attr.value]
        if attr in READ_METHODS:
            return READ_METHODS[attr]
        if attr in RDD_SOURCES:
            return Kind.RDD
        owner = self.kind(owner_node, scope, at)
        if owner is Kind.RDD:
            return Kind.DATA_FRAME if attr == "toDF" else Kind.RDD if attr in RDD_TO_RDD else None
        if owner is Kind.GLUE_CONTEXT:
            return {"getSink": Kind.SINK, "getSource": Kind.SOURCE, "get_logger": Kind.LOGGER}.get(attr)
        if owner is Kind.SOURCE and attr == "getFrame":
            return Kind.DYNAMIC_FRAME
        if owner is Kind.DYNAMIC_FRAME:
            if attr == "toDF":
                return Kind.DATA_FRAME
            if attr in DYF_TO_DYF or attr in UNCONVERTED_DYF_TO_DYF:
                return Kind.DYNAMIC_FRAME
            if attr in DYF_TO_COLLECTION:
                return Kind.COLLECTION
            return None
        if owner is Kind.DATA_FRAME and attr in DF_TO_DF:
            return Kind.DATA_FRAME
        if attr == "toDF":  # whatever the receiver was (not an RDD: above), the result is a DataFrame
            return Kind.DATA_FRAME
        if owner is Kind.COLLECTION and attr == "select":
            return Kind.DYNAMIC_FRAME
        if owner is None and attr in DYF_TO_COLLECTION:
            return Kind.COLLECTION
        if owner is None and attr in DYF_TO_DYF - DF_TO_DF - {"filter", "map"}:
            return Kind.DYNAMIC_FRAME
        return None


def _literal_index(node: cst.Subscript) -> int | None:
    """``i`` of ``x[i]`` with a literal integer ``i``."""
    if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return None
    value = node.slice[0].slice.value
    return int(value.value) if isinstance(value, cst.Integer) and value.value.isdigit() else None


def _is_builder_chain(node: cst.BaseExpression) -> bool:
    """``SparkSession.builder`` followed by any ``.appName(...)``/``.config(...)`` calls."""
    while True:
        if isinstance(node, cst.Call):
            node = node.func
        elif isinstance(node, cst.Attribute):
            if node.attr.value == "builder":
                return True
            node = node.value
        else:
            return False


def _argument(call: cst.Call, position: int, name: str) -> cst.BaseExpression | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg.value
    positional = [a for a in call.args if a.keyword is None and not a.star]
    if 0 <= position < len(positional):
        return positional[position].value
    return None


def argument(call: cst.Call, position: int, name: str) -> cst.BaseExpression | None:
    """The value passed for parameter ``name`` (at ``position``, -1 for keyword-only)."""
    return _argument(call, position, name)
