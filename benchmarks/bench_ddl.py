"""DDL conversion speed: 1000 generated table definitions, conversion time as a ratio to bare
``sqlglot.parse`` of the same text in the same process (target <= 3). Prints and writes
``benchmarks/.out/ddl.json``."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import sqlglot

from g2l_core.ddl import DdlOptions, convert_ddl_text

TYPES = ["string", "bigint", "int", "double", "decimal(18,2)", "varchar(32)", "date", "timestamp", "boolean",
         "array<string>", "struct<a:int,b:string>", "map<string,double>"]
STORAGE = [
    "STORED AS PARQUET",
    "ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS TEXTFILE",
    "ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' WITH SERDEPROPERTIES ('ignore.malformed.json'='true') "
    "STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat' "
    "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'",
    "STORED AS ORC",
]


def generate(n: int, seed: int = 7) -> str:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        cols = ",\n  ".join(f"`c{j}` {rnd.choice(TYPES)} COMMENT 'column {j}'" for j in range(rnd.randint(5, 20)))
        out.append(
            f"-- table {i}\nCREATE EXTERNAL TABLE IF NOT EXISTS `db{i % 7}`.`t{i}` (\n  {cols}\n)\n"
            f"COMMENT 'table {i}'\nPARTITIONED BY (`dt` string)\n{rnd.choice(STORAGE)}\n"
            f"LOCATION 's3://bucket/db{i % 7}/t{i}/'\n"
            f"TBLPROPERTIES ('classification'='parquet', 'projection.enabled'='true', 'owner'='team{i % 3}')"
        )
    return ";\n\n".join(out) + ";\n"


def best_of(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> dict:
    text = generate(1000)
    options = DdlOptions(catalog="main")
    results = convert_ddl_text(text, file_path="bench.sql", options=options)
    assert len(results) == 1000 and all(r.status != "error" for r in results)
    parse = best_of(lambda: sqlglot.parse(text, read="athena"))
    convert = best_of(lambda: convert_ddl_text(text, file_path="bench.sql", options=options))
    out = {"tables": 1000, "chars": len(text), "sqlglot_parse_s": round(parse, 4), "convert_s": round(convert, 4),
           "ratio": round(convert / parse, 2), "target_ratio": 3.0}
    print(json.dumps(out, indent=2))
    dest = Path(__file__).resolve().parent / ".out" / "ddl.json"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(out, indent=2))
    return out


if __name__ == "__main__":
    main()
