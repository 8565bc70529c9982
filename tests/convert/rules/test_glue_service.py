"""Before -> after for ``g2l_core.convert.glue_service``: calls to the AWS Glue (and Athena) service from job code
(boto3 clients, awswrangler), converted where Unity Catalog answers the same question, else flagged; clients of
other services and look-alike calls of other libraries are left alone (checks every case goes through: ``rule_cases``)."""

import textwrap

import pytest

from rule_cases import check_cases

CASES = [
    pytest.param(
        textwrap.dedent('''\
            import boto3

            glue = boto3.client("glue")
            loc = glue.get_table(DatabaseName="sales", Name="orders")["Table"]["StorageDescriptor"]["Location"]
        '''),
        textwrap.dedent('''\
            import g2l_helpers

            loc = g2l_helpers.catalog_table("sales", "orders")["Table"]["StorageDescriptor"]["Location"]
        '''),
        [
            (3, 'boto3 glue client', 'converted', 'GlueClient'),
            (4, 'boto3 glue.get_table', 'converted_with_helper', 'GlueClientCall'),
        ],
        id='location_client_removed',
    ),
    pytest.param(
        textwrap.dedent('''\
            import boto3

            session = boto3.Session(region_name="eu-west-1")
            s3 = session.client("s3")
            glue = session.client(service_name="glue")
            body = s3.get_object(Bucket="b", Key="k")["Body"].read()
            run = glue.start_job_run(JobName="next", Arguments={"--day": "1"})
        '''),
        textwrap.dedent('''\
            import boto3

            session = boto3.Session(region_name="eu-west-1")
            s3 = session.client("s3")
            glue = session.client(service_name="glue")
            body = s3.get_object(Bucket="b", Key="k")["Body"].read()
            # g2l: review: glue client start_job_run: Glue jobs are Databricks jobs now (see the bundle): start one with the Jobs API (databricks.sdk WorkspaceClient().jobs.run_now(job_id, job_parameters=...)), or better make it a task of this job that depends on this one
            run = glue.start_job_run(JobName="next", Arguments={"--day": "1"})
        '''),
        [
            (7, 'boto3 glue.start_job_run', 'flagged', 'GlueClientCall'),
        ],
        id='other_services_untouched_session_client_flagged',
    ),
    pytest.param(
        textwrap.dedent('''\
            import boto3

            client = boto3.client("glue")
            pages = client.get_paginator("get_partitions")
            for page in pages.paginate(DatabaseName="sales", TableName="orders", Expression="dt > '2024'"):
                print(page)
            parts = client.get_partitions(DatabaseName="sales", TableName="orders")["Partitions"]
        '''),
        textwrap.dedent('''\
            import boto3
            import g2l_helpers

            client = boto3.client("glue")
            # g2l: review: glue client paginator over get_partitions: g2l_helpers.catalog_partitions(database, table) lists a Unity Catalog table's partition values, but takes only DatabaseName and TableName: filter by an Expression in code, and drop NextToken paging (one page holds everything)
            pages = client.get_paginator("get_partitions")
            for page in pages.paginate(DatabaseName="sales", TableName="orders", Expression="dt > '2024'"):
                print(page)
            parts = g2l_helpers.catalog_partitions("sales", "orders")["Partitions"]
        '''),
        [
            (4, 'boto3 glue.get_paginator', 'flagged', 'GlueClientCall'),
            (7, 'boto3 glue.get_partitions', 'converted_with_helper', 'GlueClientCall'),
        ],
        id='paginator_with_expression_flagged',
    ),
    pytest.param(
        textwrap.dedent('''\
            import boto3


            def register(client, values):
                client.batch_create_partition(DatabaseName="sales", TableName="orders", PartitionInputList=values)
                return client.get_table(CatalogId="123", DatabaseName="sales", Name="orders")


            def emr(client):
                return client.start_job_run(applicationId="a", executionRoleArn="r", jobDriver={})
        '''),
        textwrap.dedent('''\
            import boto3


            def register(client, values):
                # g2l: review: glue client batch_create_partition: Delta tables keep no partition list, so a table written through Delta (saveAsTable, INSERT, MERGE) needs no registration: then delete this call; files written straight to storage are not in the table until loaded through it (Auto Loader, COPY INTO)
                client.batch_create_partition(DatabaseName="sales", TableName="orders", PartitionInputList=values)
                # g2l: review: glue client get_table: g2l_helpers.catalog_table(database, table) answers get_table from Unity Catalog, but only for DatabaseName and Name given as keywords (no CatalogId of another account, no **kwargs)
                return client.get_table(CatalogId="123", DatabaseName="sales", Name="orders")


            def emr(client):
                return client.start_job_run(applicationId="a", executionRoleArn="r", jobDriver={})
        '''),
        [
            (5, 'boto3 glue.batch_create_partition', 'flagged', 'GlueClientCall'),
            (6, 'boto3 glue.get_table', 'flagged', 'GlueClientCall'),
        ],
        id='unknown_receiver_by_keywords',
    ),
    pytest.param(
        textwrap.dedent('''\
            import awswrangler as wr
            from awswrangler import catalog

            df = wr.s3.read_csv("s3://b/k.csv")
            wr.s3.to_parquet(df=df, path="s3://b/out/", dataset=True)
            wr.s3.to_parquet(df=df, path="s3://b/t/", dataset=True, database="sales", table="t")
            cols = catalog.table(database="sales", table="t")
        '''),
        textwrap.dedent('''\
            import awswrangler as wr
            from awswrangler import catalog

            df = wr.s3.read_csv("s3://b/k.csv")
            wr.s3.to_parquet(df=df, path="s3://b/out/", dataset=True)
            # g2l: review: awswrangler s3.to_parquet: writes the files and registers them in a Glue catalog table: write the Unity Catalog table instead (spark.createDataFrame(df).write.mode(...).saveAsTable(g2l_helpers.uc_table_name(database, table)))
            wr.s3.to_parquet(df=df, path="s3://b/t/", dataset=True, database="sales", table="t")
            # g2l: review: awswrangler catalog.table: the tables live in Unity Catalog now: use spark.sql on the table's Unity Catalog name (g2l_helpers.uc_table_name(database, table) applies schema_map)
            cols = catalog.table(database="sales", table="t")
        '''),
        [
            (6, 'awswrangler s3.to_parquet', 'flagged', 'WranglerCall'),
            (7, 'awswrangler catalog.table', 'flagged', 'WranglerCall'),
        ],
        id='awswrangler',
    ),
    pytest.param(
        textwrap.dedent('''\
            import boto3

            athena = boto3.client("athena")
            qid = athena.start_query_execution(QueryString="MSCK REPAIR TABLE sales.orders")["QueryExecutionId"]
        '''),
        textwrap.dedent('''\
            import boto3

            athena = boto3.client("athena")
            # g2l: review: athena client start_query_execution: Athena queries the Glue catalog's tables, not the Unity Catalog ones: run the SQL with spark.sql (table names through schema_map; .toPandas() where a pandas frame is wanted)
            qid = athena.start_query_execution(QueryString="MSCK REPAIR TABLE sales.orders")["QueryExecutionId"]
        '''),
        [
            (4, 'boto3 athena.start_query_execution', 'flagged', 'GlueClientCall'),
        ],
        id='athena',
    ),
    pytest.param(
        textwrap.dedent('''\
            import boto3

            glue_api = boto3.client("glue")
            props = glue_api.get_connection(Name="billing-pg", HidePassword=False)["Connection"]["ConnectionProperties"]
            url = props["JDBC_CONNECTION_URL"]
            audit = glue_api.get_connection(Name="audit-pg", CatalogId="210987654321")
        '''),
        textwrap.dedent('''\
            import boto3
            import g2l_helpers

            glue_api = boto3.client("glue")
            props = g2l_helpers.glue_connection("billing-pg", False)["Connection"]["ConnectionProperties"]
            url = props["JDBC_CONNECTION_URL"]
            # g2l: review: glue client get_connection: g2l_helpers.glue_connection(name) answers get_connection from the project's secret scope, but only for Name (and HidePassword) given as keywords (no CatalogId of another account)
            audit = glue_api.get_connection(Name="audit-pg", CatalogId="210987654321")
        '''),
        [
            (4, 'boto3 glue.get_connection', 'converted_with_helper', 'GlueClientCall'),
            (6, 'boto3 glue.get_connection', 'flagged', 'GlueClientCall'),
        ],
        id='connection_from_secret_scope_other_account_flagged',
    ),
    pytest.param(
        textwrap.dedent('''\
            def look(store):
                return store.get_table(DatabaseName="sales", Name="orders")
        '''),
        textwrap.dedent('''\
            import g2l_helpers

            def look(store):
                return g2l_helpers.catalog_table("sales", "orders")
        '''),
        [
            (2, 'boto3 glue.get_table', 'converted_with_helper', 'GlueClientCall'),
        ],
        id='library_without_boto3_by_keywords',
    ),
    pytest.param(
        textwrap.dedent('''\
            def look(catalog, df):
                df.to_csv("out.csv")
                return catalog.get_table("sales.orders"), catalog.table(database="sales", table="orders")
        '''),
        textwrap.dedent('''\
            def look(catalog, df):
                df.to_csv("out.csv")
                return catalog.get_table("sales.orders"), catalog.table(database="sales", table="orders")
        '''),
        [],
        id='other_libraries_untouched',
    ),
]

test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)
