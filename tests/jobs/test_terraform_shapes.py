"""Terraform as real Glue repositories write it: computed settings, ``for_each``/``count``, ``dynamic``
blocks, module calls. Each case is a module (files by path) and the jobs/triggers it must give."""

import pytest

from g2l_core.jobs import read_definitions

FOR_EACH = {"infra/main.tf": '''
variable "env" { default = "dev" }
variable "jobs" {
  default = {
    ingest  = { script = "ingest.py", workers = 4 }
    publish = { script = "publish.py", workers = 2 }
  }
}
locals { prefix = "sales-${var.env}" }
resource "aws_s3_bucket" "code" { bucket = "code-${var.env}" }
resource "aws_glue_job" "etl" {
  for_each          = var.jobs
  name              = "${local.prefix}-${each.key}"
  role_arn          = aws_iam_role.glue.arn
  worker_type       = "G.1X"
  number_of_workers = each.value.workers
  command { script_location = "s3://${aws_s3_bucket.code.id}/${each.value.script}" }
}
'''}

COUNT_AND_COMPUTED = {"infra/jobs.tf": '''
variable "kind" { default = "pythonshell" }
variable "extra_args" {
  type    = map(string)
  default = { "--source" = "s3://in/" }
}
locals {
  common_args = {
    "--enable-metrics" = "true"
    "--TempDir"        = "s3://tmp/"
  }
}
resource "aws_glue_job" "shell" {
  count             = 2
  name              = format("shell-%02d", count.index + 1)
  role_arn          = "arn:aws:iam::1:role/glue"
  max_capacity      = var.kind == "pythonshell" ? 0.0625 : null
  number_of_workers = var.kind == "glueetl" ? 5 : null
  timeout           = 60 * 3
  max_retries       = lookup({ prod = 3 }, "dev", 0)
  command {
    name            = var.kind
    python_version  = "3.9"
    script_location = "s3://code/shell.py"
  }
  default_arguments = merge(local.common_args, var.extra_args, {
    "--additional-python-modules" = join(",", ["pyarrow==14.0.1", "boto3"])
    "--literal"                   = "$${not_interpolated}"
    "--part"                      = "part-${count.index}"
  })
}
resource "aws_glue_job" "stream" {
  name     = "clicks-stream"
  role_arn = "r"
  glue_version = "4.0"
  command {
    name            = "gluestreaming"
    script_location = "s3://code/stream.py"
  }
}
'''}

DYNAMIC_CHAIN = {"infra/workflow.tf": '''
variable "bronze" { default = ["orders", "customers"] }
variable "silver" { default = ["sales"] }
resource "aws_glue_workflow" "wf" { name = "lake" }
resource "aws_glue_job" "layer" {
  for_each = toset(concat(var.bronze, var.silver))
  name     = "lake-${each.key}"
  role_arn = "r"
  command { script_location = "s3://code/${each.key}.py" }
}
resource "aws_glue_trigger" "start" {
  name          = "lake-start"
  type          = "SCHEDULED"
  schedule      = "cron(0 2 * * ? *)"
  workflow_name = aws_glue_workflow.wf.name
  dynamic "actions" {
    for_each = var.bronze
    content { job_name = aws_glue_job.layer[actions.value].name }
  }
}
resource "aws_glue_trigger" "silver" {
  name          = "lake-silver"
  type          = "CONDITIONAL"
  workflow_name = aws_glue_workflow.wf.name
  actions {
    job_name  = aws_glue_job.layer["sales"].name
    arguments = { "--mode" = "merge" }
  }
  predicate {
    logical = "AND"
    dynamic "conditions" {
      for_each = var.bronze
      iterator = src
      content {
        job_name = aws_glue_job.layer[src.value].name
        state    = "SUCCEEDED"
      }
    }
    conditions {
      crawler_name = aws_glue_crawler.raw.name
      crawl_state  = "SUCCEEDED"
    }
  }
}
'''}

