"""Hostile or broken DDL input (issue 15): names from input are identifiers, never paths; no statement or
file stops the others; YAML and input sizes are bounded; a fuzz test finds no escaping exception."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from g2l_core.ddl import DdlOptions, apply_tables, convert_ddl_file, convert_ddl_text, convert_path
from g2l_core.ddl.cli import main as ddl_main
from g2l_core.options import path_part


def _glue_export(databases: list[str]) -> str:
    return json.dumps({"TableList": [
        {"Name": "pwned", "DatabaseName": db, "StorageDescriptor": {"Columns": [{"Name": "a", "Type": "int"}]}}
        for db in databases]})


def _hostile_names(tmp_path: Path) -> list[str]:
    return [str(tmp_path / "outside"), "../../escaped", "..", "a/../../b"]


@pytest.mark.parametrize("name, part", [
    ("risk_raw", "risk_raw"), ("Risk-Raw", "Risk-Raw"), ("/etc", "%2Fetc"), ("..", "%2E%2E"),
    ("a/../b", "a%2F%2E%2E%2Fb"), ("", "%00"), ("dé", "d%C3%A9"), ("x y", "x%20y"),
])
def test_names_map_to_one_file_name(name, part):
    assert path_part(name) == part


def test_g2l_ddl_never_writes_outside_out(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    (src / "export.json").write_text(_glue_export(_hostile_names(tmp_path)))
    out = tmp_path / "out"
    assert ddl_main(["ddl", str(src), str(out), "--catalog", "main"]) == 0
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    folders = ["%2E%2E%2F%2E%2E%2Fescaped", "%2E%2E", path_part(str(tmp_path / "outside")), "a%2F%2E%2E%2F%2E%2E%2Fb"]
    assert written == sorted([f"out/{f}/{name}" for f in folders for name in ("pwned.sql", "_schema.sql")]
                             + ["out/g2l_ddl_report.json", "src/export.json"])


def test_pipeline_target_paths_stay_in_the_ddl_folder(tmp_path):
    """The uc_ddl stage publishes ``<ddl_dir>/<schema>/<table>.sql`` to the target repository: the same
    encoding, so no hostile name makes a path that leaves the folder or that git refuses."""
    from g2l_core.config import parse_registry
    from g2l_core.gitrepo import unsafe_path
    from g2l_core.migrate_ddl import target_path

    [project] = parse_registry("projects:\n  - name: p\n    glue: {url: g}\n    target: {url: t}\n")
    results = convert_ddl_file("export.json", _glue_export(_hostile_names(tmp_path)), DdlOptions())
    paths = [target_path(project, r) for r in results]
    assert len(paths) == 4 and all(p and p.startswith("uc_ddl/") and p.count("/") == 2 for p in paths), paths
    assert not [p for p in paths if unsafe_path(p)]


def test_local_delta_tables_stay_inside_the_warehouse(spark, tmp_path):
    warehouse = tmp_path / "warehouse"
    results = convert_ddl_file("export.json", _glue_export(_hostile_names(tmp_path)), DdlOptions())
    report = apply_tables(spark, results, warehouse)
    logs = [p.parent for p in tmp_path.rglob("_delta_log")]
    assert logs and all(p.resolve().is_relative_to(warehouse.resolve()) for p in logs)
    assert not (tmp_path / "outside").exists() and not (tmp_path.parent / "escaped").exists()
    assert len(report.applied) + len(report.failed) == 4


@pytest.mark.parametrize("depth", [50, 3000])
def test_deeply_nested_view_is_one_error_and_the_rest_converts(depth):
    view = "CREATE VIEW d.v AS SELECT " + "(" * depth + "1" + ")" * depth + " AS x FROM d.t"
    rs = convert_ddl_text(f"CREATE TABLE d.t (a int);\n{view};\nCREATE TABLE d.u (b int);", file_path="deep.sql",
                          options=DdlOptions())
    assert [r.status for r in rs] == ["converted", "error", "converted"]
    assert rs[1].warnings == ["deep.sql: statement 2, line 2: statement nested too deeply to parse (parentheses or "
                              "subqueries beyond the parser's depth limit): split it, e.g. move inner queries into views"]


CFN_IF = """Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Whole:
    Type: AWS::Glue::Table
    Properties: !If [IsProd, {DatabaseName: a, TableInput: {Name: t}}, !Ref AWS::NoValue]
  Cols:
    Type: AWS::Glue::Table
    Properties:
      DatabaseName: a
      TableInput:
        Name: c
        StorageDescriptor: {Columns: !If [IsProd, [{Name: a, Type: int}], []]}
  Fine:
    Type: AWS::Glue::Table
    Properties: {DatabaseName: a, TableInput: {Name: f, StorageDescriptor: {Columns: [{Name: a, Type: int}]}}}
