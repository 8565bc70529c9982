"""CloudFormation, CDK output and Serverless Framework files as Glue repositories write them: resource
conditions, ``AWS::NoValue``, Refs to named resources, pseudo parameters, ``resources:`` nesting and the
``serverless-glue`` plugin. Each case: files, the jobs and triggers they give, the problems named."""

import json

import pytest

from g2l_core.jobs import JobDefinitionError, read_definitions

CONDITIONS = '''
Parameters:
  Stage: {Type: String, Default: dev, AllowedValues: [dev, prod]}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  ScriptBucket:
    Type: AWS::S3::Bucket
    Properties: {BucketName: !Sub "acme-${Stage}-code"}
  RawCrawler:
    Type: AWS::Glue::Crawler
    Properties: {Name: raw-orders-crawler, Role: r, Targets: {}}
  Backfill:
    Type: AWS::Glue::Job
    Condition: IsProd
    Properties:
      Name: orders-backfill
      Role: r
      Command: {Name: glueetl, ScriptLocation: !Sub "s3://${ScriptBucket}/jobs/backfill.py"}
  Orders:
    Type: AWS::Glue::Job
    Properties:
      Name: !Sub "orders-${Stage}"
      Role: !GetAtt GlueRole.Arn
      Command: {Name: gluestreaming, ScriptLocation: !Sub "s3://${ScriptBucket}/jobs/orders.py"}
      GlueVersion: "4.0"
      MaxRetries: !If [IsProd, 2, !Ref "AWS::NoValue"]
      DefaultArguments:
        "--region": !Ref AWS::Region
        "--mode": !If [IsProd, full, !Ref AWS::NoValue]
  Notify:
    Type: AWS::Glue::Job
    Properties:
      Command: {Name: pythonshell, PythonVersion: "3.9", ScriptLocation: !Sub "s3://${ScriptBucket}/jobs/notify.py"}
      MaxCapacity: 0.0625
      Role: r
  AfterCrawl:
    Type: AWS::Glue::Trigger
    Properties:
      Type: CONDITIONAL
      Actions: [{JobName: !Ref Orders}]
      Predicate:
        Conditions: [{LogicalOperator: EQUALS, CrawlerName: !Ref RawCrawler, CrawlState: SUCCEEDED}]
  AfterOrders:
    Type: AWS::Glue::Trigger
    Properties:
      Type: CONDITIONAL
      Actions: [{JobName: !Ref Notify}]
      Predicate:
        Logical: ANY
        Conditions:
          - {LogicalOperator: EQUALS, JobName: !Ref Orders, State: FAILED}
          - {LogicalOperator: EQUALS, JobName: !Ref Backfill, State: SUCCEEDED}
'''

CDK_JSON = json.dumps({
    "Parameters": {"BootstrapVersion": {"Type": "AWS::SSM::Parameter::Value<String>",
                                        "Default": "/cdk-bootstrap/hnb659fds/version"}},
    "Resources": {
        "EtlJobA1B2C3": {"Type": "AWS::Glue::Job", "Properties": {
            "Command": {"Name": "glueetl", "PythonVersion": "3", "ScriptLocation": {"Fn::Join": ["", [
                "s3://", {"Fn::Sub": "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}"},
                "/0f1e2d3c4b5a.py"]]}},
            "Role": {"Fn::GetAtt": ["EtlRoleD4E5F6", "Arn"]},
            "DefaultArguments": {"--job-language": "python", "--enable-metrics": "",
                                 "--extra-py-files": {"Fn::Join": ["", ["s3://", {"Ref": "DepsBucket"}, "/deps.zip"]]}},
            "GlueVersion": "4.0", "NumberOfWorkers": 10, "WorkerType": "G.2X", "Name": "cdk-etl"},
            "Metadata": {"aws:cdk:path": "Stack/EtlJob/Resource"}},
        "DepsBucket": {"Type": "AWS::S3::Bucket"},
    }})