MODULE_CALLS = {
    "infra/main.tf": '''
module "orders_job" {
  source            = "./modules/glue_job"
  job_name          = "orders-etl"
  script            = "s3://code/orders.py"
  default_arguments = { "--table" = "orders" }
}
module "more_jobs" {
  source   = "./modules/glue_job"
  for_each = { customers = 3, returns = 2 }
  job_name = "${each.key}-etl"
  script   = "s3://code/${each.key}.py"
  workers  = each.value
}
module "network" {
  source = "./modules/vpc"
}
module "remote_glue" {
  source  = "cloudposse/glue/aws//modules/glue-job"
  version = "0.4.0"
}
''',
    "infra/modules/glue_job/variables.tf": '''
variable "job_name" { type = string }
variable "script" { type = string }
variable "workers" { default = 2 }
variable "default_arguments" { default = {} }
''',
    "infra/modules/glue_job/main.tf": '''
resource "aws_glue_job" "this" {
  name              = var.job_name
  role_arn          = "r"
  worker_type       = "G.1X"
  number_of_workers = var.workers
  command { script_location = var.script }
  default_arguments = merge({ "--job-bookmark-option" = "job-bookmark-enable" }, var.default_arguments)
}
''',
}

UNKNOWN_FOR_EACH = {"infra/main.tf": '''
variable "jobs" { type = map(any) }
resource "aws_glue_job" "etl" {
  for_each = var.jobs
  name     = "x-${each.key}"
  role_arn = "r"
  command { script_location = "s3://code/x.py" }
}
'''}


def _jobs(defs):
    return {n: (j.script, j.command, j.worker_type, j.number_of_workers, j.max_capacity, j.timeout_minutes,
                j.max_retries, dict(j.arguments)) for n, j in defs.jobs.items()}


def _triggers(defs):
    return {t.name: (t.kind, t.actions, tuple((c.job, c.state) for c in t.conditions), t.workflow,
                     {k: dict(v) for k, v in t.action_arguments.items()}) for t in defs.triggers}


@pytest.mark.parametrize(("files", "jobs"), [
    (FOR_EACH, {
        "sales-dev-ingest": ("s3://code-dev/ingest.py", "glueetl", "G.1X", 4, None, None, None, {}),
        "sales-dev-publish": ("s3://code-dev/publish.py", "glueetl", "G.1X", 2, None, None, None, {})}),
    (COUNT_AND_COMPUTED, {
        **{f"shell-0{i + 1}": ("s3://code/shell.py", "pythonshell", None, None, 0.0625, 180, 0, {
            "--enable-metrics": "true", "--TempDir": "s3://tmp/", "--source": "s3://in/",
            "--additional-python-modules": "pyarrow==14.0.1,boto3", "--literal": "${not_interpolated}",
            "--part": f"part-{i}"}) for i in range(2)},
        "clicks-stream": ("s3://code/stream.py", "gluestreaming", None, None, None, None, None, {})}),
    (MODULE_CALLS, {
        "orders-etl": ("s3://code/orders.py", "glueetl", "G.1X", 2, None, None, None,
                       {"--job-bookmark-option": "job-bookmark-enable", "--table": "orders"}),
        "customers-etl": ("s3://code/customers.py", "glueetl", "G.1X", 3, None, None, None,
                          {"--job-bookmark-option": "job-bookmark-enable"}),
        "returns-etl": ("s3://code/returns.py", "glueetl", "G.1X", 2, None, None, None,
                        {"--job-bookmark-option": "job-bookmark-enable"})}),
])
def test_computed_and_repeated_jobs(files, jobs):
    defs = read_definitions(files)
    assert _jobs(defs) == jobs
    assert not [p for p in defs.problems if "kept as written" in p.message or "read once" in p.message]


def test_dynamic_blocks_and_indexed_references_give_the_dependencies():
    defs = read_definitions(DYNAMIC_CHAIN)
    assert sorted(defs.jobs) == ["lake-customers", "lake-orders", "lake-sales"]
    assert _triggers(defs) == {
        "lake-start": ("SCHEDULED", ("lake-orders", "lake-customers"), (), "lake", {}),
        "lake-silver": ("CONDITIONAL", ("lake-sales",), (("lake-orders", "SUCCEEDED"), ("lake-customers", "SUCCEEDED")),
                        "lake", {"lake-sales": {"--mode": "merge"}}),
    }
    assert [str(p) for p in defs.problems if "waits on crawler" in p.message] == [
        "infra/workflow.tf: trigger lake-silver: waits on crawler '${aws_glue_crawler.raw.name}' (SUCCEEDED), which "
        "no trigger here starts; the condition is not carried over"]


