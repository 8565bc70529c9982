"""Shared logging for jobs: Glue's logger when there is a GlueContext, the standard one otherwise."""

import logging

from awsglue.context import GlueContext


def job_logger(glue_context: GlueContext = None):
    if glue_context is not None:
        return glue_context.get_logger()
    return logging.getLogger("jobs")


def log_counts(glue_context: GlueContext, **frames) -> None:
    logger = glue_context.get_logger()
    for name, frame in frames.items():
        logger.info(f"{name}: {frame.count()} rows")
    logger.warn("counts logged")
