"""``awsglue.gluetypes`` (Glue's schema classes) -> ``pyspark.sql.types``.

A converted frame's ``df.schema`` holds PySpark types, so a check such as ``isinstance(field.dataType,
StringType)`` (Glue Studio's drop-null-fields code does it over ``from awsglue.gluetypes import *``) must test
PySpark's classes: the names are imported from ``pyspark.sql.types`` instead, and ``Field`` becomes
``StructField``. Where a Glue class is built differently (``MapType(valueType)`` has string keys;
``DecimalType()`` defaults to scale 2) the call is spelled PySpark's way. Glue-only classes
(``ChoiceType``, ``EnumType``, ``UnknownType``) keep their import, noted.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from g2l_core.convert.rules import EARLY, Outcome, Rule, Site

# Glue type classes PySpark has under the same name (isinstance checks and most constructors agree).
SAME_NAME = frozenset({
    "DataType", "AtomicType", "BinaryType", "BooleanType", "ByteType", "DateType", "DecimalType", "DoubleType",
    "FloatType", "IntegerType", "LongType", "NullType", "ShortType", "StringType", "TimestampType", "ArrayType",
    "MapType", "StructType",
})
RENAMED = {"Field": "StructField"}
# A Map or Filter function's record: converted code hands it a dict (g2l_helpers.map_records/filter_records).
BUILTIN = {"DynamicRecord": "dict"}
GLUE_TYPES = SAME_NAME | set(RENAMED) | {"ChoiceType", "EnumType", "UnknownType", "SetType", "EntityType"}


class GlueTypeName(Rule):
    DESCRIPTION = ("`from awsglue.gluetypes import StringType, Field` -> `pyspark.sql.types` (`Field` -> `StructField`); "
                   "`DynamicRecord` -> `dict`")
    API = "awsglue.gluetypes"
    NODE = cst.Name
    MATCHER = m.Name()
    PRIORITY = EARLY

    def _glue_type(self, site: Site) -> str | None:
        qualified = site.glue_name()
        if not qualified or not qualified.startswith("awsglue.gluetypes."):
            return None
        name = qualified.rsplit(".", 1)[-1]
        return name if name in SAME_NAME or name in RENAMED or name in BUILTIN else None

    def matches(self, site: Site) -> bool:
        return self._glue_type(site) is not None

    def rewrite(self, site: Site) -> Outcome:
        name = self._glue_type(site)
        if name in BUILTIN:
            site.consume()
            return site.updated.with_changes(value=BUILTIN[name])
        new = RENAMED.get(name, name)  # type: ignore[arg-type]
        site.need_import("pyspark.sql.types", new)
        site.consume()
        return site.updated.with_changes(value=new)


class GlueTypeCall(Rule):
    DESCRIPTION = ("Glue type constructors PySpark spells otherwise: `MapType(valueType)` -> "
                   "`MapType(StringType(), valueType)` (Glue maps have string keys); `DecimalType()` -> "
                   "`DecimalType(10, 2)` (Glue's default scale)")
    API = "awsglue.gluetypes"
    MATCHER = m.Call(func=m.Name("MapType") | m.Name("DecimalType"))

    def matches(self, site: Site) -> bool:
        qualified = site.glue_import(site.original.func.value)  # type: ignore[attr-defined]
        return bool(qualified) and qualified.startswith("awsglue.gluetypes.")  # type: ignore[union-attr]

    def rewrite(self, site: Site) -> Outcome:
        name = site.original.func.value  # type: ignore[attr-defined]
        if name == "DecimalType":
            if site.original.args:
                site.converted(self, "DecimalType with its precision and scale", "gluetypes.DecimalType")
                return None
            site.converted(self, "Glue's default precision and scale spelled out (PySpark's scale is 0)",
                           "gluetypes.DecimalType")
            return site.updated.with_changes(args=[cst.Arg(cst.Integer("10"), comma=cst.Comma(
                whitespace_after=cst.SimpleWhitespace(" "))), cst.Arg(cst.Integer("2"))])
        value = site.arg(0, "valueType")
        if value is None:
            site.flag(self, "Glue's MapType() holds values of unknown type: name the value type, "
                            "MapType(StringType(), valueType)", "gluetypes.MapType")
            return None
        site.need_import("pyspark.sql.types", "StringType")
        site.converted(self, "Glue maps have string keys", "gluetypes.MapType")
        return site.updated.with_changes(args=[
            cst.Arg(cst.Call(cst.Name("StringType")), comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
            cst.Arg(value)])


RULES = (GlueTypeName, GlueTypeCall)
