"""Calls to the AWS Glue service API (boto3 ``glue``/``athena`` clients, awswrangler's catalog and Athena
functions): converted where Unity Catalog answers the same question, otherwise flagged.

Left as they were, these calls still reach the Glue Data Catalog and Glue jobs on AWS after migration: the
tables they describe live in Unity Catalog now, and ``start_job_run`` starts the old Glue job. Reads of a
table's description and its partitions become ``g2l_helpers`` functions that answer in the Glue response's
shape from Unity Catalog (the database through ``schema_map``); every other call keeps its code under a
review note saying what it did on Glue and what to do on Databricks. A client whose every call was
converted goes too: creating it needs an AWS region the Databricks job may not have.
Only files that import boto3 or awswrangler are looked at (``Rule.PACKAGES``).
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from g2l_core.convert import build
from g2l_core.convert.rules import REMOVE, Outcome, Rule, Site, glue_method
from g2l_core.glue_service import (
    CLIENT_METHODS, MODULES, SERVICES, WRANGLER_FUNCTIONS, client_service, keyword_service, method_service,
    named_like_client, service_api_key, wrangler_call,
)
from g2l_core.pytree import dotted_name

_CATALOG = ("the tables live in Unity Catalog now: use spark.sql on the table's Unity Catalog name "
            "(g2l_helpers.uc_table_name(database, table) applies schema_map)")
_PARTITIONS = ("Delta tables keep no partition list, so a table written through Delta (saveAsTable, INSERT, MERGE) "
               "needs no registration: then delete this call; files written straight to storage are not in the "
               "table until loaded through it (Auto Loader, COPY INTO)")
_CRAWLER = ("Glue crawlers register new files, partitions and schema changes in the Glue catalog; a Delta table "
            "sees what is written through it without one: delete this call where the data is written by a "
            "Databricks job, or load files that land from outside with Auto Loader / COPY INTO")
_JOBS = ("Glue jobs are Databricks jobs now (see the bundle): start one with the Jobs API "
         "(databricks.sdk WorkspaceClient().jobs.run_now(job_id, job_parameters=...)), or better make it a task "
         "of this job that depends on this one")
_RUNS = "Glue job runs are Databricks job runs now: WorkspaceClient().jobs.get_run(run_id) / list_runs(job_id)"
_BOOKMARKS = ("Glue job bookmarks do not exist on Databricks: incremental state lives in a streaming/Auto Loader "
              "checkpoint or a watermark table; reset means deleting that checkpoint or row")
_WORKFLOW = ("Glue workflow run properties are shared state of one workflow run; the workflow is one Databricks "
             "job now: read start values as job parameters ({{job.parameters.<name>}}), pass values between "
             "tasks with dbutils.jobs.taskValues.set(key, value) in the writing task and "
             "dbutils.jobs.taskValues.get(taskKey=<writing task>, key=key) in the reader")
_WORKFLOWS = "Glue workflows are Databricks jobs now: WorkspaceClient().jobs.run_now / get_run"
_ATHENA = ("Athena queries the Glue catalog's tables, not the Unity Catalog ones: run the SQL with spark.sql "
           "(table names through schema_map; .toPandas() where a pandas frame is wanted)")
_CONNECTION = ("Glue connection credentials are in the project's secret scope now: "
               "g2l_helpers.connection_secret(connection, field) or g2l_helpers.jdbc_connection_conf(connection)")

ADVICE = {
    "get_tables": _CATALOG, "get_table_version": _CATALOG, "get_table_versions": _CATALOG, "search_tables": _CATALOG,
    "get_database": _CATALOG, "get_databases": _CATALOG, "create_database": _CATALOG, "update_database": _CATALOG,
    "delete_database": _CATALOG, "create_table": _CATALOG, "update_table": _CATALOG, "delete_table": _CATALOG,
    "batch_delete_table": _CATALOG, "get_partition": _CATALOG, "batch_get_partition": _CATALOG,
    "create_partition": _PARTITIONS, "batch_create_partition": _PARTITIONS, "update_partition": _PARTITIONS,
    "batch_update_partition": _PARTITIONS, "delete_partition": _PARTITIONS, "batch_delete_partition": _PARTITIONS,
    "start_crawler": _CRAWLER, "stop_crawler": _CRAWLER, "get_crawler": _CRAWLER, "get_crawlers": _CRAWLER,
    "get_crawler_metrics": _CRAWLER, "batch_get_crawlers": _CRAWLER, "create_crawler": _CRAWLER,
    "update_crawler": _CRAWLER, "delete_crawler": _CRAWLER,
    "start_job_run": _JOBS, "batch_stop_job_run": _RUNS, "get_job_run": _RUNS, "get_job_runs": _RUNS,
    "get_job": _RUNS, "get_jobs": _RUNS, "batch_get_jobs": _RUNS,
    "get_job_bookmark": _BOOKMARKS, "reset_job_bookmark": _BOOKMARKS,
    "get_workflow_run_properties": _WORKFLOW, "put_workflow_run_properties": _WORKFLOW,
    "start_workflow_run": _WORKFLOWS, "get_workflow_run": _WORKFLOWS, "get_workflow_runs": _WORKFLOWS,
    "get_workflow": _WORKFLOWS, "resume_workflow_run": _WORKFLOWS, "stop_workflow_run": _WORKFLOWS,
    "get_connection": _CONNECTION, "get_connections": _CONNECTION,
}
_OTHER = "calls the AWS Glue service, which no longer holds this project's tables, jobs or workflows after migration"
WRANGLER_ADVICE = {
    "catalog": _CATALOG,
    "athena": _ATHENA,
    "s3": ("writes the files and registers them in a Glue catalog table: write the Unity Catalog table instead "
           "(spark.createDataFrame(df).write.mode(...).saveAsTable(g2l_helpers.uc_table_name(database, table)))"),
}

# Calls converted to a helper: method -> (helper, the keywords it takes, in order).
_CONVERTED = {"get_table": ("catalog_table", ("DatabaseName", "Name")),
              "get_partitions": ("catalog_partitions", ("DatabaseName", "TableName")),
              "get_connection": ("glue_connection", ("Name",))}
# Keywords a converted call may also pass, after the ones it must (the helper takes them in this order).
_OPTIONAL = {"get_connection": ("HidePassword",)}
_PAGINATED = {"get_partitions": ("DatabaseName", "TableName")}
# Calls with a Unity Catalog answer, flagged when their arguments are more than the answer covers.
_UNANSWERED = {
    "get_table": ("g2l_helpers.catalog_table(database, table) answers get_table from Unity Catalog, but only for "
                  "DatabaseName and Name given as keywords (no CatalogId of another account, no **kwargs)"),
    "get_partitions": ("g2l_helpers.catalog_partitions(database, table) lists a Unity Catalog table's partition "
                       "values, but takes only DatabaseName and TableName: filter by an Expression in code, and "
                       "drop NextToken paging (one page holds everything)"),
    "get_connection": ("g2l_helpers.glue_connection(name) answers get_connection from the project's secret scope, "
                       "but only for Name (and HidePassword) given as keywords (no CatalogId of another account)"),
}
_ANSWERED = {
    "catalog_table": ("get_table answered from the Unity Catalog table in Glue's response shape (location, columns, "
                      "partition keys; database through schema_map); a Delta table is read by name, not as files "
                      "at its location"),
    "catalog_partitions": ("get_partitions answered from the Unity Catalog table: the partition values its rows "
                           "hold (Delta keeps no separate partition list), in one page"),
    "CatalogPartitionPaginator": ("get_partitions paginator answered from the Unity Catalog table: the partition "
                                  "values its rows hold (Delta keeps no separate partition list), in one page"),
    "glue_connection": ("get_connection answered from the project's secret scope in Glue's response shape (the "
                        "connection's url, user and password under Glue's property names); other properties "
                        "(SSL, Kafka servers) are absent, so reading one fails by name"),
}


def call_service(site: Site, call: cst.Call) -> str | None:
    """The AWS service a method call goes to: its receiver's (``receiver_service``), or for a receiver nothing
    tells about, what a Glue method called with boto3's keywords says (``keyword_service``)."""
    service = receiver_service(site, call.func.value)  # type: ignore[attr-defined]
    if service is not None:
        return service
    keywords = frozenset(a.keyword.value for a in call.args if a.keyword is not None)
    return keyword_service(call.func.attr.value, keywords)  # type: ignore[attr-defined]


