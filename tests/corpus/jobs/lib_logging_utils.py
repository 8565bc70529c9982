"""Logging through the Glue logger so messages land in the job's CloudWatch stream."""
import json


def get_logger(glue_context):
    return glue_context.get_logger()


def log_frame_stats(glue_context, frame, name):
    logger = glue_context.get_logger()
    # count() on a DynamicFrame is a full scan, only for small frames
    logger.info(json.dumps({"frame": name, "rows": frame.count(), "columns": len(frame.schema().fields)}))
    frame.printSchema()
