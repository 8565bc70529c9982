"""Thin readers: callers pass Glue options straight through as keyword arguments."""
import logging

logger = logging.getLogger(__name__)


def catalog_frame(glue_context, database, table, **kwargs):
    logger.info("reading %s.%s with %s", database, table, sorted(kwargs))
    return glue_context.create_dynamic_frame.from_catalog(database=database, table_name=table, **kwargs)


def json_frame(glue_context, paths, **format_options):
    return glue_context.create_dynamic_frame.from_options(
        connection_type="s3",
        connection_options={"paths": paths, "recurse": True},
        format="json",
        format_options=format_options,
    )


def write_parquet(glue_context, frame, path, **options):
    glue_context.write_dynamic_frame.from_options(
        frame=frame,
        connection_type="s3",
        connection_options={"path": path},
        format="parquet",
        **options,
    )
