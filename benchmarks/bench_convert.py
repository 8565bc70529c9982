"""Conversion speed against bare ``libcst.parse_module`` on a generated 1000-job Glue repository.

Both are measured in this process on the same files, median of ``--runs``: the ratio is what matters
(target <= 2.0 on one core). Also runs ``convert_files`` with every core, as the CLI does, and reports peak RSS.
Writes ``benchmarks/.out/convert.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import resource
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    options = ConvertOptions(catalog="main", schema_map={"raw_risk": "risk_raw"},
                             path_map={"s3://landing-risk/": "/Volumes/main/landing/risk/"})
    with tempfile.TemporaryDirectory() as tmp:
        files = generate(Path(tmp), args.jobs)
    lines = sum(t.count("\n") for t in files.values())
    texts = list(files.items())

    parse, convert = interleaved(args.runs, texts, options)
    workers = os.cpu_count() or 1
    parallel = median_of(args.runs, lambda: convert_files(files, options, workers=workers))
    results = convert_files(files, options, workers=1)
    assert all(r.error is None and r.code for r in results)
    rss_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    figures = {
        "jobs": args.jobs,
        "lines": lines,
        "avg_lines_per_job": round(lines / args.jobs, 1),
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
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(figures, indent=2) + "\n")
    for key, value in figures.items():
        print(f"{key:>24}: {value}")


if __name__ == "__main__":
    main()
