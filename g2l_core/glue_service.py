"""Calls to the AWS Glue service (and the Athena service over its catalog) from job code, apart from the
awsglue PySpark API: boto3 ``glue``/``athena`` clients and awswrangler's catalog and Athena functions.

After migration such a call still reaches the Glue Data Catalog or Glue jobs on AWS while the tables live
in Unity Catalog, so extraction counts each one (``service_api_key``) and the converter converts or flags
it. Kept apart from ``glue_api``: these names are ordinary words (``get_table``, ``table``) and must never
become residue tokens of converted code.

What is a client is read from the code: ``<x>.client("glue")`` (``boto3.client``, a session's, with
``service_name=``), a name or ``self.attr`` bound to one, a receiver whose name says it is one
(``glue_client``, ``self.glue``), or else a Glue method called with boto3's keywords (``keyword_service``).
"""

from __future__ import annotations

import libcst as cst

SERVICES = ("glue", "athena")
# The modules a file must import for any of its calls to be one of these.
MODULES = frozenset({"boto3", "awswrangler"})

GLUE_METHODS = frozenset("""
batch_create_partition batch_delete_connection batch_delete_partition batch_delete_table batch_get_crawlers
batch_get_jobs batch_get_partition batch_get_triggers batch_get_workflows batch_stop_job_run batch_update_partition
create_connection create_crawler create_database create_job create_partition create_table create_trigger
create_workflow delete_connection delete_crawler delete_database delete_job delete_partition delete_table
delete_trigger delete_workflow get_connection get_connections get_crawler get_crawler_metrics get_crawlers
get_database get_databases get_job get_job_bookmark get_job_run get_job_runs get_jobs get_partition get_partitions
get_table get_table_version get_table_versions get_tables get_trigger get_triggers get_workflow get_workflow_run
get_workflow_run_properties get_workflow_runs put_workflow_run_properties reset_job_bookmark resume_workflow_run
search_tables start_crawler start_job_run start_trigger start_workflow_run stop_crawler stop_trigger
stop_workflow_run update_crawler update_database update_job update_partition update_table update_trigger
update_workflow get_paginator get_waiter
""".split())
ATHENA_METHODS = frozenset("""
start_query_execution get_query_execution get_query_results stop_query_execution batch_get_query_execution
get_table_metadata list_table_metadata list_databases get_database get_paginator get_waiter
""".split())
CLIENT_METHODS = GLUE_METHODS | ATHENA_METHODS

# awswrangler: module -> functions that read or change the Glue catalog, or query it through Athena.
WRANGLER = {
    "catalog": frozenset("""
        table tables databases get_tables get_databases get_table_types get_table_location get_table_parameters
        get_table_description get_columns_comments get_partitions get_parquet_partitions get_csv_partitions
        get_table_number_of_versions get_table_versions does_table_exist search_tables create_database
        delete_database create_parquet_table create_csv_table create_json_table add_parquet_partitions
        add_csv_partitions add_json_partitions add_column delete_column delete_table_if_exists delete_partitions
        delete_all_partitions upsert_table_parameters overwrite_table_parameters get_connection
    """.split()),
    "athena": frozenset("""
        read_sql_query read_sql_table start_query_execution wait_query get_query_results get_query_execution
        unload create_ctas_table to_iceberg repair_table describe_table show_create_table
    """.split()),
    # File writes that also register the files in a catalog table (only with ``database=`` and ``table=``).
    "s3": frozenset("to_parquet to_csv to_json store_parquet_metadata read_parquet_table".split()),
}
WRANGLER_FUNCTIONS = frozenset().union(*WRANGLER.values())
WRANGLER_S3_READS = frozenset({"read_parquet_table"})


def client_service(node: cst.CSTNode | None) -> str | None:
    """``glue``/``athena`` for ``<anything>.client("glue", ...)`` or ``client(service_name="athena")``."""
    if type(node) is not cst.Call or type(node.func) is not cst.Attribute or node.func.attr.value != "client":
        return None
    for arg in node.args:
        if (arg.keyword is None and arg is node.args[0]) or (arg.keyword is not None and arg.keyword.value == "service_name"):
            if type(arg.value) is cst.SimpleString:
                value = arg.value.evaluated_value
                return value if value in SERVICES else None
            return None
    return None


def named_like_client(dotted: str) -> str | None:
    """The service a receiver's name says it is (``glue_client``, ``self.glue``, ``athenaClient``), if any.

    Only a name that holds the service's name counts; ``glueContext`` and friends are GlueContexts."""
    last = dotted.rsplit(".", 1)[-1].lower()
    if "context" in last or "ctx" in last or last.startswith("gc"):
        return None
    for service in SERVICES:
        if service in last:
            return service
    return None


_GENERIC = frozenset({"get_paginator", "get_waiter"})
_ATHENA_KEYWORDS = frozenset({"CatalogName", "WorkGroup", "QueryExecutionId", "QueryString"})


def keyword_service(method: str, keywords: frozenset[str]) -> str | None:
    """``glue`` for a Glue method called with boto3's capitalised keywords (``DatabaseName=``, ``JobName=``) on
    a receiver nothing else tells about (a parameter named ``client``): both together are the Glue API."""
    if method in GLUE_METHODS and method not in _GENERIC and keywords and keywords.isdisjoint(_ATHENA_KEYWORDS) and all(
            k[:1].isupper() for k in keywords):
        return "glue"
    return None


def method_service(method: str, service: str) -> bool:
    return method in (GLUE_METHODS if service == "glue" else ATHENA_METHODS)


def service_api_key(service: str, method: str, wrangler: bool = False) -> str:
    """The inventory's name of one call: ``boto3 glue.get_table``, ``awswrangler catalog.table``."""
    return f"{'awswrangler' if wrangler else 'boto3'} {service}.{method}"


def wrangler_call(call: cst.Call, module_of: dict[str, str]) -> tuple[str, str] | None:
    """``(module, function)`` of an awswrangler call that uses the Glue catalog: ``wr.catalog.table(...)``,
    ``catalog.table(...)`` after ``from awswrangler import catalog``, ``wr.s3.to_parquet(..., database=,
    table=)``. ``module_of`` maps local names to what they import (``wr`` -> ``awswrangler``)."""
    func = call.func
    if type(func) is not cst.Attribute or func.attr.value not in WRANGLER_FUNCTIONS:
        return None
    value = func.value
    if type(value) is cst.Attribute and type(value.value) is cst.Name and (
            module_of.get(value.value.value) == "awswrangler"):
        module = value.attr.value
    elif type(value) is cst.Name and module_of.get(value.value, "").startswith("awswrangler."):
        module = module_of[value.value].split(".", 1)[1]
    else:
        return None
    name = func.attr.value
    if name not in WRANGLER.get(module, ()):
        return None
    if module == "s3" and name not in WRANGLER_S3_READS:
        keywords = {a.keyword.value for a in call.args if a.keyword is not None}
        if not {"database", "table"} <= keywords:
            return None
    return module, name
