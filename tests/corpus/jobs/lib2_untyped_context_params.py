"""Warehouse helpers written before type hints: the GlueContext arrives as gc, ctx or context."""

from awsglue.dynamicframe import DynamicFrame


def run_sql(context, statement):
    """Runs Spark SQL on the job's session."""
    return context.spark_session.sql(statement)


def register(gc, database, table, view=None):
    frame = gc.create_dynamic_frame.from_catalog(database=database, table_name=table)
    frame.toDF().createOrReplaceTempView(view or table)


def publish(ctx, df, database, table):
    out = DynamicFrame.fromDF(df, ctx, table)
    ctx.write_dynamic_frame.from_catalog(frame=out, database=database, table_name=table)


def daily_revenue(gc, day):
    register(gc, "sales", "orders")
    revenue = run_sql(gc, f"SELECT store, sum(total) AS revenue FROM orders WHERE day = '{day}' GROUP BY store")
    publish(gc, revenue, "marts", "daily_revenue")
    return revenue.count()
