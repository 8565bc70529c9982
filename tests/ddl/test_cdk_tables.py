"""``CfnTable``/``CfnDatabase`` constructs of a Python CDK app are DDL sources: read statically, as the
table CloudFormation would create; unknown values name line and argument; other Python files give nothing."""

from g2l_core.ddl import DdlOptions
from g2l_core.ddl.convert import convert_statements
from g2l_core.ddl.sources import read_source

OPTS = DdlOptions(catalog="main")

STACK = '''\
from aws_cdk import Stack
from aws_cdk import aws_glue as glue

DATABASE = "claims_raw"
COLUMNS = [("claim_id", "bigint"), ("amount", "decimal(12,2)"), ("note", "struct<from:string>")]


class ClaimsTables(Stack):
    def __init__(self, scope, construct_id, *, lake_bucket):
        super().__init__(scope, construct_id)
        database = glue.CfnDatabase(
            self, "ClaimsDb", catalog_id=self.account,
            database_input=glue.CfnDatabase.DatabaseInputProperty(name=DATABASE, description="raw claims"))
        glue.CfnTable(
            self, "Claims", catalog_id=self.account, database_name=database.ref,
            table_input=glue.CfnTable.TableInputProperty(
                name="claims", table_type="EXTERNAL_TABLE",
                parameters={"classification": "parquet", "owner.team": "claims"},
                partition_keys=[glue.CfnTable.ColumnProperty(name="dt", type="string")],
                storage_descriptor=glue.CfnTable.StorageDescriptorProperty(
                    location=f"s3://{lake_bucket}/claims/",
                    input_format="org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                    output_format="org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                    serde_info=glue.CfnTable.SerdeInfoProperty(
                        serialization_library="org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"),
                    columns=[glue.CfnTable.ColumnProperty(name=n, type=t) for n, t in COLUMNS],
                ),
            ),
        )
'''


def test_cdk_tables_convert_as_cloudformation_tables():
    statements = read_source("infra/tables.py", STACK, variables={"lake_bucket": "acme-lake"})
    assert [(s.index, s.line, s.table.qualified_name, s.warnings) for s in statements] == [
        (1, 11, "claims_raw", []), (2, 14, "claims_raw.claims", [])]
    database, claims = convert_statements(statements, OPTS)
    assert (database.status, database.target_full_name) == ("converted", "main.claims_raw")
    assert (claims.status, claims.target_full_name, claims.location) == (
        "converted", "main.claims_raw.claims", "s3://acme-lake/claims/")
    assert [(c.name, c.type) for c in claims.columns] == [
        ("claim_id", "BIGINT"), ("amount", "DECIMAL(12, 2)"), ("note", "STRUCT<`from`: STRING>"), ("dt", "STRING")]
    assert claims.partition_columns == ["dt"]
    assert "'owner.team'='claims'" in claims.ddl.replace(" ", "")


def test_unknown_values_are_warnings_naming_line_and_argument():
    [_, claims] = read_source("infra/tables.py", STACK)
    assert claims.table.location == "s3://${lake_bucket}/claims/"
    assert claims.warnings == [
        "line 14: table_input.storage_descriptor.location: lake_bucket (line 9): not set in the files read (a stack "
        "parameter, context value or import g2l does not follow); kept as ${lake_bucket} (set it in the project's "
        "ddl_vars)"]


def test_python_without_cdk_gives_no_statement_and_broken_cdk_is_an_error():
    assert read_source("ddl/helpers.py", "def f():\n    return 1\n") == []
    [broken] = read_source("ddl/stack.py", "import aws_cdk\nglue.CfnTable(self,\n")
    assert broken.error.startswith("ddl/stack.py: line 2: not valid Python")


ALPHA = '''\
from aws_cdk import Stack, aws_s3 as s3
import aws_cdk.aws_glue_alpha as glue


class Lake(Stack):
    def __init__(self, scope, construct_id):
        super().__init__(scope, construct_id)
        lake = s3.Bucket(self, "Lake", bucket_name="acme-lake")
        db = glue.Database(self, "Sales", database_name="sales")
        glue.S3Table(self, "Orders", database=db, table_name="orders", bucket=lake, s3_prefix="orders/",
                     data_format=glue.DataFormat.PARQUET,
                     columns=[glue.Column(name="order_id", type=glue.Schema.BIG_INT),
                              glue.Column(name="amount", type=glue.Schema.decimal(12, 2), comment="gross"),
                              {"name": "lines", "type": glue.Schema.array(glue.Schema.struct([
                                  glue.Column(name="sku", type=glue.Schema.STRING)]))}],
                     partition_keys=[glue.Column(name="dt", type=glue.Schema.DATE)])
'''


def test_alpha_catalog_constructs_convert_as_the_tables_they_synthesize():
    statements = read_source("infra/lake.py", ALPHA)
    assert [(s.line, s.table.qualified_name, s.error, s.warnings) for s in statements] == [
        (9, "sales", None, []), (10, "sales.orders", None, [])]
    _, orders = convert_statements(statements, OPTS)
    assert (orders.status, orders.location, orders.partition_columns) == (
        "converted", "s3://acme-lake/orders/", ["dt"])
    assert [(c.name, c.type, c.comment) for c in orders.columns] == [
        ("order_id", "BIGINT", None), ("amount", "DECIMAL(12, 2)", "gross"),
        ("lines", "ARRAY<STRUCT<sku: STRING>>", None), ("dt", "DATE", None)]
    assert orders.source_format == "parquet" and "USING DELTA" in orders.ddl