def test_module_folders_are_read_per_call_and_unread_modules_are_named():
    defs = read_definitions(MODULE_CALLS)
    problems = [str(p) for p in defs.problems if "module" in p.message]
    assert problems == ["infra/main.tf: module.remote_glue: module source 'cloudposse/glue/aws//modules/glue-job' is "
                        "not a local folder; its Glue resources are not read"]
    alone = read_definitions({"infra/main.tf": MODULE_CALLS["infra/main.tf"]})
    assert not alone.jobs
    assert any("module.orders_job: module source './modules/glue_job' is not a folder among the job definitions"
               in str(p) for p in alone.problems)


def test_unknown_for_each_reads_the_resource_once_and_says_why():
    defs = read_definitions(UNKNOWN_FOR_EACH)
    assert list(defs.jobs) == ["x-${each.key}"]
    messages = [str(p) for p in defs.problems]
    assert "infra/main.tf: aws_glue_job.etl: ${var.jobs}: variable without a default; " \
           "the resource is read once, its instance values unresolved" in messages
    assert any("aws_glue_job.etl.name: ${each.key}: the resource's for_each/count could not be evaluated" in m
               for m in messages)
    with_values = read_definitions(UNKNOWN_FOR_EACH, parameters={"jobs": {"a": 1}})
    assert list(with_values.jobs) == ["x-a"]


@pytest.mark.parametrize(("expression", "message"), [
    ('aws_iam_role.glue.arn', "${aws_iam_role.glue.arn}: known only after apply"),
    ('templatefile("x.tpl", {})', "${templatefile(\"x.tpl\", {})}: templatefile(): a function g2l does not evaluate"),
    ('local.missing', "${local.missing}: no such local value"),
    ('var.timeout * 2', "${var.timeout * 2}: var.timeout: variable without a default"),
])
def test_what_cannot_be_evaluated_is_kept_and_named(expression, message):
    text = f'resource "aws_glue_job" "j" {{\n  name = "j"\n  role_arn = "r"\n  timeout = {expression}\n' \
           '  command { script_location = "s3://c/j.py" }\n}\n'
    defs = read_definitions({"tf/j.tf": text})
    assert "j" in defs.jobs
    assert any(p.source == "tf/j.tf" and p.where == "aws_glue_job.j.timeout" and p.message.startswith(message)
               for p in defs.problems), [str(p) for p in defs.problems]


UPLOADED = {
    "infra/glue/variables.tf": 'variable "job" { default = "score_orders" }\n',
    "infra/glue/main.tf": '''
resource "aws_s3_bucket" "code" { bucket = "acme-glue-code" }
resource "aws_s3_object" "script" {
  bucket = aws_s3_bucket.code.id
  key    = "scripts/${var.job}.py"
  source = "${path.module}/../../src/${var.job}.py"
  etag   = filemd5("${path.module}/../../src/${var.job}.py")
}
resource "aws_glue_job" "score" {
  name     = var.job
  role_arn = aws_iam_role.glue.arn
  command { script_location = "s3://${aws_s3_object.script.bucket}/${aws_s3_object.script.id}" }
  default_arguments = { "--source_path" = aws_s3_object.script.source, "--role" = aws_iam_role.glue.arn }
}
''',
}


def test_arguments_of_other_resources_are_known_and_path_module_is_the_folder():
    defs = read_definitions(UPLOADED, ["src/score_orders.py", "infra/glue/main.tf"])
    job = defs.jobs["score_orders"]
    assert (job.script, job.repo_script) == ("s3://acme-glue-code/scripts/score_orders.py", "src/score_orders.py")
    assert dict(job.arguments) == {"--source_path": "infra/glue/../../src/score_orders.py",
                                   "--role": "${aws_iam_role.glue.arn}"}
    assert [str(p) for p in defs.problems] == [
        "infra/glue/main.tf: aws_glue_job.score.default_arguments.--role: ${aws_iam_role.glue.arn}: known only after "
        "apply; kept as written (set it in the project's job_parameters)"]