SERVERLESS = '''
service: orders-etl
frameworkVersion: "3"
provider:
  name: aws
  stage: ${opt:stage, 'dev'}
custom:
  bucket: ${self:service}-${self:provider.stage}-code
plugins: [serverless-glue]
Glue:
  bucketDeploy: ${self:custom.bucket}
  tempDirBucket: ${self:custom.bucket}
  jobs:
    - name: ${self:service}-load-${self:provider.stage}
      scriptPath: glue/load_orders.py
      type: spark
      glueVersion: python3-4.0
      role: arn:aws:iam::1:role/glue
      WorkerType: G.1X
      NumberOfWorkers: 4
      MaxConcurrentRuns: 1
      tempDir: true
      DefaultArguments:
        jobBookmarkOption: job-bookmark-enable
        extraPyFiles: s3://${self:custom.bucket}/libs/common.zip
        continuousLogLogGroup: /glue/orders
        customArguments:
          target_table: orders
    - name: ${self:service}-report
      scriptPath: glue/report.py
      type: pythonshell
      glueVersion: python3-4.0
      role: r
  triggers:
    - name: nightly
      schedule: 30 1 * * ? *
      actions:
        - name: ${self:service}-load-${self:provider.stage}
          args: {run_mode: full}
    - name: manual-report
      actions: [{name: "${self:service}-report"}]
resources:
  Resources:
    Compact:
      Type: AWS::Glue::Job
      Properties:
        Name: ${self:service}-compact
        Role: r
        Command: {ScriptLocation: "s3://${self:custom.bucket}/glue/compact.py"}
        DefaultArguments: {"--secret": "${ssm:/orders/secret}"}
'''

REPO = ["glue/load_orders.py", "glue/report.py", "glue/compact.py", "jobs/orders.py", "jobs/notify.py"]


def _jobs(defs):
    return {n: (j.script, j.repo_script, j.command, j.glue_version, j.worker_type, j.number_of_workers,
                j.max_capacity, j.max_retries, j.max_concurrent_runs, dict(j.arguments)) for n, j in defs.jobs.items()}


def _triggers(defs):
    return {t.name: (t.kind, t.schedule, t.actions, tuple((c.job, c.state) for c in t.conditions), t.logical,
                     {k: dict(v) for k, v in t.action_arguments.items()}) for t in defs.triggers}


@pytest.mark.parametrize(("parameters", "jobs", "triggers"), [
    ({}, {
        "orders-dev": ("s3://acme-dev-code/jobs/orders.py", "jobs/orders.py", "gluestreaming", "4.0", None, None, None,
                       None, None, {"--region": "${AWS::Region}"}),
        "Notify": ("s3://acme-dev-code/jobs/notify.py", "jobs/notify.py", "pythonshell", None, None, None, 0.0625, None,
                   None, {})},
     {"AfterCrawl": ("CONDITIONAL", None, ("orders-dev",), (), "AND", {}),
      "AfterOrders": ("CONDITIONAL", None, ("Notify",), (("orders-dev", "FAILED"), ("orders-backfill", "SUCCEEDED")),
                      "ANY", {})}),
    ({"Stage": "prod", "AWS::Region": "eu-west-1"}, {
        "orders-backfill": ("s3://acme-prod-code/jobs/backfill.py", None, "glueetl", None, None, None, None, None, None, {}),
        "orders-prod": ("s3://acme-prod-code/jobs/orders.py", "jobs/orders.py", "gluestreaming", "4.0", None, None, None,
                        2, None, {"--region": "eu-west-1", "--mode": "full"}),
        "Notify": ("s3://acme-prod-code/jobs/notify.py", "jobs/notify.py", "pythonshell", None, None, None, 0.0625, None,
                   None, {})},
     {"AfterCrawl": ("CONDITIONAL", None, ("orders-prod",), (), "AND", {}),
      "AfterOrders": ("CONDITIONAL", None, ("Notify",), (("orders-prod", "FAILED"), ("orders-backfill", "SUCCEEDED")),
                      "ANY", {})}),
])
def test_conditions_no_value_and_named_refs(parameters, jobs, triggers):
    defs = read_definitions({"stack/etl.yaml": CONDITIONS}, REPO, parameters)
    assert _jobs(defs) == jobs
    assert _triggers(defs) == triggers
    messages = [str(p) for p in defs.problems]
    assert "stack/etl.yaml: trigger AfterCrawl: waits on crawler 'raw-orders-crawler' (SUCCEEDED), which no " \
           "trigger here starts; the condition is not carried over" in messages
    assert not [m for m in messages if "NoValue" in m or "ScriptBucket" in m or "RawCrawler" in m]
    assert ("stack/etl.yaml: Backfill: Condition IsProd is false with these parameters: not created, left out"
            in messages) == (not parameters)
    assert ("stack/etl.yaml: Orders.DefaultArguments.--region: AWS::Region: pseudo parameter known only at deployment; "
            "kept as ${...} (set it in the project's job_parameters)" in messages) == (not parameters)


