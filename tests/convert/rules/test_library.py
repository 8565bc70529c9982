"""Before -> after for library code: GlueContext, SparkContext and Job held on ``self`` (``context``), GlueContext
parameters and keyword call sites (``parameters``), functions attached to DynamicFrame (their ``self`` is a
DataFrame now), with the decisions each site yields."""

import textwrap

import pytest

from rule_cases import check_cases

CASES = [
    pytest.param(
        textwrap.dedent('''\
            import sys

            from awsglue.context import GlueContext
            from awsglue.job import Job
            from awsglue.utils import getResolvedOptions
            from pyspark.context import SparkContext


            class BaseJob:
                def __init__(self):
                    self.args = getResolvedOptions(sys.argv, ["JOB_NAME"])
                    self.sc = SparkContext.getOrCreate()
                    self.glue_context = GlueContext(self.sc)
                    self.spark = self.glue_context.spark_session
                    self.job = Job(self.glue_context)
                    self.job.init(self.args["JOB_NAME"], self.args)

                def read(self, table):
                    return self.glue_context.create_dynamic_frame.from_catalog(database="sales", table_name=table)

                def finish(self):
                    self.job.commit()
        '''),
        textwrap.dedent('''\
            import sys
            import g2l_helpers
            from pyspark.sql import SparkSession


            class BaseJob:
                def __init__(self):
                    self.args = g2l_helpers.job_arguments(sys.argv, [])
                    self.spark = SparkSession.builder.getOrCreate()
                    # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
                    self.spark.conf.set("spark.sql.ansi.enabled", "false")

                def read(self, table):
                    return self.spark.read.table(f"main.sales_uc.`{table}`")

                def finish(self):
                    pass
        '''),
        [
            (11, 'getResolvedOptions', 'converted_with_helper', 'ResolvedOptions'),
            (12, 'SparkContext', 'converted', 'SparkContextSetup'),
            (13, 'GlueContext', 'converted', 'GlueContextSetup'),
            (13, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (14, 'GlueContext.spark_session', 'converted', 'SparkSessionAttribute'),
            (15, 'Job', 'converted', 'JobObject'),
            (16, 'Job.init', 'converted', 'JobInitCommit'),
            (19, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (22, 'Job.commit', 'converted', 'JobInitCommit'),
        ],
        id='held_on_self',
    ),
    pytest.param(
        textwrap.dedent('''\
            from awsglue.context import GlueContext
            from awsglue.job import Job
            from pyspark.context import SparkContext


            class Runner:
                def __init__(self):
                    self.sc = SparkContext.getOrCreate()
                    self.glueContext = GlueContext(self.sc)
                    self.job = Job(self.glueContext)

                def numbers(self):
                    return self.sc.parallelize([1, 2, 3])

                def name(self):
                    return self.job.name
        '''),
        textwrap.dedent('''\
            import g2l_helpers
            from pyspark.sql import SparkSession


            class Runner:
                def __init__(self):
                    # g2l: review: the SparkContext is taken from the SparkSession; Databricks shared and serverless compute have none: use the SparkSession instead
                    self.sc = SparkSession.builder.getOrCreate().sparkContext
                    self.spark = SparkSession.builder.getOrCreate()
                    # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
                    self.spark.conf.set("spark.sql.ansi.enabled", "false")
                    # g2l: review: self.job is used besides init/commit: g2l_helpers.NoOpJob stands in for it (init and commit do nothing, as on Databricks); self.job.name has no stand-in: remove it by hand
                    self.job = g2l_helpers.NoOpJob()

                def numbers(self):
                    return self.sc.parallelize([1, 2, 3])

                def name(self):
                    return self.job.name
        '''),
        [
            (8, 'SparkContext', 'flagged', 'SparkContextSetup'),
            (9, 'GlueContext', 'converted', 'GlueContextSetup'),
            (9, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (10, 'Job', 'flagged', 'JobObject'),
        ],
        id='other_uses_flagged',
    ),
    pytest.param(
        textwrap.dedent('''\
            from awsglue.context import GlueContext


            def load(glue_context: GlueContext, database, table):
                session = glue_context.spark_session
                return glue_context.create_dynamic_frame.from_catalog(database=database, table_name=table)


            def keep(glue_ctx, spark):
                return glue_ctx.spark_session is spark


            def run(glueContext):
                orders = load(glue_context=glueContext, database="sales", table="orders")
                return helpers.publish(orders, glue_context=glueContext)
        '''),
        textwrap.dedent('''\
            import g2l_helpers
            from pyspark.sql import SparkSession


            def load(spark: SparkSession, database, table):
                session = spark
                return spark.read.table(g2l_helpers.uc_table_name(database, table))


            def keep(glue_ctx, spark):
                return glue_ctx is spark


            def run(spark):
                orders = load(spark=spark, database="sales", table="orders")
                return helpers.publish(orders, spark=spark)
        '''),
        [
            (5, 'GlueContext.spark_session', 'converted', 'SparkSessionAttribute'),
            (6, 'GlueContext.create_dynamic_frame.from_catalog', 'converted_with_helper', 'CatalogRead'),
            (10, 'GlueContext.spark_session', 'converted', 'SparkSessionAttribute'),
        ],
        id='parameters_and_keywords',
    ),
    pytest.param(
        textwrap.dedent('''\
            from common.base import BaseJob


            class OrdersJob(BaseJob):
                def run(self):
                    frame = self.glue_context.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
                    frame.toDF().write.mode("overwrite").saveAsTable("sales.orders_copy")
                    self.job.commit()
        '''),
        textwrap.dedent('''\
            from common.base import BaseJob


            class OrdersJob(BaseJob):
                def run(self):
                    frame = self.spark.read.table("main.sales_uc.orders")
                    frame.write.mode("overwrite").saveAsTable("main.sales_uc.orders_copy")
        '''),
        [
            (6, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (7, 'DynamicFrame.toDF', 'converted', 'ToDF'),
            (7, 'Spark table name', 'converted', 'TwoLevelTableName'),
            (8, 'Job.commit', 'converted', 'JobInitCommit'),
        ],
        id='subclass_in_another_module',
    ),

    pytest.param(
        textwrap.dedent('''\
            from awsglue.dynamicframe import DynamicFrame
            from pyspark.sql import functions as F


            def with_ingest_date(self, column="ingest_date"):
                df = self.toDF().withColumn(column, F.current_date())
                return DynamicFrame.fromDF(df, self.glue_ctx, self.name + "_dated")


            def lookup(self, table):
                spark = self.glue_ctx.spark_session
                codes = self.glue_ctx.create_dynamic_frame.from_catalog(database="ref", table_name=table)
                print("joining", self.name)
                return self.join(["code"], ["code"], codes).select_fields(["id", "label"])


            def describe(self):
                return {"rows": self.count(), "schema": self.schema()}


            DynamicFrame.with_ingest_date = with_ingest_date
            setattr(DynamicFrame, "lookup", lookup)
            DynamicFrame.describe = describe
            DynamicFrame.to_eur = lambda self: self.toDF()
        '''),
        textwrap.dedent('''\
            from pyspark.sql import functions as F
            from pyspark.sql import DataFrame


            def with_ingest_date(self, column="ingest_date"):
                df = self.withColumn(column, F.current_date())
                return df


            def lookup(self, table):
                spark = self.sparkSession
                codes = self.sparkSession.read.table(f"main.ref.`{table}`")
                # g2l: review: a DynamicFrame's name has no DataFrame equivalent (df.name is the column `name`): use a literal name or pass one in
                print("joining", self.name)
                return self.join(codes, self["code"] == codes["code"], "inner").select("id", "label")


            def describe(self):
                return {"rows": self.count(), "schema": self.schema}


            DataFrame.with_ingest_date = with_ingest_date
            setattr(DataFrame, "lookup", lookup)
            DataFrame.describe = describe
            DataFrame.to_eur = lambda self: self
        '''),
        [
            (6, 'DynamicFrame.toDF', 'converted', 'ToDF'),
            (7, 'DynamicFrame.fromDF', 'converted', 'FromDF'),
            (11, 'GlueContext.spark_session', 'converted', 'SparkSessionAttribute'),
            (12, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (13, 'DynamicFrame.name', 'flagged', 'FrameName'),
            (14, 'DynamicFrame.join', 'converted', 'JoinRule'),
            (14, 'DynamicFrame.select_fields', 'converted', 'SelectFieldsRule'),
            (18, 'DynamicFrame.schema', 'converted', 'DynamicFrameMethod'),
            (24, 'DynamicFrame.toDF', 'converted', 'ToDF'),
        ],
        id='dynamic_frame_extension_methods',
    ),
    pytest.param(
        textwrap.dedent('''\
            import logging


            def build_context():
                try:
                    from awsglue.context import GlueContext
                    from pyspark.context import SparkContext
                except ImportError:
                    logging.warning("not on Glue")
                    return None
                return GlueContext(SparkContext.getOrCreate())


            def sample(frame):
                from awsglue.transforms import Spigot
                return Spigot.apply(frame, "s3://debug/", {"topk": 5}).toDF()


            def matcher(frame):
                import awsglueml.transforms as ml
                return ml.FindMatches.apply(frame=frame, transformId="t-1")


            class Loader:
                def load(self, glue_context, table):
                    from awsglue.dynamicframe import DynamicFrame, DynamicFrameCollection
                    frame = glue_context.create_dynamic_frame.from_catalog(database="sales", table_name=table)
                    return DynamicFrameCollection({"main": frame}, glue_context)
        '''),
        textwrap.dedent('''\
            import logging
            from pyspark.sql import SparkSession


            def build_context():
                # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
                SparkSession.builder.getOrCreate().conf.set("spark.sql.ansi.enabled", "false")
                return SparkSession.builder.getOrCreate()


            def sample(frame):
                # g2l: review: awsglue import kept: code below still uses Spigot
                from awsglue.transforms import Spigot
                # g2l: review: spigot used inside an expression; write the sample as its own statement
                return Spigot.apply(frame, "s3://debug/", {"topk": 5})


            def matcher(frame):
                # g2l: review: awsglue import kept: code below still uses FindMatches
                from awsglueml.transforms import FindMatches
                # g2l: review: FindMatches: no equivalent; use an entity-resolution library or a Databricks ML model
                return FindMatches.apply(frame=frame, transformId="t-1")


            class Loader:
                def load(self, spark, table):
                    frame = spark.read.table(f"main.sales_uc.`{table}`")
                    return dict({"main": frame})
        '''),
        [
            (11, 'GlueContext', 'converted', 'GlueContextSetup'),
            (11, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (16, 'Spigot', 'flagged', 'SpigotRule'),
            (16, 'DynamicFrame.toDF', 'converted', 'ToDF'),
            (21, 'FindMatches', 'flagged', 'MachineLearningAndQuality'),
            (27, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (28, 'DynamicFrameCollection', 'converted', 'CollectionConstructor'),
        ],
        id='awsglue_imports_in_functions_methods_and_try',
    ),

    pytest.param(
        textwrap.dedent('''\
            from awsglue.context import GlueContext
            from awsglue.job import Job
            from pyspark import SparkConf, SparkContext


            class Pipeline:
                glue_context: GlueContext
                job: Job

                def __init__(self, conf: SparkConf):
                    self.sc = SparkContext.getOrCreate(conf=conf)
                    self.glue_context = GlueContext(self.sc)
                    self.job = Job(self.glue_context)

                def close(self):
                    self.job.commit()
        '''),
        textwrap.dedent('''\
            from pyspark import SparkConf
            from pyspark.sql import SparkSession


            class Pipeline:
                spark: SparkSession

                def __init__(self, conf: SparkConf):
                    SparkSession.builder.config(conf=conf).getOrCreate()
                    self.spark = SparkSession.builder.getOrCreate()
                    # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
                    self.spark.conf.set("spark.sql.ansi.enabled", "false")

                def close(self):
                    pass
        '''),
        [
            (7, 'GlueContext', 'converted', 'HeldAnnotation'),
            (8, 'Job', 'converted', 'HeldAnnotation'),
            (11, 'SparkContext', 'converted', 'SparkContextSetup'),
            (12, 'GlueContext', 'converted', 'GlueContextSetup'),
            (12, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (13, 'Job', 'converted', 'JobObject'),
            (16, 'Job.commit', 'converted', 'JobInitCommit'),
        ],
        id='class_declarations_and_spark_conf',
    ),
    # a try whose body held only awsglue imports (and constants) cannot raise once they go: its handlers, with
    # their `GlueContext = None` fallbacks, go; the body stays, comments move down
    pytest.param(
        textwrap.dedent('''\
            import sys

            # awsglue is there on Glue only
            try:
                from awsglue.context import GlueContext
                from awsglue.utils import getResolvedOptions

                ON_GLUE = True
            except (ImportError, ModuleNotFoundError):  # local runs
                GlueContext = None
                getResolvedOptions = None
                ON_GLUE = False


            def can_import_glue():
                try:
                    from awsglue.utils import getResolvedOptions
                    return True
                except ImportError:
                    # a laptop
                    return False


            def load(glue_context, table):
                if not ON_GLUE:
                    raise RuntimeError("Glue only")
                return glue_context.create_dynamic_frame.from_catalog(database="sales", table_name=table).toDF()
        '''),
        textwrap.dedent('''\
            import sys

            # awsglue is there on Glue only
            # local runs
            ON_GLUE = True


            def can_import_glue():
                # a laptop
                return True


            def load(spark, table):
                if not ON_GLUE:
                    raise RuntimeError("Glue only")
                return spark.read.table(f"main.sales_uc.`{table}`")
        '''),
        [
            (27, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (27, 'DynamicFrame.toDF', 'converted', 'ToDF'),
        ],
        id='try_import_fallbacks_are_dead_once_the_imports_go',
    ),
    # an aliased Job named in quoted annotations: the stand-in, as for the bare name
    pytest.param(
        textwrap.dedent('''\
            from typing import TYPE_CHECKING, Optional

            if TYPE_CHECKING:
                from awsglue.job import Job as RunHandle


            def open_run(glue_context, name, args) -> "RunHandle":
                from awsglue.job import Job as RunHandle
                handle = RunHandle(glue_context)
                handle.init(name, args)
                return handle


            def close_run(handle: "Optional[RunHandle]") -> None:
                if handle:
                    handle.commit()
        '''),
        textwrap.dedent('''\
            from typing import TYPE_CHECKING, Optional
            import g2l_helpers

            if TYPE_CHECKING:
                pass


            def open_run(spark, name, args) -> "g2l_helpers.NoOpJob":
                handle = g2l_helpers.NoOpJob()
                return handle


            def close_run(handle: "Optional[g2l_helpers.NoOpJob]") -> None:
                if handle:
                    handle.commit()
        '''),
        [
            (9, 'Job', 'converted_with_helper', 'JobObject'),
            (10, 'Job.init', 'converted', 'JobInitCommit'),
        ],
        id='aliased_job_in_quoted_annotations',
    ),
    # a Map function gets a dict: DynamicRecord hints, bare or quoted, become dict
    pytest.param(
        textwrap.dedent('''\
            from awsglue.dynamicframe import DynamicFrame
            from awsglue.gluetypes import DynamicRecord


            def tidy(row: DynamicRecord) -> "DynamicRecord":
                row["code"] = row["code"].strip()
                return row


            def tidy_all(frame: DynamicFrame) -> DynamicFrame:
                return frame.map(f=tidy)
        '''),
        textwrap.dedent('''\
            import g2l_helpers
            from pyspark.sql import DataFrame


            def tidy(row: dict) -> "dict":
                row["code"] = row["code"].strip()
                return row


            def tidy_all(frame: DataFrame) -> DataFrame:
                # g2l: review: record function runs per row via mapInPandas; output schema inferred from a sample: pass schema= or rewrite with withColumn
                return g2l_helpers.map_records(frame, tidy)
        '''),
        [
            (11, 'DynamicFrame.map', 'flagged', 'MapRule'),
        ],
        id='dynamic_record_hints_are_dicts',
    ),
    # a parameter handed to DynamicFrame.fromDF as its glue_ctx is the GlueContext, whatever its name
    pytest.param(
        textwrap.dedent('''\
            from awsglue import DynamicFrame


            def sample(rows, ctx):
                df = ctx.sparkSession.createDataFrame(rows)
                return DynamicFrame.fromDF(df, glue_ctx=ctx, name="rows")


            def unrelated(ctx):
                return ctx.sparkSession
        '''),
        textwrap.dedent('''\


            def sample(rows, ctx):
                df = ctx.createDataFrame(rows)
                return df


            def unrelated(ctx):
                return ctx.sparkSession
        '''),
        [
            (5, 'GlueContext.sparkSession', 'converted', 'SparkSessionAttribute'),
            (6, 'DynamicFrame.fromDF', 'converted', 'FromDF'),
        ],
        id='context_known_by_its_use_as_glue_ctx',
    ),
]

test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)
