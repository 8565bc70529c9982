"""Incremental reader used from notebooks and jobs alike."""


def read_new_files(glue_context, path, name):
    # transformation_ctx turns on bookmarks when the calling job has them enabled
    return glue_context.create_dynamic_frame.from_options(
        connection_type="s3",
        connection_options={"paths": [path], "recurse": True},
        format="parquet",
        transformation_ctx=f"incremental_{name}",
    ).toDF()


def append_to(df, path):
    df.write.mode("append").parquet(path)
