"""Reusable ETL job class of a shared package: options dataclass, optional JOB_NAME, managed context."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark import SparkConf, SparkContext

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pyspark.sql import SparkSession


@dataclass
class JobOptions:
    """Every field is a job argument of the same name."""

    source_table: str
    target_path: str

    @classmethod
    def from_args(cls, resolved: dict) -> "JobOptions":
        return cls(**{f.name: resolved[f.name] for f in fields(cls)})


OptionsT = TypeVar("OptionsT", bound=JobOptions)


class EtlJob(Generic[OptionsT]):
    """Boilerplate of every job: arguments, contexts, the Glue job object."""

    options: OptionsT
    sc: SparkContext
    spark: SparkSession
    glue_context: GlueContext

    def __init__(self, options_cls: type[OptionsT]) -> None:
        wanted = [f.name for f in fields(options_cls)]
        if "--JOB_NAME" in sys.argv:
            wanted.append("JOB_NAME")
        resolved = getResolvedOptions(sys.argv, wanted)
        self.options = cast(OptionsT, options_cls.from_args(resolved))
        self.name = resolved.get("JOB_NAME", "local-run")
        self.sc = self.create_spark_context()
        self.glue_context = self.create_glue_context()
        self.spark = self.glue_context.spark_session
        self._job = Job(self.glue_context)
        self._job.init(self.name, resolved)

    def create_spark_context(self) -> SparkContext:
        conf = SparkConf().setAppName(self.name)
        return SparkContext.getOrCreate(conf)

    def create_glue_context(self) -> GlueContext:
        return GlueContext(self.sc)

    @contextmanager
    def managed_glue_context(self, *, commit: bool = True) -> Iterator[GlueContext]:
        yield self.glue_context
        if commit:
            self.commit()

    def commit(self) -> None:
        self._job.commit()