def _what(call: cst.Call, service: str) -> str:
    """The flagged call and what to do instead (a paginator or waiter by the operation it wraps)."""
    method = call.func.attr.value  # type: ignore[attr-defined]
    if service == "athena":
        return f"{method}: {_ATHENA}"
    if method in ("get_paginator", "get_waiter"):
        first = call.args[0].value if call.args else None
        operation = first.evaluated_value if isinstance(first, cst.SimpleString) else None
        kind = method.removeprefix("get_")
        if operation is None:
            return f"{method}: a {kind} over the AWS Glue service; {_OTHER}"
        return f"{kind} over {operation}: {_UNANSWERED.get(operation) or ADVICE.get(operation, _OTHER)}"
    return f"{method}: {_UNANSWERED.get(method) or ADVICE.get(method, _OTHER)}"


def receiver_service(site: Site, node: cst.BaseExpression) -> str | None:
    """The AWS service of the client ``node`` is: ``boto3.client("glue")`` itself, a name or ``self.attr``
    bound to one, or else what its name says (``glue_client``); None when it is none of those."""
    service = client_service(node)
    if service is not None:
        return service
    values: list[cst.BaseExpression] = []
    if isinstance(node, cst.Name):
        value = site.binding_before(node.value)
        values = [value] if value is not None else []
    elif isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == "self":
        values = site.self_bindings(node.attr.value)
    for value in values:
        if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and value.func.attr.value == "client":
            return client_service(value)  # a client of another service (s3, sns) is not one of these
    return named_like_client(dotted_name(node))


