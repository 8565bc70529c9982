"""Conversion speed against bare ``libcst.parse_module`` on a generated 1000-job Glue repository.

Both are measured in this process on the same files, median of ``--runs``: the ratio is what matters
(target <= 2.0 on one core). Also runs ``convert_files`` with every core, as the CLI does, and reports peak RSS.
Then the whole ``g2l convert SRC OUT`` process (start-up, reading, converting, writing, report), with one
worker and with every core, against a process that imports libcst and parses the same files, each round
running the three in turn (target <= 2.0). Writes ``benchmarks/.out/convert.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import libcst as cst

from g2l_core.convert import ConvertOptions, convert_files, convert_source

OUT = Path(__file__).resolve().parent / ".out" / "convert.json"

HEADER = '''"""Generated Glue job {n}: {purpose}."""

import sys

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
from awsglue.transforms import ApplyMapping, DropNullFields, Filter, Join, ResolveChoice
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F

args = getResolvedOptions(sys.argv, ["JOB_NAME", "business_date", "threshold_{n}"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)
logger = glueContext.get_logger()
'''

BLOCKS = [
    '''
# Read the {name} table for one business date
{name} = glueContext.create_dynamic_frame.from_catalog(
    database="raw_{db}",
    table_name="{name}",
    push_down_predicate=f"business_date = '{{args['business_date']}}'",
    transformation_ctx="read_{name}",
)
''',
    '''
{name} = glueContext.create_dynamic_frame.from_options(
    connection_type="s3",
    connection_options={{"paths": ["s3://landing-{db}/{name}/"], "recurse": True}},
    format="csv",
    format_options={{"withHeader": True, "separator": "|"}},
    transformation_ctx="landing_{name}",
)
''',
    '''
# Keep only the columns the curated layer needs
{name}_mapped = ApplyMapping.apply(
    frame={name},
    mappings=[
        ("id", "string", "id", "long"),
        ("amount", "string", "amount", "decimal(18,2)"),
        ("status", "string", "status", "string"),
        ("meta.source", "string", "source", "string"),
        ("created", "string", "created_date", "date"),
    ],
    transformation_ctx="map_{name}",
)
{name}_mapped = ResolveChoice.apply(frame={name}_mapped, specs=[("amount", "cast:double")])
''',
    '''
{name}_kept = Filter.apply(
    frame={name}_mapped,
    f=lambda row: row["amount"] > {k} and row["status"] in ("OPEN", "BOOKED"),
    transformation_ctx="filter_{name}",
)
{name}_df = {name}_kept.toDF()
{name}_df = {name}_df.withColumn("loaded_at", F.current_timestamp())
{name}_df = {name}_df.withColumn("amount_band", F.when(F.col("amount") > 1000, "large").otherwise("small"))
totals_{name} = {name}_df.groupBy("status").agg(F.sum("amount").alias("total"), F.count("*").alias("n"))
for row in totals_{name}.collect():
    logger.info(f"{name} {{row['status']}}: {{row['total']}} over {{row['n']}} rows")
''',
    '''
def enrich_{name}(glue_context, frame, lookup):
    """Attach the lookup attributes; both key columns survive the join."""
    joined = Join.apply(frame1=frame, frame2=lookup, keys1=["id"], keys2=["ref_id"])
    return DropNullFields.apply(frame=joined)


{name}_lookup = DynamicFrame.fromDF(spark.table("ref.lookup_{k}"), glueContext, "lookup_{name}")
{name}_out = enrich_{name}(glueContext, DynamicFrame.fromDF({name}_df, glueContext, "out"), {name}_lookup)
''',
    '''
glueContext.write_dynamic_frame.from_catalog(
    frame={name}_out,
    database="curated_{db}",
    table_name="{name}",
    additional_options={{"partitionKeys": ["business_date"]}},
    transformation_ctx="write_{name}",
)
summary_{name} = {name}_out.toDF().groupBy("business_date").count()
summary_{name}.write.mode("overwrite").saveAsTable("reporting.summary_{name}")  # plain PySpark stays
''',
    '''
# Ratios computed in SQL: NULL on division by zero, as Glue (ANSI off) gives
{name}_out.toDF().createOrReplaceTempView("{name}_view")
ratios_{name} = spark.sql(
    """
    SELECT status, SUM(amount) / COUNT(*) AS avg_amount, CAST(MAX(id) AS INT) AS max_id
    FROM {name}_view
    GROUP BY status
    """
)
export_path = f"s3://landing-{db}/exports/{name}/{{args['business_date']}}/"
glueContext.write_dynamic_frame.from_options(
    frame=DynamicFrame.fromDF(ratios_{name}, glueContext, "ratios"),
    connection_type="s3",
    connection_options={{"path": export_path, "partitionKeys": ["status"]}},
    format="parquet",
)
''',
]


def generate(root: Path, jobs: int, seed: int = 7) -> dict[str, str]:
    rng = random.Random(seed)
    files = {}
    for n in range(jobs):
        name = rng.choice(["trades", "orders", "positions", "prices", "accounts", "events"]) + f"_{n}"
        parts = [HEADER.format(n=n, purpose=f"curate {name}")]
        kinds = [0 if rng.random() < 0.5 else 1, 2, 3, 4, 5, 6]
        for kind in kinds:
            parts.append(BLOCKS[kind].format(name=name, db=rng.choice(["risk", "ops", "fin"]), k=rng.randint(0, 99)))
        parts.append("\njob.commit()\n")
        text = "".join(parts)
        path = root / f"jobs/team_{n % 10}/job_{n:04d}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        files[str(path.relative_to(root))] = text
    return files


def median_of(runs: int, fn) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved(runs: int, texts: list[tuple[str, str]], options: ConvertOptions) -> tuple[float, float]:
    """Median totals of bare parse and of conversion, timed file by file in turn, so load from other
    processes on a shared machine falls on both sides of the ratio alike."""
    parse_runs, convert_runs = [], []
    for _ in range(runs):
        parse = convert = 0.0
        for path, text in texts:
            start = time.perf_counter()
            cst.parse_module(text)
            middle = time.perf_counter()
            convert_source(text, path, options)
            parse += middle - start
            convert += time.perf_counter() - middle
        parse_runs.append(parse)
        convert_runs.append(convert)
    return statistics.median(parse_runs), statistics.median(convert_runs)


BARE_PARSE = """
import sys
from pathlib import Path

