"""Fixtures for the loyalty jobs' tests: frames from literal rows."""
from awsglue import DynamicFrame
from awsglue.job import Job


def frame_from_rows(rows, ctx):
    df = ctx.sparkSession.createDataFrame(rows)
    return DynamicFrame.fromDF(df, glue_ctx=ctx, name="rows")


def members_frame(env):
    members = env.sparkSession.sparkContext.parallelize([("m-1", 120), ("m-2", 40)]).toDF(["member", "points"])
    return DynamicFrame.fromDF(members, env, "members")


def quiet_run(env, name):
    run = Job(env)
    run.init(name, {})
    env.sparkSession.sparkContext.setLogLevel("WARN")
    return run
