"""A table whose database no source creates (Glue catalog exports carry no database statement) still gets
its schema in the committed DDL, so the files deploy in order on an empty workspace."""

import json

import pytest

from g2l_core.ddl import DdlOptions, convert_path
from g2l_core.ddl.output_files import relative_path

EXPORT = json.dumps({"TableList": [{
    "Name": "carriers", "DatabaseName": "ref-data",
    "StorageDescriptor": {"Columns": [{"Name": "id", "Type": "string"}], "Location": "s3://b/carriers/"},
}]})


@pytest.mark.parametrize("files, schemas", [
    ({"export.json": EXPORT}, {"ref-data/_schema.sql": "CREATE SCHEMA IF NOT EXISTS main.`ref-data`"}),
    ({"a.sql": "CREATE DATABASE sales;\nCREATE TABLE sales.t (x INT);"},
     {"sales/_schema.sql": "CREATE SCHEMA IF NOT EXISTS main.sales"}),
    ({"a.sql": "CREATE TABLE sales.t (x INT);\nCREATE VIEW sales.v AS SELECT x FROM sales.t;"},
     {"sales/_schema.sql": "CREATE SCHEMA IF NOT EXISTS main.sales"}),
    ({"a.sql": "CREATE TABLE sales.t (x INT) oops oops;"}, {}),
])
def test_every_schema_used_has_a_schema_file(tmp_path, files, schemas):
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    results = convert_path(tmp_path, DdlOptions(catalog="main"))
    found = {relative_path(r): r.ddl for r in results if r.table_kind == "schema"}
    assert {k: " ".join(v.split()) for k, v in found.items()} == schemas
    implied = [r for r in results if r.table_kind == "schema" and r.warnings]
    assert all("no CREATE DATABASE" in r.warnings[0] for r in implied)
