"""Hive/Athena -> Databricks column type mapping, shared by conversion and drift.

Drift compares both sides through ``normalize_type`` so that ``varchar(10)`` on the Glue side and
``string`` read back from a Delta table are the same type.
"""

from __future__ import annotations

import re

from sqlglot import exp

T = exp.DataType.Type

_TO_STRING = {T.VARCHAR, T.CHAR, T.NVARCHAR, T.NCHAR, T.TEXT, T.JSON, T.UUID, T.NAME}
_TO_TIMESTAMP = {T.TIMESTAMPTZ, T.TIMESTAMPLTZ, T.DATETIME}
_TO_BINARY = {T.VARBINARY, T.BINARY}
_KEEP = {
    T.TINYINT, T.SMALLINT, T.INT, T.BIGINT, T.FLOAT, T.DOUBLE, T.BOOLEAN, T.DATE, T.TIMESTAMP,
    T.TIMESTAMPNTZ, T.DECIMAL, T.ARRAY, T.MAP, T.STRUCT, T.INTERVAL, T.VARIANT,
}

_UNION_RE = re.compile(r"uniontype\s*<", re.IGNORECASE)


class UnsupportedType(ValueError):
    """A source type with no Databricks equivalent (e.g. Hive ``uniontype``)."""


def parse_type(text: str, dialect: str = "hive") -> exp.DataType:
    """Parse a Hive/Spark type string (``struct<a:int>``, ``decimal(10,2)``...)."""
    if _UNION_RE.search(text):
        raise UnsupportedType(f"uniontype has no Databricks equivalent: {text}")
    return exp.DataType.build(text.strip(), dialect=dialect, udt=False)


# Spark's ANSI reserved words: a struct field so named must be quoted in Databricks DDL.
ANSI_RESERVED = frozenset("""all and any as authorization both case cast check collate column constraint create cross
current current_date current_time current_timestamp current_user distinct else end escape except false fetch filter for
foreign from full grant group having in inner intersect into is join lateral leading left natural not null of on only or
order outer overlaps primary references right select session_user some table then time to trailing true union unique
unknown user using when where with""".split())


def map_type(dt: exp.DataType, notes: list[str] | None = None) -> exp.DataType:
    """Return the Databricks type for a parsed source type (nested types mapped recursively).

    varchar(n)/char(n) become STRING (Delta enforces no length; the length goes to ``notes``),
    DECIMAL without precision becomes DECIMAL(10, 0) (Hive's default, spelled out for drift).
    """
    kind = dt.this
    if kind in _TO_STRING:
        if kind in (T.VARCHAR, T.CHAR, T.NVARCHAR, T.NCHAR) and dt.expressions and notes is not None:
            notes.append(f"{dt.sql('hive')} mapped to STRING (length not enforced)")
        return exp.DataType(this=T.TEXT)
    if kind in _TO_TIMESTAMP:
        return exp.DataType(this=T.TIMESTAMP)
    if kind in _TO_BINARY:
        return exp.DataType(this=T.BINARY)
    if kind == T.DECIMAL:
        params = [e.copy() for e in dt.expressions]
        if not params:
            params = [exp.DataTypeParam(this=exp.Literal.number(10)), exp.DataTypeParam(this=exp.Literal.number(0))]
        elif len(params) == 1:
            params.append(exp.DataTypeParam(this=exp.Literal.number(0)))
        return exp.DataType(this=T.DECIMAL, expressions=params)
    if kind in (T.ARRAY, T.MAP):
        return exp.DataType(this=kind, expressions=[map_type(e, notes) for e in dt.expressions], nested=True)
    if kind == T.STRUCT:
        fields = []
        for f in dt.expressions:
            if isinstance(f, exp.ColumnDef):
                new = f.copy()
                new.set("kind", map_type(f.args["kind"], notes))
                if new.name.lower() in ANSI_RESERVED:  # Hive reads `struct<from:string>`; Databricks needs `from`
                    new.set("this", exp.to_identifier(new.name, quoted=True))
                fields.append(new)
            else:
                fields.append(map_type(f, notes))
        return exp.DataType(this=T.STRUCT, expressions=fields, nested=True)
    if kind in _KEEP:
        return dt.copy()
    raise UnsupportedType(f"type {dt.sql('hive')} has no Databricks mapping")


def to_databricks(dt: exp.DataType) -> str:
    return dt.sql("databricks")


def hive_type_to_databricks(text: str, notes: list[str] | None = None) -> str:
    """Hive type string -> Databricks type string."""
    return to_databricks(map_type(parse_type(text), notes))


def normalize_type(text: str) -> str:
    """Canonical Databricks spelling of a type given in Hive, Spark or Databricks syntax.

    Struct field names are always quoted: a DDL export quotes them, Spark's ``simpleString`` does not.
    Unparseable text is returned upper-cased so that comparison still works on equal spellings.
    """
    try:
        return map_type(parse_type(text)).sql("databricks", identify=True)
    except Exception:
        return text.strip().upper()


_INT_RANK = {T.TINYINT: 1, T.SMALLINT: 2, T.INT: 3, T.BIGINT: 4}
_INT_DIGITS = {T.TINYINT: 3, T.SMALLINT: 5, T.INT: 10, T.BIGINT: 20}


def _decimal_ps(dt: exp.DataType) -> tuple[int, int]:
    vals = [int(p.name) for p in dt.expressions]
    return (vals + [10, 0][len(vals):])[0], (vals + [10, 0][len(vals):])[1]


def is_widening(narrow: str, wide: str) -> bool:
    """True when every value of type ``narrow`` fits ``wide`` (the change Delta type widening allows).

    Integer ranks up, float -> double, integer -> double, integer -> decimal with enough digits,
    decimal precision up without losing integer digits or scale, date -> timestamp; structs may
    gain fields; arrays/maps widen element-wise.
    """
    try:
        a = map_type(parse_type(narrow))
        b = map_type(parse_type(wide))
    except Exception:
        return False
    return _widens(a, b)


def _widens(a: exp.DataType, b: exp.DataType) -> bool:
    if a == b:
        return True
    ka, kb = a.this, b.this
    if ka in _INT_RANK and kb in _INT_RANK:
        return _INT_RANK[ka] <= _INT_RANK[kb]
    if ka in _INT_RANK and kb == T.DOUBLE:
        return ka != T.BIGINT
    if ka == T.FLOAT and kb == T.DOUBLE:
        return True
    if ka in _INT_RANK and kb == T.DECIMAL:
        p, s = _decimal_ps(b)
        return p - s >= _INT_DIGITS[ka]
    if ka == T.DECIMAL and kb == T.DECIMAL:
        (p1, s1), (p2, s2) = _decimal_ps(a), _decimal_ps(b)
        return s2 >= s1 and (p2 - s2) >= (p1 - s1)
    if ka == T.DATE and kb in (T.TIMESTAMP, T.TIMESTAMPNTZ):
        return True
    if ka == kb and ka in (T.ARRAY, T.MAP):
        return len(a.expressions) == len(b.expressions) and all(
            _widens(x, y) for x, y in zip(a.expressions, b.expressions)
        )
    if ka == kb == T.STRUCT:
        wide_fields = {f.name.lower(): f.args.get("kind") for f in b.expressions if isinstance(f, exp.ColumnDef)}
        for f in a.expressions:
            if not isinstance(f, exp.ColumnDef) or f.name.lower() not in wide_fields:
                return False
            if not _widens(f.args["kind"], wide_fields[f.name.lower()]):
                return False
        return True
    return False