def _keywords(call: cst.Call) -> dict[str, cst.BaseExpression] | None:
    """The call's arguments by keyword; None when any is positional or starred (boto3 takes keywords only)."""
    if any(a.keyword is None for a in call.args):
        return None
    return {a.keyword.value: a.value for a in call.args}  # type: ignore[union-attr]


def conversion(site: Site, call: cst.Call) -> tuple[str, list[cst.BaseExpression]] | None:
    """``(helper, arguments)`` when the client call has a faithful Unity Catalog answer, else None."""
    method = call.func.attr.value  # type: ignore[attr-defined]
    if method == "get_paginator":
        return _paginator(site, call)
    if method not in _CONVERTED:
        return None
    helper, wanted = _CONVERTED[method]
    optional = _OPTIONAL.get(method, ())
    given = _keywords(call)
    # CatalogId (another account), Expression, NextToken: flagged
    if given is None or not set(wanted) <= set(given) <= {*wanted, *optional}:
        return None
    return helper, [given[k] for k in (*wanted, *optional) if k in given]


def _paginator(site: Site, call: cst.Call) -> tuple[str, list[cst.BaseExpression]] | None:
    """``get_paginator("get_partitions")`` whose every ``paginate`` call passes only the table's names."""
    if len(call.args) != 1 or not isinstance(call.args[0].value, cst.SimpleString):
        return None
    operation = call.args[0].value.evaluated_value
    if operation not in _PAGINATED:
        return None
    parent = site.parent(call)
    if isinstance(parent, cst.Attribute) and parent.attr.value == "paginate":
        pages = [site.parent(parent)]
    else:
        target = site.at(call).assigned_to()
        if not isinstance(target, cst.Name):
            return None
        uses = [n for n in site.uses_of(target.value) if n is not target]
        pages = [site.parent(site.parent(n)) for n in uses]
        if not uses or not all(isinstance(site.parent(n), cst.Attribute) and site.parent(n).attr.value == "paginate"
                               for n in uses):
            return None
    for page_call in pages:
        given = _keywords(page_call) if isinstance(page_call, cst.Call) else None
        if given is None or set(given) != set(_PAGINATED[operation]):
            return None
    return "CatalogPartitionPaginator", []


