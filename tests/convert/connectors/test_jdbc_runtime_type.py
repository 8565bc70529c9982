"""A template job's JDBC read whose connection type comes from its config at run time: the options name a table
of a Glue connection, so it is a JDBC read whatever the database (it was flagged and left as Glue code)."""

import textwrap

from g2l_core.convert import ConvertOptions, convert_source, glue_residue

BASE = textwrap.dedent('''\
    class BaseJob:
        def read_jdbc(self, source):
            return self.glue_context.create_dynamic_frame.from_options(
                connection_type=self.config.get("engine", "postgresql"),
                connection_options={OPTIONS},
            ).toDF()
''')


def convert(options: str):
    return convert_source(BASE.replace("{OPTIONS}", options), "common/base_job.py", ConvertOptions(secret_scope="jdbc"))


def test_a_glue_connection_table_read_with_a_type_known_at_run_time_is_a_jdbc_read():
    result = convert('{"useConnectionProperties": "true", "connectionName": self.config["connection"], '
                     '"dbtable": source}')
    assert 'self.spark.read.format("jdbc")' in result.code and '.option("dbtable", source)' in result.code
    assert 'g2l_helpers.connection_secret(self.config["connection"], "password")' in result.code
    assert glue_residue(result.code) == [] and "g2l: review" not in result.code
    [decision] = [d for d in result.decisions if d.api.endswith("from_options")]
    assert decision.action == "converted_with_helper" and "connection type known only at run time" in decision.message


def test_options_that_are_not_a_plain_connection_table_stay_flagged():
    for options in ('{"connectionName": "c", "dbtable": "t"}',  # no useConnectionProperties: Glue wants a url
                    '{"useConnectionProperties": "true", "connectionName": "c", "dbtable": "t", '
                    '"redshiftTmpDir": "s3://tmp/"}',  # Redshift's connector
                    '{"paths": ["s3://b/x/"]}'):
        result = convert(options)
        assert "# g2l: review: connection type computed at run time" in result.code, options
