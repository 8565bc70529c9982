"""Loopback fake of the Databricks SQL Statement Execution API over an in-memory Unity Catalog.

Databricks cannot run here, so this is its only stand-in. Statements are parsed with sqlglot and
applied to emulated catalogs; information_schema queries are answered from that state, never canned.
What the fake does not model fails with NOT_IMPLEMENTED_IN_FAKE, so no test passes on a statement
Databricks might treat differently. It imports nothing from g2l_core: it is there to check that code.

Tables also keep rows, written by ``INSERT INTO ... [REPLACE WHERE ...] VALUES`` and removed by ``DELETE``
(predicates: ``column = literal`` joined by AND), each write a new Delta version: ``DESCRIBE HISTORY``
lists them and ``SELECT ... VERSION AS OF n`` reads one. Values are literals (strings with backslash
escapes, numbers, booleans, typed ``TIMESTAMP'...'``/``DATE'...'`` literals, ``array(...)``,
``named_struct(...)``, casts of these) coerced to the column type; a value of the wrong type fails as
Databricks' store assignment would. Results come as JSON_ARRAY text like Databricks': booleans
``true``/``false``, timestamps ISO 8601 in UTC with a ``Z``, arrays and structs as JSON; the manifest
names each column's type (``type_name``, ``type_text``).
"""

from __future__ import annotations

import copy
import json
import math
import re
import threading
from datetime import date, datetime, timezone
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError

T = exp.DataType.Type
_SIMPLE = {T.TEXT: "string", T.INT: "int", T.BIGINT: "bigint", T.SMALLINT: "smallint", T.TINYINT: "tinyint",
           T.DOUBLE: "double", T.FLOAT: "float", T.BOOLEAN: "boolean", T.BINARY: "binary", T.DATE: "date",
           T.TIMESTAMP: "timestamp", T.TIMESTAMPTZ: "timestamp", T.TIMESTAMPLTZ: "timestamp",
           T.TIMESTAMPNTZ: "timestamp_ntz", T.VARIANT: "variant"}
_COLUMNS_VIEW = ("table_catalog", "table_schema", "table_name", "column_name", "ordinal_position", "is_nullable",
                 "full_data_type", "data_type", "comment", "partition_index")
_TABLES_VIEW = ("table_catalog", "table_schema", "table_name", "table_type", "comment", "data_source_format",
                "storage_path")
_INT_COLUMNS = {"ordinal_position", "partition_index"}
_STATEMENTS = "/api/2.0/sql/statements"


class SqlError(Exception):
    """A failed statement, reported like Databricks: an error class and its message."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def _unsupported(what: str) -> SqlError:
    return SqlError("NOT_IMPLEMENTED_IN_FAKE", what)


def _only(e: exp.Expression, allowed: set[str]) -> None:
    """Refuse clauses the fake does not model rather than silently drop their effect."""
    extra = sorted(k for k, v in e.args.items() if v and k not in allowed)
    if extra:
        raise _unsupported(f"{type(e).__name__} with {', '.join(extra)}")


def _string(e: exp.Expression | None) -> str:
    if not (isinstance(e, exp.Literal) and e.is_string):
        raise _unsupported(f"expected a string literal, got {e and e.sql('databricks')}")
    return e.this


def _q(*parts: str) -> str:
    return ".".join(f"`{p}`" for p in parts)


def full_data_type(dt: exp.Expression | None) -> str:
    """Databricks' ``full_data_type`` spelling (lower case, no spaces) of a parsed type."""
    if not isinstance(dt, exp.DataType) or not isinstance(dt.this, T):
        raise _unsupported(f"type {dt and dt.sql('databricks')}")
    t, args = dt.this, dt.expressions
    params = [int(p.this.name) for p in args if isinstance(p, exp.DataTypeParam)]
    if t in _SIMPLE and not args:
        return _SIMPLE[t]
    if t == T.DECIMAL and len(params) == len(args) <= 2:
        return f"decimal({params[0] if params else 10},{params[1] if len(params) > 1 else 0})"
    if t in (T.VARCHAR, T.CHAR):
        if len(params) != 1:
            raise SqlError("DATATYPE_MISSING_SIZE", f'DataType "{t.value.lower()}" requires a length parameter.')
        return f"{t.value.lower()}({params[0]})"
    if t == T.ARRAY and len(args) == 1:
        return f"array<{full_data_type(args[0])}>"
    if t == T.MAP and len(args) == 2:
        return f"map<{full_data_type(args[0])},{full_data_type(args[1])}>"
    if t == T.STRUCT and all(isinstance(f, exp.ColumnDef) and not f.args.get("constraints") for f in args):
        return "struct<" + ",".join(f"{f.name}:{full_data_type(f.args.get('kind'))}" for f in args) + ">"
    raise _unsupported(f"type {dt.sql('databricks')}")


