"""Session helpers shared by the billing jobs; awsglue only imported where a job starts."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Tuple

if TYPE_CHECKING:
    from awsglue.context import GlueContext
    from awsglue.job import Job as GlueJobRun


def start_run(name: str, arguments: dict) -> "Tuple[GlueContext, GlueJobRun]":
    from awsglue.context import GlueContext
    from awsglue.job import Job as GlueJobRun
    from pyspark.context import SparkContext

    context = GlueContext(SparkContext.getOrCreate())
    run = GlueJobRun(context)
    run.init(name, arguments)
    return context, run


def finish_run(run: "Optional[GlueJobRun]") -> None:
    if run is not None:
        run.commit()


def invoices(context: "GlueContext", month: str):
    frame = context.create_dynamic_frame.from_catalog(
        database="billing", table_name="invoices", push_down_predicate=f"month = '{month}'"
    )
    return frame.toDF()
