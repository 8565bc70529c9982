"""Before -> after for the connector rules in ``g2l_core.convert.connectors.rules.jdbc``."""

import pytest

from connector_cases import check_cases

CASES = [
    pytest.param("""def publish(glueContext, frame, tmp):
    options = {"dbtable": "mart.daily", "database": "analytics", "postactions": "ANALYZE mart.daily;"}
    glueContext.write_dynamic_frame.from_jdbc_conf(frame=frame, catalog_connection="redshift-main",
                                                   connection_options=options, redshift_tmp_dir=tmp)
""",
                 """import g2l_helpers

def publish(spark, frame, tmp):
    options = {"dbtable": "mart.daily", "database": "analytics", "postactions": "ANALYZE mart.daily;"}
    (
        frame.write.format("redshift")
        .mode("append")
        .option(
            "url",
            g2l_helpers.jdbc_url(g2l_helpers.connection_secret("redshift-main", "url"), "analytics"),
        )
        .option("user", g2l_helpers.connection_secret("redshift-main", "user"))
        .option("password", g2l_helpers.connection_secret("redshift-main", "password"))
        .option("dbtable", "mart.daily")
        .option("postactions", "ANALYZE mart.daily;")
        .option("tempdir", tmp)
        .option("forward_spark_s3_credentials", True)
        .save()
    )
""",
                 [('JdbcConfWrite', 'converted_with_helper')], id='jdbc_conf_local_options'),
    pytest.param("""def publish(glueContext, frame, options):
    glueContext.write_dynamic_frame.from_jdbc_conf(frame, "orders-mysql", options)
""",
                 """import g2l_helpers

def publish(spark, frame, options):
    # g2l: review: jdbc write with format('jdbc'): connection options computed at run time are passed as they are: Glue's database option is not a Spark JDBC option (put the database into the url)
    (
        frame.write.format("jdbc")
        .mode("append")
        .option("url", g2l_helpers.connection_secret("orders-mysql", "url"))
        .option("user", g2l_helpers.connection_secret("orders-mysql", "user"))
        .option("password", g2l_helpers.connection_secret("orders-mysql", "password"))
        .options(**options)
        .save()
    )
""",
                 [('JdbcConfWrite', 'flagged')], id='jdbc_conf_opaque'),
    pytest.param("""def save(glueContext, frame):
    sink = glueContext.write_dynamic_frame.from_options(
        frame=frame, connection_type="postgresql",
        connection_options={"connectionName": "ops-pg", "dbtable": "public.daily"})
""",
                 """import g2l_helpers

def save(spark, frame):
    (
        frame.write.format("jdbc")
        .mode("append")
        .option("url", g2l_helpers.connection_secret("ops-pg", "url"))
        .option("user", g2l_helpers.connection_secret("ops-pg", "user"))
        .option("password", g2l_helpers.connection_secret("ops-pg", "password"))
        .option("dbtable", "public.daily")
        .save()
    )
""",
                 [('JdbcWrite', 'converted_with_helper')], id='postgres_write'),
    pytest.param("""def load(glueContext, table):
    options = {"url": "jdbc:postgresql://db/x", "user": "u"}
    options["dbtable"] = table
    return glueContext.create_dynamic_frame.from_options(connection_type="postgresql", connection_options=options)
""",
                 """def load(spark, table):
    options = {"url": "jdbc:postgresql://db/x", "user": "u"}
    options["dbtable"] = table
    # g2l: review: jdbc read with format('jdbc'): postgresql options computed at run time are passed as they are: Glue's names that differ from the jdbc connector's (connectionName -> url/user/password from the secret scope, hashfield/hashpartitions) need renaming
    return spark.read.format("jdbc").options(**options).load()
""",
                 [('JdbcRead', 'flagged')], id='options_changed_after_binding'),
]

test_connector_rule = check_cases(CASES)