def _column_defs(defs: list) -> list[dict]:
    out: list[dict] = []
    for cd in defs:
        if not isinstance(cd, exp.ColumnDef) or cd.args.get("position"):
            raise _unsupported(f"column definition {cd.sql('databricks')}")
        col = {"name": cd.name, "type": full_data_type(cd.args.get("kind")), "nullable": True, "comment": None}
        for c in cd.args.get("constraints") or []:
            if isinstance(c.kind, exp.NotNullColumnConstraint):
                col["nullable"] = bool(c.kind.args.get("allow_null"))
            elif isinstance(c.kind, exp.CommentColumnConstraint):
                col["comment"] = _string(c.kind.this)
            else:
                raise _unsupported(f"column constraint {c.sql('databricks')}")
        if any(o["name"].lower() == col["name"].lower() for o in out):
            raise SqlError("COLUMN_ALREADY_EXISTS", f"The column `{col['name']}` already exists.")
        out.append(col)
    return out


def _find(names: list[str] | tuple[str, ...], name: str, code: str = "UNRESOLVED_COLUMN") -> int:
    """Index of ``name`` in ``names``: column names keep their case but resolve case-insensitively."""
    lowered = [n.lower() for n in names]
    if name.lower() not in lowered:
        raise SqlError(code, f"A column with name `{name}` cannot be resolved. Did you mean one of {list(names)}?")
    return lowered.index(name.lower())


def _state(table_type: str, columns: list[dict], **kw) -> dict:
    return {"columns": columns, "partition_columns": [], "clustering_columns": [], "comment": None,
            "table_type": table_type, "data_source_format": None if table_type == "VIEW" else "DELTA",
            "storage_path": None, "properties": {}, "rows": [], "history": [], **kw}


def _commit(state: dict, operation: str, **parameters: str) -> None:
    """A new Delta version of a table: its operation, and the columns and rows as they are now."""
    state["history"].append({"version": len(state["history"]), "timestamp": datetime.now(timezone.utc),
                             "operation": operation, "parameters": parameters,
                             "columns": copy.deepcopy(state["columns"]), "rows": copy.deepcopy(state["rows"])})


def _split_type(t: str) -> tuple[str, list[str]]:
    """``array<x>`` -> (array, [x]); ``struct<a:x,b:y>`` -> (struct, [a:x, b:y]); ``decimal(10,2)`` ->
    (decimal, [10, 2]); ``string`` -> (string, [])."""
    m = re.fullmatch(r"(\w+)\s*[<(](.*)[>)]", t.strip(), re.S)
    if not m:
        return t.strip().lower(), []
    parts, depth, cur = [], 0, ""
    for ch in m.group(2):
        depth += (ch in "<(") - (ch in ">)")
        if ch == "," and depth == 0:
            parts, cur = parts + [cur.strip()], ""
        else:
            cur += ch
    return m.group(1).lower(), parts + [cur.strip()]


def _type_text(t: str) -> str:
    """Databricks' ``type_text`` of a column of full type ``t`` (upper case, ``name: TYPE`` fields)."""
    base, args = _split_type(t)
    if base == "struct":
        return "STRUCT<" + ", ".join(f"{a.split(':', 1)[0]}: {_type_text(a.split(':', 1)[1])}" for a in args) + ">"
    if base in ("array", "map"):
        return f"{base.upper()}<{', '.join(_type_text(a) for a in args)}>"
    return base.upper() + (f"({','.join(args)})" if args else "")


def _type_name(t: str) -> str:
    """The manifest's ``type_name``: Databricks' enum of base types (BIGINT is LONG, SMALLINT SHORT...)."""
    base = _split_type(t)[0]
    return {"bigint": "LONG", "smallint": "SHORT", "tinyint": "BYTE", "timestamp_ntz": "TIMESTAMP",
            "varchar": "STRING"}.get(base, base.upper())