def test_cdk_synthesized_json():
    defs = read_definitions({"cdk.out/Stack.template.json": CDK_JSON}, REPO)
    assert _jobs(defs) == {"cdk-etl": (
        "s3://cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}/0f1e2d3c4b5a.py", None, "glueetl", "4.0", "G.2X",
        10, None, None, None, {"--job-language": "python", "--enable-metrics": "",
                               "--extra-py-files": "s3://${DepsBucket}/deps.zip"})}
    assert any("EtlJobA1B2C3.DefaultArguments.--extra-py-files: DepsBucket: Ref to a AWS::S3::Bucket resource is known "
               "only after deployment (it sets no BucketName)" in str(p) for p in defs.problems)


def test_serverless_plugin_and_resources():
    defs = read_definitions({"serverless.yml": SERVERLESS}, REPO)
    assert _jobs(defs) == {
        "orders-etl-load-dev": ("glue/load_orders.py", "glue/load_orders.py", "glueetl", "4.0", "G.1X", 4, None, None, 1, {
            "--job-bookmark-option": "job-bookmark-enable", "--extra-py-files": "s3://orders-etl-dev-code/libs/common.zip",
            "--continuous-log-logGroup": "/glue/orders", "--target_table": "orders",
            "--TempDir": "s3://orders-etl-dev-code/"}),
        "orders-etl-report": ("glue/report.py", "glue/report.py", "pythonshell", "4.0", None, None, None, None, None, {}),
        "orders-etl-compact": ("s3://orders-etl-dev-code/glue/compact.py", "glue/compact.py", "glueetl", None, None, None,
                               None, None, None, {"--secret": "${ssm:/orders/secret}"}),
    }
    assert _triggers(defs) == {
        "nightly": ("SCHEDULED", "cron(30 1 * * ? *)", ("orders-etl-load-dev",), (), "AND",
                    {"orders-etl-load-dev": {"--run_mode": "full"}}),
        "manual-report": ("ON_DEMAND", None, ("orders-etl-report",), (), "AND", {}),
    }
    assert [str(p) for p in defs.problems] == [
        "serverless.yml: resources.Resources.Compact.Properties.DefaultArguments.--secret: ${ssm:/orders/secret}: "
        "Serverless variable not resolved offline; kept as written (set it in the project's job_parameters)"]
    prod = read_definitions({"serverless.yml": SERVERLESS}, REPO, {"stage": "prod"})
    assert "orders-etl-load-prod" in prod.jobs


def test_bad_serverless_file_names_file_and_line():
    with pytest.raises(JobDefinitionError, match=r"^serverless.yml: line 4: not valid YAML"):
        read_definitions({"serverless.yml": "service: x\nGlue:\n  jobs: [\n"})