import libcst

for path in sorted(Path(sys.argv[1]).rglob("*.py")):
    libcst.parse_module(path.read_bytes())
"""


def g2l_command() -> list[str]:
    script = Path(sys.executable).with_name("g2l")
    return [str(script)] if script.exists() else [sys.executable, "-m", "g2l_dagster.cli"]


def _timed(command: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system, all its processes) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def whole_process(runs: int, src: Path, out: Path, workers: int) -> dict:
    """Medians of the bare-parse process and of ``g2l convert`` with one worker and with ``workers``,
    and of each round's ratios (the three run back to back, so a round shares the machine's load).

    Wall-clock is the figure; CPU seconds (user + system) are given too, as on a machine other work
    keeps busy they say more about the one-worker ratio than wall-clock does."""
    rounds = []
    for _ in range(runs):
        times = {"bare": _timed([sys.executable, "-c", BARE_PARSE, str(src)])}
        for n in sorted({1, workers}):
            shutil.rmtree(out, ignore_errors=True)
            times[n] = _timed([*g2l_command(), "convert", str(src), str(out), "--workers", str(n)])
        rounds.append(times)
    figures = {"process_bare_parse_s": round(statistics.median(r["bare"][0] for r in rounds), 3),
               "process_bare_parse_cpu_s": round(statistics.median(r["bare"][1] for r in rounds), 3)}
    for n in sorted({1, workers}):
        figures[f"process_convert_{n}w_s"] = round(statistics.median(r[n][0] for r in rounds), 3)
        figures[f"process_ratio_{n}w"] = round(statistics.median(r[n][0] / r["bare"][0] for r in rounds), 2)
        figures[f"process_cpu_ratio_{n}w"] = round(statistics.median(r[n][1] / r["bare"][1] for r in rounds), 2)
    return figures


def in_process(runs: int, files: dict[str, str]) -> dict:
    options = ConvertOptions(catalog="main", schema_map={"raw_risk": "risk_raw"},
                             path_map={"s3://landing-risk/": "/Volumes/main/landing/risk/"})
    texts = list(files.items())

    parse, convert = interleaved(runs, texts, options)
    workers = os.cpu_count() or 1
    parallel = median_of(runs, lambda: convert_files(files, options, workers=workers))
    results = convert_files(files, options, workers=1)
    assert all(r.error is None and r.code for r in results)
    rss_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "parse_s": round(parse, 3),
        "convert_single_core_s": round(convert, 3),
        "ratio_single_core": round(convert / parse, 2),
        "workers": workers,
        "convert_parallel_s": round(parallel, 3),
        "ratio_parallel": round(parallel / parse, 2),
        "peak_rss_mb": round(rss_self, 1),
        "peak_rss_worker_mb": round(rss_children, 1),
        "decisions": sum(len(r.decisions) for r in results),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--process-only", action="store_true", help="only the whole-process comparison")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        files = generate(src, args.jobs)
        figures = {"jobs": args.jobs, "lines": sum(t.count("\n") for t in files.values()),
                   "avg_lines_per_job": round(sum(t.count("\n") for t in files.values()) / args.jobs, 1),
                   "load_average": os.getloadavg()[0]}
        if not args.process_only:
            figures.update(in_process(args.runs, files))
        figures.update(whole_process(args.runs, src, Path(tmp) / "out", os.cpu_count() or 1))
    figures["load_average_after"] = os.getloadavg()[0]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(figures, indent=2) + "\n")
    for key, value in figures.items():
        print(f"{key:>24}: {value}")


if __name__ == "__main__":
    main()