def _mismatch(value, t: str) -> SqlError:
    return SqlError("DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
                    f"Cannot safely cast {type(value).__name__} value {value!r} to \"{_type_text(t)}\".")


def _coerce(value, t: str):
    """``value`` stored in a column of full type ``t``: strings parse for typed literals and casts."""
    if value is None:
        return None
    base, args = _split_type(t)
    if base == "array":
        if not isinstance(value, list):
            raise _mismatch(value, t)
        return [_coerce(v, args[0]) for v in value]
    if base == "struct":
        fields = [a.split(":", 1) for a in args]
        if not isinstance(value, dict) or len(value) != len(fields):
            raise _mismatch(value, t)
        return {name: _coerce(v, ft) for (name, ft), v in zip(fields, value.values())}
    if base in ("string", "varchar", "char"):
        if not isinstance(value, str):
            raise _mismatch(value, t)
        return value
    if base == "boolean":
        if not isinstance(value, bool):
            raise _mismatch(value, t)
        return value
    if base in ("bigint", "int", "smallint", "tinyint"):
        if isinstance(value, bool) or not isinstance(value, int):
            raise _mismatch(value, t)
        return value
    if base in ("double", "float"):
        if isinstance(value, str) and value in ("NaN", "Infinity", "-Infinity"):
            return float(value.replace("Infinity", "inf"))
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
            raise _mismatch(value, t)
        return float(value)
    if base == "decimal":
        if isinstance(value, (bool, float)) or not isinstance(value, (int, str, Decimal)):
            raise _mismatch(value, t)
        return Decimal(str(value))
    if base in ("timestamp", "timestamp_ntz"):
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value)
            except ValueError:
                raise SqlError("CAST_INVALID_INPUT", f"The value '{value}' cannot be cast to {base.upper()}.") from None
        if not isinstance(value, datetime):
            raise _mismatch(value, t)
        if base == "timestamp_ntz":
            return value.replace(tzinfo=None)
        return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    if base == "date":
        if isinstance(value, str):
            value = date.fromisoformat(value)
        if not isinstance(value, date) or isinstance(value, datetime):
            raise _mismatch(value, t)
        return value
    raise _unsupported(f"values of type {t}")


def _json_value(value):
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if isinstance(value, (datetime, date, Decimal)) or (isinstance(value, float) and not math.isfinite(value)):
        return _render(value)
    return value


def _render(value) -> str | None:
    """A stored value as the JSON_ARRAY result text Databricks sends."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity") if math.isinf(value) else repr(value)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.strftime("%Y-%m-%dT%H:%M:%S.%f")
        return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, (list, dict)):
        return json.dumps(_json_value(value), separators=(",", ":"))
    return str(value)


def _evaluate(e: exp.Expression):
    """The value of a constant expression of an INSERT's VALUES."""
    if isinstance(e, exp.Null):
        return None
    if isinstance(e, exp.Boolean):
        return bool(e.this)
    if isinstance(e, exp.Literal):
        if e.is_string:
            return e.this
        text = str(e.this)
        if re.fullmatch(r"-?\d+", text):
            return int(text)
        if re.search(r"[eE]", text):
            return float(text)
        return Decimal(text)
    if isinstance(e, exp.Neg):
        value = _evaluate(e.this)
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
            raise _unsupported(f"negation of {e.this.sql('databricks')}")
        return -value
    if isinstance(e, exp.Array):
        return [_evaluate(x) for x in e.expressions]
    if isinstance(e, exp.Struct) and all(isinstance(x, exp.PropertyEQ) for x in e.expressions):
        return {x.this.name: _evaluate(x.expression) for x in e.expressions}
    if isinstance(e, exp.Cast) and not isinstance(e, exp.TryCast):
        return _coerce(_evaluate(e.this), full_data_type(e.to))
    raise _unsupported(f"value expression {e.sql('databricks')}")