class GlueClientCall(Rule):
    DESCRIPTION = ("boto3 `glue`/`athena` client calls: `get_table` / `get_partitions` / the `get_partitions` "
                   "paginator -> `g2l_helpers` answers from Unity Catalog, `get_connection` from the secret scope; "
                   "any other call flagged")
    API = "boto3"
    MATCHER = glue_method(*sorted(CLIENT_METHODS))
    # Not gated on imports: a library function may get its client from a caller in a file without boto3. The
    # method names are rare outside AWS code, and a receiver must still be shown to be a client.

    def matches(self, site: Site) -> bool:
        if not super().matches(site):
            return False
        service = call_service(site, site.original)
        return service in SERVICES and method_service(site.original.func.attr.value, service)  # type: ignore[attr-defined]

    def rewrite(self, site: Site) -> Outcome:
        method = site.original.func.attr.value  # type: ignore[attr-defined]
        service = call_service(site, site.original)
        api = service_api_key(service, method)  # type: ignore[arg-type]
        converted = conversion(site, site.original) if service == "glue" else None
        if converted is None:
            site.flag(self, f"{service} client {_what(site.original, service)}", api)
            return None
        helper, args = converted
        positions = {id(a.value): i for i, a in enumerate(site.original.args)}
        updated = [site.updated.args[positions[id(a)]].value for a in args]
        site.with_helper(self, _ANSWERED[helper], api)
        return build.call(site.helper(helper), *updated)


class GlueClient(Rule):
    DESCRIPTION = "`glue = boto3.client(\"glue\")` whose every call was converted -> removed"
    API = "boto3"
    MATCHER = m.Call(func=m.Attribute(attr=m.Name("client")))
    PACKAGES = MODULES

    def matches(self, site: Site) -> bool:
        if not (super().matches(site) and site.imports_any(self.PACKAGES)) or client_service(site.original) != "glue":
            return False
        target = site.assigned_to()
        if not isinstance(target, cst.Name):
            return False
        uses = [n for n in site.uses_of(target.value) if n is not target]
        if not uses:
            return False
        for use in uses:
            attribute, call = site.parent(use), site.parent(site.parent(use))
            if not (isinstance(attribute, cst.Attribute) and attribute.value is use and isinstance(call, cst.Call)
                    and call.func is attribute and attribute.attr.value in CLIENT_METHODS):
                return False
            other = site.at(call)
            if receiver_service(other, use) != "glue" or conversion(other, call) is None:
                return False
        return True

    def rewrite(self, site: Site) -> Outcome:
        site.converted(self, "Glue client removed: every call on it now asks Unity Catalog", "boto3 glue client")
        head = site.original.func.value  # type: ignore[attr-defined]
        if isinstance(head, cst.Name) and site.import_origins().get(head.value) == "boto3" and all(
                self._removed_client(site, use) for use in site.uses_of(head.value)):
            site.drop_import(head.value)  # the job no longer needs boto3 at all
        return REMOVE

    def _removed_client(self, site: Site, use: cst.Name) -> bool:
        attribute = site.parent(use)
        call = site.parent(attribute) if isinstance(attribute, cst.Attribute) else None
        return isinstance(call, cst.Call) and call.func is attribute and self.matches(site.at(call))


class WranglerCall(Rule):
    DESCRIPTION = "awswrangler `wr.catalog.*`, `wr.athena.*`, `wr.s3.to_parquet(..., database=, table=)`: flagged"
    API = "awswrangler"
    MATCHER = glue_method(*sorted(WRANGLER_FUNCTIONS))
    PACKAGES = MODULES

    def matches(self, site: Site) -> bool:
        return (super().matches(site) and site.imports_any(self.PACKAGES)
                and wrangler_call(site.original, site.import_origins()) is not None)

    def rewrite(self, site: Site) -> Outcome:
        module, name = wrangler_call(site.original, site.import_origins())  # type: ignore[misc]
        site.flag(self, f"awswrangler {module}.{name}: {WRANGLER_ADVICE[module]}", service_api_key(module, name, wrangler=True))
        return None


RULES = (GlueClientCall, GlueClient, WranglerCall)