"""


@pytest.mark.parametrize("path, text, messages", [
    ("infra/stack.yaml", CFN_IF, [
        "infra/stack.yaml: statement 1, line 4: resource Whole: Properties is a Fn::If (condition or intrinsic): "
        "cannot be resolved offline; write the table's properties out, or keep one variant per template",
        "infra/stack.yaml: statement 2, line 7: resource Cols: TableInput.StorageDescriptor.Columns: expected a list "
        "of columns, got an unresolved CloudFormation Fn::If (conditions cannot be resolved offline)",
        None]),
    ("glue/tables.json", json.dumps({"TableList": "all"}), [
        "glue/tables.json: statement 1: Glue export: TableList: expected a list of entries, got str"]),
    ("glue/tables.json", json.dumps({"TableList": [
        {"Name": "t", "StorageDescriptor": []},
        {"Name": "u", "StorageDescriptor": {"Columns": [{"Name": "a", "Type": ["int"]}]}},
        {"Name": ["v"]}, 7, {"Name": "ok", "StorageDescriptor": {"Columns": [{"Name": "a", "Type": "int"}]}}]}), [
        "glue/tables.json: statement 1: Glue export entry 1: StorageDescriptor: expected an object, got list",
        "glue/tables.json: statement 2: Glue export entry 2: StorageDescriptor.Columns[0].Type: expected a "
        "string, got list",
        "glue/tables.json: statement 3: Glue export entry 3: Name: expected a string, got list",
        "glue/tables.json: statement 4: Glue export entry 4: expected a table object, got int",
        None]),
    ("glue/view.json", json.dumps({"Table": {"Name": "v", "TableType": "VIRTUAL_VIEW",
                                             "ViewOriginalText": "/* Presto View: ??? */"}}), [
        "glue/view.json: statement 1: Glue export entry 1: ViewOriginalText: Presto view payload is not base64"]),
])
def test_wrongly_typed_entries_are_clear_per_entry_errors(path, text, messages):
    rs = convert_ddl_file(path, text, DdlOptions())
    assert [r.warnings[0] if r.status == "error" else None for r in rs] == messages


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))


def test_yaml_alias_bomb_is_refused_in_bounded_memory():
    assert len(BOMB) < 600
    tracemalloc.start()
    try:
        [r] = convert_ddl_file("ddl/bomb.yaml", BOMB, DdlOptions())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert r.status == "error"
    assert r.warnings == ["ddl/bomb.yaml: statement 1: cannot load ddl/bomb.yaml: refused: more than 200000 values "
                          "once its aliases (*name) are expanded"]
    assert peak < 20_000_000


def test_oversized_sources_are_refused_with_a_message():
    [r] = convert_ddl_file("ddl/huge.yaml", "a: " + "x" * 6_000_000, DdlOptions())
    assert r.warnings == ["ddl/huge.yaml: statement 1: cannot load ddl/huge.yaml: 6000003 bytes is over the "
                          "5000000-byte limit for YAML input"]
    [r] = convert_ddl_file("ddl/huge.sql", "-- " + "x" * 20_000_000, DdlOptions())
    assert r.warnings[0].endswith("20000003 characters is over the 20000000-character limit for one DDL source; "
                                  "split the file")


SEEDS = [
    "CREATE EXTERNAL TABLE `db.t`(`a` string, b array<struct<c:int>>) PARTITIONED BY (dt string) "
    "ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' LOCATION 's3://b/t/';",
    "CREATE TABLE c.x WITH (format='PARQUET', partitioned_by=ARRAY['dt'], bucketed_by=ARRAY['a'], bucket_count=2) "
    "AS SELECT a, dt FROM db.t;",
    "CREATE VIEW v AS SELECT a FROM (SELECT a FROM db.t) s; MSCK REPAIR TABLE db.t; USE db;",
    json.dumps({"TableList": [{"Name": "t", "DatabaseName": "../x", "StorageDescriptor": {
        "Columns": [{"Name": "a", "Type": "map<string,int>"}], "Location": "s3://b/"}}]}),
    "Resources:\n  T:\n    Type: AWS::Glue::Table\n    Properties:\n      DatabaseName: !Sub '${Env}/..'\n"
    "      TableInput: {Name: /abs, StorageDescriptor: {Columns: [{Name: a, Type: int}]}}\n",
]
TOKENS = ["(", ")", "`", "'", '"', ";", "${env}", "{{ db }}", "../", "/", ".", "ARRAY[", "STRUCT<", "<", ">", ",",
          "CREATE TABLE ", "AS SELECT ", "*x", "&x ", "!If ", "\n", "--", "/*", "\\", "\x00", "é"]


@st.composite
def mutated(draw):
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(0, 6))):
        i = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(st.one_of(st.sampled_from(TOKENS), st.text(max_size=4)))
        j = min(len(text), i + draw(st.integers(1, 5)))
        text = text[:i] + piece + text[i:] if op == "insert" else text[:i] + (piece if op == "replace" else "") + text[j:]
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(mutated(), st.text(max_size=200)), suffix=st.sampled_from([".sql", ".hql", ".json", ".yaml"]))
@example(text="?[0[", suffix=".sql")  # sqlglot raised IndexError on this bracket
def test_fuzz_no_exception_escapes_and_nothing_lands_outside_out(tmp_path_factory, text, suffix):
    sandbox = tmp_path_factory.mktemp("fuzz")
    src, out = sandbox / "src", sandbox / "out"
    src.mkdir()
    (src / f"input{suffix}").write_text(text, encoding="utf-8", errors="surrogatepass")
    results = convert_path(src, DdlOptions(ddl_vars={"env": "dev"}))
    assert all(r.status in ("converted", "flagged", "skipped", "error") for r in results)
    assert ddl_main(["ddl", str(src), str(out), "--catalog", "main"]) == 0
    for p in sandbox.rglob("*"):
        assert p.parent in (sandbox, src) or p.resolve().is_relative_to(out.resolve()), p