class FakeWorkspace:
    """A Databricks workspace as seen through the Statement Execution API, served on 127.0.0.1."""

    def __init__(self, token: str = "tok", catalogs: tuple[str, ...] = ("main",)):
        self.token, self.url = token, ""
        self.catalogs = [c.lower() for c in catalogs]
        self.schemas: dict[tuple[str, str], dict] = {(c, "default"): {"comment": None} for c in self.catalogs}
        self.tables: dict[tuple[str, str, str], dict] = {}
        self.statements: list[str] = []
        self.requests: list[tuple[str, str, str | None]] = []  # (method, path, statement state answered)
        self._results: dict[str, dict] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> FakeWorkspace:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.workspace = self  # type: ignore[attr-defined]
        threading.Thread(target=self._server.serve_forever, args=(0.01,), daemon=True).start()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def table(self, full_name: str) -> dict | None:
        """A copy of the emulated table or view (name matched case-insensitively), for assertions."""
        return copy.deepcopy(self.tables.get(tuple(full_name.lower().split("."))))

    def submit(self, body: dict) -> dict:
        """Run a posted statement at once; odd-numbered ones answer PENDING so that clients must poll."""
        with self._lock:
            sql = body["statement"]
            self.statements.append(sql)
            sid = f"01ef-fake-{len(self.statements):06d}"
            try:
                names, rows, *typed = self._execute(sql, body.get("catalog") or self.catalogs[0],
                                                    body.get("schema") or "default")
                types = typed[0] if typed else ["string"] * len(names)
                columns = [{"name": c, "position": i, "type_name": _type_name(t), "type_text": _type_text(t)}
                           for i, (c, t) in enumerate(zip(names, types))]
                result = {"statement_id": sid, "status": {"state": "SUCCEEDED"}, "manifest": {
                    "format": "JSON_ARRAY", "schema": {"column_count": len(names), "columns": columns},
                    "total_row_count": len(rows), "truncated": False}, "result": {"row_count": len(rows)}}
                if rows:  # like Databricks, no data_array at all for an empty result
                    result["result"]["data_array"] = [[_render(v) for v in r] for r in rows]
            except SqlError as e:
                head = next((ln.strip() for ln in sql.splitlines() if ln.strip()), "")
                msg = f"[{e.code}] {e}" + (f" -- {head[:200]}" if e.code == "NOT_IMPLEMENTED_IN_FAKE" else "")
                result = {"statement_id": sid, "status": {"state": "FAILED", "error": {"error_code": e.code, "message": msg}}}
            self._results[sid] = result
            return {"statement_id": sid, "status": {"state": "PENDING"}} if len(self.statements) % 2 else result

    def poll(self, sid: str) -> dict | None:
        with self._lock:
            return self._results.get(sid)

    def _execute(self, sql: str, catalog: str, schema: str) -> tuple[list[str], list[list]]:
        self._limit = None
        history = re.fullmatch(r"\s*(DESCRIBE\s+HISTORY\s+.+?)\s+LIMIT\s+(\d+)\s*;?\s*", sql, re.S | re.I)
        if history:  # sqlglot does not read DESCRIBE HISTORY's LIMIT
            sql, self._limit = history.group(1), int(history.group(2))
        try:
            trees = [t for t in sqlglot.parse(sql, read="databricks") if t is not None]
        except (ParseError, TokenError) as e:
            raise SqlError("PARSE_SYNTAX_ERROR", f"Syntax error: {str(e).splitlines()[0]}") from None
        if len(trees) != 1:
            raise SqlError("PARSE_SYNTAX_ERROR", "empty statement") if not trees else _unsupported("several statements")
        e, self._ctx = trees[0], (catalog.lower(), schema.lower())
        if isinstance(e, exp.Create):
            _only(e, {"this", "kind", "exists", "replace", "properties", "expression"})
            kind = (e.args.get("kind") or "").upper()
            handler = {"SCHEMA": self._create_schema, "TABLE": self._create_table, "VIEW": self._create_view}.get(kind)
        else:
            handler = {exp.Alter: self._alter, exp.Comment: self._comment, exp.Select: self._select,
                       exp.Insert: self._insert, exp.Delete: self._delete}.get(type(e))
            if isinstance(e, exp.Describe) and str(e.args.get("style") or "").upper() == "HISTORY":
                handler = self._history
        if handler is None:
            raise _unsupported(f"{type(e).__name__} statement")
        return handler(e) or ([], [])

    def _name(self, t: exp.Expression) -> tuple[str, str, str]:
        if not isinstance(t, exp.Table):
            raise _unsupported(f"object name {t.sql('databricks')}")
        return (t.catalog or self._ctx[0]).lower(), (t.db or self._ctx[1]).lower(), t.name.lower()

    def _require(self, cat: str, sch: str | None = None) -> None:
        if cat not in self.catalogs:
            raise SqlError("NO_SUCH_CATALOG_EXCEPTION", f"Catalog '{cat}' was not found.")
        if sch is not None and (cat, sch) not in self.schemas:
            raise SqlError("SCHEMA_NOT_FOUND", f"The schema {_q(cat, sch)} cannot be found.")

    def _existing(self, name: tuple[str, str, str], verb: str) -> dict:
        state = self.tables.get(name)
        if state is None:
            raise SqlError("TABLE_OR_VIEW_NOT_FOUND", f"The table or view {_q(*name)} cannot be found.")
        if state["table_type"] == "VIEW":
            raise SqlError("EXPECT_TABLE_NOT_VIEW", f"'{verb}' expects a table but {_q(*name)} is a view.")
        return state

    @staticmethod
    def _properties(e: exp.Create, *allowed: type) -> list:
        props = list((e.args.get("properties") or exp.Properties()).expressions)
        for p in props:
            if type(p) not in allowed:  # exact: every property class derives from exp.Property
                raise _unsupported(f"CREATE {e.args['kind']} with {p.sql('databricks')}")
        return props

    def _create_schema(self, e: exp.Create) -> None:
        t = e.this
        if e.args.get("replace") or e.args.get("expression") or not isinstance(t, exp.Table) or t.name:
            raise _unsupported("this form of CREATE SCHEMA")
        cat, sch = (t.catalog or self._ctx[0]).lower(), t.db.lower()
        props = self._properties(e, exp.SchemaCommentProperty)
        self._require(cat)
        if (cat, sch) in self.schemas:
            if e.args.get("exists"):
                return
            raise SqlError("SCHEMA_ALREADY_EXISTS", f"Cannot create schema {_q(sch)} because it already exists.")
        self.schemas[(cat, sch)] = {"comment": next((_string(p.this) for p in props), None)}

    def _create_table(self, e: exp.Create) -> None:
        if e.args.get("replace") or e.args.get("expression") or not isinstance(e.this, exp.Schema):
            raise _unsupported("CREATE TABLE without a column list, AS SELECT or OR REPLACE")
        name = self._name(e.this.this)
        state = _state("MANAGED", _column_defs(e.this.expressions))
        names = [c["name"] for c in state["columns"]]
        for p in self._properties(e, exp.FileFormatProperty, exp.SchemaCommentProperty, exp.PartitionedByProperty,
                                  exp.ClusterProperty, exp.LocationProperty, exp.Property):
            if isinstance(p, exp.FileFormatProperty) and p.name.upper() != "DELTA":
                raise _unsupported(f"USING {p.name}")
            if isinstance(p, exp.SchemaCommentProperty):
                state["comment"] = _string(p.this)
            elif isinstance(p, exp.LocationProperty):
                state["storage_path"], state["table_type"] = _string(p.this), "EXTERNAL"
            elif type(p) is exp.Property:
                state["properties"][_string(p.this)] = _string(p.args.get("value"))
            elif not isinstance(p, exp.FileFormatProperty):
                key = "partition_columns" if isinstance(p, exp.PartitionedByProperty) else "clustering_columns"
                refs = p.this.expressions if key == "partition_columns" else p.expressions
                if not all(isinstance(r, (exp.Identifier, exp.Column)) for r in refs):
                    raise _unsupported(p.sql("databricks"))
                state[key] = [names[_find(names, r.name, "COLUMN_NOT_DEFINED_IN_TABLE")] for r in refs]
        if state["partition_columns"] and state["clustering_columns"]:
            raise SqlError("SPECIFY_CLUSTER_BY_WITH_PARTITIONED_BY_IS_NOT_ALLOWED",
                           "Cannot specify both CLUSTER BY and PARTITIONED BY.")
        self._require(*name[:2])
        if name in self.tables and not e.args.get("exists"):
            raise SqlError("TABLE_OR_VIEW_ALREADY_EXISTS", f"Cannot create table or view {_q(*name)} because it already exists.")
        if name not in self.tables:
            self.tables[name] = state
            _commit(state, "CREATE TABLE")

    def _create_view(self, e: exp.Create) -> None:
        query = e.args.get("expression")
        if not isinstance(e.this, exp.Table) or not isinstance(query, exp.Query):
            raise _unsupported("CREATE VIEW with a column list or without AS SELECT")
        name = self._name(e.this)
        props = self._properties(e, exp.SchemaCommentProperty)
        self._require(*name[:2])
        old = self.tables.get(name)
        if old is not None and e.args.get("exists"):
            return
        if old is not None and old["table_type"] != "VIEW":
            raise SqlError("EXPECT_VIEW_NOT_TABLE", f"The table {_q(*name)} is a table, not a view.")
        if old is not None and not e.args.get("replace"):
            raise SqlError("TABLE_OR_VIEW_ALREADY_EXISTS", f"Cannot create table or view {_q(*name)} because it already exists.")
        columns: list[dict] = []
        source = query.args.get("from_") or query.args.get("from")
        if (isinstance(query, exp.Select) and source and isinstance(source.this, exp.Table) and not query.args.get("joins")
                and all(isinstance(x, exp.Column) and isinstance(x.this, exp.Identifier) for x in query.expressions)):
            base = self.tables.get(self._name(source.this))
            if base is not None:
                have = [c["name"] for c in base["columns"]]
                columns = [dict(base["columns"][_find(have, x.name)]) for x in query.expressions]
        self.tables[name] = _state("VIEW", columns, comment=next((_string(p.this) for p in props), None),
                                   view_text=query.sql("databricks"))

    def _alter(self, e: exp.Alter) -> None:
        _only(e, {"this", "kind", "actions"})
        actions = e.args.get("actions") or []
        if (e.args.get("kind") or "").upper() != "TABLE" or not actions:
            raise _unsupported("ALTER other than ALTER TABLE")
        name, a = self._name(e.this), actions[0]
        if all(isinstance(x, (exp.ColumnDef, exp.Schema)) for x in actions):
            state = self._existing(name, "ALTER TABLE ... ADD COLUMNS")
            new = _column_defs([d for x in actions for d in (x.expressions if isinstance(x, exp.Schema) else [x])])
            if not all(c["nullable"] for c in new):
                raise _unsupported("ADD COLUMNS with NOT NULL")
            clash = [c["name"] for c in new if c["name"].lower() in {o["name"].lower() for o in state["columns"]}]
            if clash:
                raise SqlError("FIELDS_ALREADY_EXISTS", f"Cannot add column, because `{clash[0]}` already exists.")
            state["columns"].extend(new)
            for row in state["rows"]:
                row.update({c["name"]: None for c in new})
            _commit(state, "ADD COLUMNS")
        elif len(actions) == 1 and isinstance(a, exp.AlterColumn) and isinstance(a.this, exp.Identifier):
            _only(a, {"this", "comment"})
            if a.args.get("comment") is None:
                raise _unsupported("ALTER COLUMN other than COMMENT")
            state = self._existing(name, "ALTER TABLE ... ALTER COLUMN")
            state["columns"][_find([c["name"] for c in state["columns"]], a.this.name)]["comment"] = _string(a.args["comment"])
            _commit(state, "CHANGE COLUMN")
        else:
            raise _unsupported(f"ALTER TABLE action {a.sql('databricks')}")

    def _comment(self, e: exp.Comment) -> None:
        _only(e, {"this", "kind", "expression"})
        if (e.args.get("kind") or "").upper() != "TABLE":
            raise _unsupported(f"COMMENT ON {e.args.get('kind')}")
        name = self._name(e.this)
        if (self.tables.get(name) or {}).get("table_type") == "VIEW":
            raise _unsupported("COMMENT ON TABLE for a view")
        state = self._existing(name, "COMMENT ON TABLE")
        state["comment"] = _string(e.expression)
        _commit(state, "SET TBLPROPERTIES")

    def _select(self, e: exp.Select) -> tuple[list[str], list[list], list[str]]:
        _only(e, {"expressions", "from", "from_", "where", "order"})
        src = (e.args.get("from_") or e.args.get("from") or exp.From()).this
        if not isinstance(src, exp.Table):
            raise _unsupported("SELECT other than from one table")
        if src.db.lower() == "information_schema" and src.name.lower() in ("columns", "tables"):
            cat = (src.catalog or self._ctx[0]).lower()
            self._require(cat)
            view = _COLUMNS_VIEW if src.name.lower() == "columns" else _TABLES_VIEW
            rows = [dict(zip(view, r)) for r in self._information_schema(cat, view)]
            types = ["int" if c in _INT_COLUMNS else "string" for c in view]
        elif src.db.lower() == "information_schema":
            raise _unsupported(f"SELECT from information_schema.{src.name}")
        else:
            columns, stored = self._version(self._existing(self._name(src), "SELECT"), src.args.get("version"))
            view, types = tuple(c["name"] for c in columns), [c["type"] for c in columns]
            rows = [{c: r.get(c) for c in view} for r in stored]

        def column(x: exp.Expression) -> str:
            if not (isinstance(x, exp.Column) and isinstance(x.this, exp.Identifier) and not x.table):
                raise _unsupported(f"expression {x.sql('databricks')}")
            return view[_find(view, x.name)]

        names = list(view) if [type(x) for x in e.expressions] == [exp.Star] else [column(x) for x in e.expressions]
        where = e.args.get("where")
        if where:
            rows = [r for r in rows if self._matches(r, where.this, column)]
        for o in reversed((e.args.get("order") or exp.Order()).expressions):
            key, desc = column(o.this), bool(o.args.get("desc"))
            nulls = [r for r in rows if r[key] is None]
            rest = sorted((r for r in rows if r[key] is not None), key=lambda r: r[key], reverse=desc)
            rows = nulls + rest if o.args.get("nulls_first", not desc) else rest + nulls
        return names, [[r[n] for n in names] for r in rows], [types[view.index(n)] for n in names]

    @staticmethod
    def _matches(row: dict, cond: exp.Expression, column) -> bool:
        """``column = literal`` conditions joined by AND, compared as Databricks renders the value."""
        for c in cond.flatten() if isinstance(cond, exp.And) else [cond]:
            col, lit = (c.this, c.expression) if isinstance(c, exp.EQ) else (None, None)
            col, lit = (lit, col) if isinstance(col, exp.Literal) else (col, lit)
            if not (isinstance(col, exp.Column) and isinstance(lit, exp.Literal)):
                raise _unsupported(f"WHERE condition {c.sql('databricks')}")
            value = row[column(col)]
            if value is None or _render(value) != lit.this:
                return False
        return True

    @staticmethod
    def _version(state: dict, version: exp.Expression | None) -> tuple[list[dict], list[dict]]:
        if version is None:
            return state["columns"], state["rows"]
        if str(version.this).upper() != "VERSION" or not isinstance(version.expression, exp.Literal):
            raise _unsupported(f"time travel {version.sql('databricks')}")
        wanted = int(version.expression.this)
        entry = next((h for h in state["history"] if h["version"] == wanted), None)
        if entry is None:
            raise SqlError("DELTA_VERSION_NOT_FOUND", f"Cannot time travel Delta table to version {wanted}. "
                           f"Available versions: [0, {len(state['history']) - 1}].")
        return entry["columns"], entry["rows"]

    def _insert(self, e: exp.Insert) -> None:
        _only(e, {"this", "expression", "where"})
        target = e.this.this if isinstance(e.this, exp.Schema) else e.this
        state = self._existing(self._name(target), "INSERT")
        names = [c["name"] for c in state["columns"]]
        listed = [names[_find(names, i.name)] for i in e.this.expressions] if isinstance(e.this, exp.Schema) else names
        if isinstance(e.this, exp.Schema) and e.args.get("where"):
            raise SqlError("PARSE_SYNTAX_ERROR", "Syntax error: REPLACE WHERE takes no column list.")
        values = e.expression
        if not isinstance(values, exp.Values):
            raise _unsupported("INSERT other than VALUES")
        types = {c["name"]: c["type"] for c in state["columns"]}
        new = []
        for t in values.expressions:
            items = t.expressions if isinstance(t, exp.Tuple) else [t]
            if len(items) != len(listed):
                raise SqlError("INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS" if len(items) > len(listed) else
                               "INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS",
                               f"Cannot write to {_q(*self._name(target))}: {len(listed)} columns, {len(items)} values.")
            row = dict.fromkeys(names)
            row.update({n: _coerce(_evaluate(x), types[n]) for n, x in zip(listed, items)})
            new.append(row)
        where = e.args.get("where")
        column = lambda x: names[_find(names, x.name)]  # noqa: E731
        if where is not None:
            if not all(self._matches(r, where, column) for r in new):
                raise SqlError("DELTA_REPLACE_WHERE_MISMATCH", "Written data does not conform to partial table "
                               f"overwrite condition or constraint '{where.sql('databricks')}'.")
            state["rows"] = [r for r in state["rows"] if not self._matches(r, where, column)]
        state["rows"].extend(new)
        _commit(state, "WRITE", mode="Overwrite" if where is not None else "Append",
                **({"predicate": where.sql("databricks")} if where is not None else {}))

    def _delete(self, e: exp.Delete) -> None:
        _only(e, {"this", "where"})
        state = self._existing(self._name(e.this), "DELETE")
        names = [c["name"] for c in state["columns"]]
        where = e.args.get("where")
        keep = [] if where is None else [r for r in state["rows"] if not self._matches(
            r, where.this, lambda x: names[_find(names, x.name)])]
        state["rows"] = keep
        _commit(state, "DELETE", predicate=where.this.sql("databricks") if where is not None else "true")

    def _history(self, e: exp.Describe) -> tuple[list[str], list[list], list[str]]:
        state = self._existing(self._name(e.this), "DESCRIBE HISTORY")
        entries = sorted(state["history"], key=lambda h: -h["version"])[:self._limit]
        names = ["version", "timestamp", "operation", "operationParameters"]
        return names, [[h["version"], h["timestamp"], h["operation"], dict(h["parameters"])] for h in entries], [
            "bigint", "timestamp", "string", "map<string,string>"]

    def _information_schema(self, cat: str, view: tuple[str, ...]) -> list[tuple]:
        out = []
        for (c, s, t), st in ((k, v) for k, v in self.tables.items() if k[0] == cat):
            if view is _TABLES_VIEW:
                out.append((c, s, t, st["table_type"], st["comment"], st["data_source_format"], st["storage_path"]))
                continue
            parts = [p.lower() for p in st["partition_columns"]]
            for i, col in enumerate(st["columns"]):
                out.append((c, s, t, col["name"], i + 1, "YES" if col["nullable"] else "NO", col["type"],
                            re.split(r"[(<]", col["type"])[0].upper(), col["comment"],
                            parts.index(col["name"].lower()) if col["name"].lower() in parts else None))
        return out


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def _send(self, code: int, body: dict) -> None:
        ws: FakeWorkspace = self.server.workspace  # type: ignore[attr-defined]
        ws.requests.append((self.command, self.path.split("?")[0].rstrip("/"), (body.get("status") or {}).get("state")))
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _route(self) -> None:
        ws: FakeWorkspace = self.server.workspace  # type: ignore[attr-defined]
        if self.headers.get("Authorization") != f"Bearer {ws.token}":
            return self._send(401, {"error_code": "UNAUTHENTICATED", "message": "Invalid access token."})
        path, post = self.path.split("?")[0].rstrip("/"), self.command == "POST"
        if post and path == _STATEMENTS:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
            if not (body.get("statement") and body.get("warehouse_id") and body.get("disposition", "INLINE") == "INLINE"
                    and body.get("format", "JSON_ARRAY") == "JSON_ARRAY"):
                return self._send(400, {"error_code": "INVALID_PARAMETER_VALUE", "message": "the fake needs statement, "
                                        "warehouse_id, disposition INLINE and format JSON_ARRAY"})
            return self._send(200, ws.submit(body))
        m = re.fullmatch(re.escape(_STATEMENTS) + r"/([^/]+)(/cancel)?", path)
        cancel = bool(m and m.group(2))
        result = ws.poll(m.group(1)) if m and cancel == post else None
        if result is None:
            return self._send(404, {"error_code": "NOT_FOUND", "message": f"{self.command} {path}: no such statement"})
        self._send(200, {} if cancel else result)  # statements finish when posted: cancel has nothing to stop

    do_GET = do_POST = _route