CRAWLER_CHAIN = '''
Resources:
  Flow: {Type: AWS::Glue::Workflow, Properties: {Name: sales-flow}}
  Land: {Type: AWS::Glue::Job, Properties: {Name: land, Role: r, Command: {ScriptLocation: s3://c/jobs/orders.py}}}
  Model: {Type: AWS::Glue::Job, Properties: {Name: model, Role: r, Command: {ScriptLocation: s3://c/jobs/notify.py}}}
  Report: {Type: AWS::Glue::Job, Properties: {Name: report, Role: r, Command: {ScriptLocation: s3://c/glue/report.py}}}
  RawCrawler: {Type: AWS::Glue::Crawler, Properties: {Name: raw-crawler, Role: r, Targets: {}}}
  CuratedCrawler: {Type: AWS::Glue::Crawler, Properties: {Name: curated-crawler, Role: r, Targets: {}}}
  Nightly:
    Type: AWS::Glue::Trigger
    Properties:
      Type: SCHEDULED
      Schedule: cron(0 1 * * ? *)
      WorkflowName: !Ref Flow
      Actions: [{CrawlerName: !Ref RawCrawler}]
  AfterRaw:
    Type: AWS::Glue::Trigger
    Properties:
      Type: CONDITIONAL
      WorkflowName: !Ref Flow
      Actions: [{JobName: !Ref Land}]
      Predicate: {Conditions: [{LogicalOperator: EQUALS, CrawlerName: !Ref RawCrawler, CrawlState: SUCCEEDED}]}
  AfterLand:
    Type: AWS::Glue::Trigger
    Properties:
      Type: CONDITIONAL
      WorkflowName: !Ref Flow
      Actions: [{CrawlerName: !Ref CuratedCrawler}]
      Predicate: {Conditions: [{LogicalOperator: EQUALS, JobName: !Ref Land, State: SUCCEEDED}]}
  AfterCurated:
    Type: AWS::Glue::Trigger
    Properties:
      Type: CONDITIONAL
      WorkflowName: !Ref Flow
      Actions: [{JobName: !Ref Model}, {JobName: !Ref Report}]
      Predicate: {Conditions: [{LogicalOperator: EQUALS, CrawlerName: !Ref CuratedCrawler, CrawlState: SUCCEEDED}]}
'''


def test_chains_through_crawlers_keep_their_order():
    defs = read_definitions({"stack/flow.yaml": CRAWLER_CHAIN}, REPO)
    triggers = _triggers(defs)
    assert triggers["Nightly"][:3] == ("SCHEDULED", "cron(0 1 * * ? *)", ("land",))
    assert triggers["AfterCurated"][2:4] == (("model", "report"), (("land", "SUCCEEDED"),))
    messages = [str(p) for p in defs.problems]
    assert "stack/flow.yaml: trigger AfterRaw: waits on crawler 'raw-crawler', started by scheduled trigger Nightly: " \
           "its jobs start with that trigger (no crawler runs on Databricks)" in messages
    assert "stack/flow.yaml: trigger AfterCurated: waits on crawler 'curated-crawler', started by trigger AfterLand " \
           "after land SUCCEEDED: waits on that instead (no crawler runs on Databricks)" in messages