TFVARS = {
    "envs/prod/terraform.tfvars": 'environment = "prod"\nglue_jobs = {\n  ingest = { script = "ingest.py" }\n'
                                  '  publish = { script = "publish.py", workers = 8, worker_type = "G.2X" }\n}\n',
    "envs/prod/main.tf": '''
variable "environment" { type = string }
variable "glue_jobs" {
  type = map(object({
    script      = string
    workers     = optional(number, 2)
    worker_type = optional(string, "G.1X")
    args        = optional(map(string), {})
  }))
}
resource "aws_glue_job" "this" {
  for_each          = var.glue_jobs
  name              = "${each.key}-${var.environment}"
  role_arn          = "r"
  worker_type       = each.value.worker_type
  number_of_workers = each.value.workers
  command { script_location = "s3://code/${each.value.script}" }
  default_arguments = each.value.args
}
''',
}


def test_tfvars_values_and_optional_attribute_defaults():
    defs = read_definitions(TFVARS)
    assert {n: (j.worker_type, j.number_of_workers, dict(j.arguments)) for n, j in defs.jobs.items()} == {
        "ingest-prod": ("G.1X", 2, {}), "publish-prod": ("G.2X", 8, {})}
    assert not [p for p in defs.problems if "kept as written" in p.message]


MODULE_OUTPUTS = {
    "live/main.tf": '''
module "storage" {
  source = "../modules/storage"
  env    = "prod"
}
module "etl" {
  source         = "../modules/glue_job"
  job_name       = "orders-etl"
  script         = "s3://${module.storage.code_bucket}/jobs/orders.py"
  default_arguments = { "--lake" = module.storage.lake_path, "--kms" = module.storage.kms_arn }
}
''',
    "modules/storage/main.tf": '''
variable "env" {}
resource "aws_s3_bucket" "code" { bucket = "acme-code-${var.env}" }
resource "aws_kms_key" "k" {}
output "code_bucket" { value = aws_s3_bucket.code.bucket }
output "lake_path" { value = "s3://acme-lake-${var.env}/" }
output "kms_arn" { value = aws_kms_key.k.arn }
''',
    **{k: v for k, v in MODULE_CALLS.items() if k.startswith("infra/modules/glue_job/")},
}
MODULE_OUTPUTS = {k.replace("infra/modules/", "modules/"): v for k, v in MODULE_OUTPUTS.items()}


def test_module_outputs_resolve_in_the_caller():
    defs = read_definitions(MODULE_OUTPUTS)
    job = defs.jobs["orders-etl"]
    assert job.script == "s3://acme-code-prod/jobs/orders.py"
    assert dict(job.arguments) == {"--job-bookmark-option": "job-bookmark-enable", "--lake": "s3://acme-lake-prod/",
                                   "--kms": "${aws_kms_key.k.arn}"}
    assert [str(p) for p in defs.problems if "kms" in str(p)] == [
        "modules/glue_job/main.tf: module.etl: aws_glue_job.this.default_arguments: ${aws_kms_key.k.arn}: known only "
        "after apply; kept as written (set it in the project's job_parameters)"]


FILESET = {"infra/jobs.tf": '''
locals {
  scripts = fileset("${path.module}/../glue/jobs", "**/*.py")
}
resource "aws_glue_job" "per_script" {
  for_each = toset([for f in local.scripts : f if !startswith(basename(f), "_")])
  name     = "etl-${replace(trimsuffix(each.value, ".py"), "/", "-")}"
  role_arn = "r"
  command { script_location = "s3://code/jobs/${each.value}" }
}
'''}


def test_one_job_per_repository_script_through_fileset():
    repo = ["glue/jobs/orders.py", "glue/jobs/sub/returns.py", "glue/jobs/_helpers.py", "glue/jobs/README.md",
            "glue/other.py"]
    defs = read_definitions(FILESET, repo)
    assert {n: j.repo_script for n, j in defs.jobs.items()} == {
        "etl-orders": "glue/jobs/orders.py", "etl-sub-returns": "glue/jobs/sub/returns.py"}
