"""Spark wrapper of the data platform that adds the Glue parts, kept in private attributes."""

from awsglue import job
from awsglue.context import GlueContext
from pyspark import SparkContext

from dataplatform.core.spark import Spark


class GlueSpark(Spark):
    """A Spark whose session comes from a GlueContext, with the Glue job around it."""

    def __init__(self, sc: SparkContext):
        self.__gc = GlueContext(sc)
        self.__job = job.Job(self.__gc)
        super().__init__(self.__gc.spark_session)

    @property
    def glue_context(self) -> GlueContext:
        """The GlueContext underneath."""
        return self.__gc

    def begin(self, name: str, arguments: dict) -> None:
        self.__job.init(name, arguments)

    def end(self) -> None:
        self.__job.commit()