CRAWLER_SCHEDULE = {
    "stack/crawl.yaml": '''
Resources:
  Raw:
    Type: AWS::Glue::Crawler
    Properties: {Name: raw-crawler, Role: r, Targets: {}, Schedule: {ScheduleExpression: "cron(0 4 * * ? *)"}}
  Unused:
    Type: AWS::Glue::Crawler
    Properties: {Name: unused-crawler, Role: r, Targets: {}, Schedule: {ScheduleExpression: "cron(0 5 * * ? *)"}}
  Land: {Type: AWS::Glue::Job, Properties: {Name: land, Role: r, Command: {ScriptLocation: s3://c/jobs/orders.py}}}
  AfterRaw:
    Type: AWS::Glue::Trigger
    Properties:
      Type: CONDITIONAL
      Actions: [{JobName: !Ref Land}]
      Predicate: {Conditions: [{CrawlerName: !Ref Raw, CrawlState: SUCCEEDED}]}
''',
    "infra/crawl.tf": '''
resource "aws_glue_crawler" "events" {
  name     = "events-crawler"
  role     = "r"
  schedule = "cron(15 * * * ? *)"
}
resource "aws_glue_job" "sessions" {
  name = "sessions"
  role_arn = "r"
  command { script_location = "s3://c/glue/report.py" }
}
resource "aws_glue_trigger" "after_events" {
  name = "after-events"
  type = "CONDITIONAL"
  actions { job_name = aws_glue_job.sessions.name }
  predicate {
    conditions {
      crawler_name = aws_glue_crawler.events.name
      crawl_state  = "SUCCEEDED"
    }
  }
}
''',
}


def test_a_crawler_schedule_starts_the_jobs_waiting_on_the_crawler():
    defs = read_definitions(CRAWLER_SCHEDULE, REPO)
    assert {n: t[:3] for n, t in _triggers(defs).items() if t[0] == "SCHEDULED"} == {
        "raw-crawler (crawler schedule)": ("SCHEDULED", "cron(0 4 * * ? *)", ("land",)),
        "events-crawler (crawler schedule)": ("SCHEDULED", "cron(15 * * * ? *)", ("sessions",)),
    }


SERVERLESS_V1 = '''
service: legacy-etl
provider: {name: aws, stage: dev}
plugins: [serverless-glue]
custom:
  Glue:
    bucketDeploy: legacy-code
    jobs:
      - job:
          name: legacy-load
          script: glue/load_orders.py
          type: spark
          glueVersion: python3-2.0
          role: r
          WorkerType: G.1X
          NumberOfWorkers: 2
    triggers:
      - trigger:
          name: legacy-nightly
          schedule: 0 3 * * ? *
          job:
            - name: legacy-load
              args: {mode: full}
'''


def test_serverless_glue_plugin_1x_under_custom():
    defs = read_definitions({"serverless.yml": SERVERLESS_V1}, REPO)
    assert _jobs(defs) == {"legacy-load": ("glue/load_orders.py", "glue/load_orders.py", "glueetl", "2.0", "G.1X", 2,
                                           None, None, None, {})}
    assert _triggers(defs) == {"legacy-nightly": ("SCHEDULED", "cron(0 3 * * ? *)", ("legacy-load",), (), "AND",
                                                  {"legacy-load": {"--mode": "full"}})}


NESTED = {
    "stacks/root.yaml": '''
Parameters:
  Stage: {Type: String, Default: prod}
Resources:
  Etl:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./glue/etl.yaml
      Parameters: {Env: !Ref Stage, Workers: "12"}
  Sam:
    Type: AWS::Serverless::Application
    Properties:
      Location: glue/etl.yaml
      Parameters: {Env: sandbox}
''',
    "stacks/glue/etl.yaml": '''
Parameters:
  Env: {Type: String, Default: dev}
  Workers: {Type: Number, Default: 2}
Resources:
  Load:
    Type: AWS::Glue::Job
    Properties:
      Name: !Sub "load-${Env}"
      Role: r
      Command: {ScriptLocation: s3://c/jobs/orders.py}
      WorkerType: G.1X
      NumberOfWorkers: !Ref Workers
''',
}


def test_nested_stacks_read_the_child_with_the_parents_parameters():
    defs = read_definitions(NESTED, REPO)
    assert {n: j.number_of_workers for n, j in defs.jobs.items()} == {"load-prod": 12, "load-sandbox": 2}
    assert not [p for p in defs.problems if "not a job definition" in p.message]
