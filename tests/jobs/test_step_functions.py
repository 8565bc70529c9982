"""Step Functions state machines that run Glue jobs become one workflow: each job depends on the Glue jobs
that finish before it in the machine (sequence, Parallel join, Map), a schedule that starts the machine is the
workflow's schedule, and what cannot be carried over (a Choice's condition, a job name from the input) is named."""

import json

from g2l_core.jobs import read_definitions

CFN = '''
Parameters:
  Env: {Type: String, Default: dev}
Resources:
  Extract: {Type: AWS::Glue::Job, Properties: {Name: !Sub "extract-${Env}", Role: r, Command: {ScriptLocation: s3://c/jobs/orders.py}}}
  Enrich: {Type: AWS::Glue::Job, Properties: {Name: enrich, Role: r, Command: {ScriptLocation: s3://c/jobs/notify.py}}}
  Score: {Type: AWS::Glue::Job, Properties: {Name: score, Role: r, Command: {ScriptLocation: s3://c/glue/report.py}}}
  Publish: {Type: AWS::Glue::Job, Properties: {Name: publish, Role: r, Command: {ScriptLocation: s3://c/glue/compact.py}}}
  Pipeline:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      StateMachineName: !Sub "orders-pipeline-${Env}"
      RoleArn: !GetAtt SfnRole.Arn
      DefinitionString: !Sub |
        {
          "StartAt": "Extract",
          "States": {
            "Extract": {"Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync",
                        "Parameters": {"JobName": "${Extract}", "Arguments": {"--mode": "full", "--day.$": "$.day"}},
                        "Next": "Fan"},
            "Fan": {"Type": "Parallel", "Next": "Check", "Branches": [
              {"StartAt": "Enrich", "States": {"Enrich": {"Type": "Task",
                "Resource": "arn:aws:states:::glue:startJobRun.sync", "Parameters": {"JobName": "${Enrich}"}, "End": true}}},
              {"StartAt": "Score", "States": {"Score": {"Type": "Task",
                "Resource": "arn:aws:states:::glue:startJobRun.sync", "Parameters": {"JobName": "${Score}"}, "End": true}}}
            ]},
            "Check": {"Type": "Choice", "Choices": [{"Variable": "$.publish", "BooleanEquals": true, "Next": "Publish"}],
                      "Default": "Done"},
            "Publish": {"Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync",
                        "Parameters": {"JobName": "${Publish}"}, "Next": "Done"},
            "Done": {"Type": "Succeed"}
          }
        }
  Nightly:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: cron(30 2 * * ? *)
      Targets: [{Id: run, Arn: !Ref Pipeline, RoleArn: !GetAtt EventsRole.Arn}]
'''

SAM = '''
Transform: AWS::Serverless-2016-10-31
Resources:
  Runner:
    Type: AWS::Serverless::StateMachine
    Properties:
      Name: hourly-runner
      DefinitionSubstitutions: {JobName: extract-dev}
      Events:
        Hourly: {Type: Schedule, Properties: {Schedule: "rate(1 hour)"}}
      Definition:
        StartAt: Start
        States:
          Start:
            Type: Task
            Resource: arn:aws:states:::glue:startJobRun
            Parameters: {JobName: "${JobName}"}
            Next: FromInput
          FromInput:
            Type: Task
            Resource: arn:aws:states:::glue:startJobRun.sync
            Parameters: {"JobName.$": "$.job"}
            End: true
'''

TF = '''
resource "aws_glue_job" "load" {
  name = "tf-load"
  role_arn = "r"
  command { script_location = "s3://c/jobs/orders.py" }
}
resource "aws_glue_job" "agg" {
  name = "tf-agg"
  role_arn = "r"
  command { script_location = "s3://c/jobs/notify.py" }
}
resource "aws_sfn_state_machine" "flow" {
  name     = "tf-flow"
  role_arn = aws_iam_role.sfn.arn
  definition = jsonencode({
    StartAt = "Load"
    States = {
      Load = {
        Type       = "Task"
        Resource   = "arn:aws:states:::glue:startJobRun.sync"
        Parameters = { JobName = aws_glue_job.load.name }
        Catch      = [{ ErrorEquals = ["States.ALL"], Next = "Alert" }]
        Next       = "Agg"
      }
      Agg = {
        Type       = "Task"
        Resource   = "arn:aws:states:::glue:startJobRun.sync"
        Parameters = { JobName = aws_glue_job.agg.name }
        End        = true
      }
      Alert = {
        Type     = "Task"
        Resource = "arn:aws:states:::sns:publish"
        Parameters = { TopicArn = aws_sns_topic.alerts.arn, Message = "failed" }
        End      = true
      }
    }
  })
}
'''


def _triggers(defs):
    return {t.name: (t.kind, t.schedule, t.actions, tuple(c.job for c in t.conditions), t.workflow,
                     {k: dict(v) for k, v in t.action_arguments.items()}) for t in defs.triggers}


def test_cloudformation_state_machine_with_parallel_choice_and_schedule():
    defs = read_definitions({"stack/pipeline.yaml": CFN})
    assert _triggers(defs) == {
        "orders-pipeline-dev: start": ("SCHEDULED", "cron(30 2 * * ? *)", ("extract-dev",), (), "orders-pipeline-dev",
                                       {"extract-dev": {"--mode": "full"}}),
        "orders-pipeline-dev: enrich": ("CONDITIONAL", None, ("enrich",), ("extract-dev",), "orders-pipeline-dev", {}),
        "orders-pipeline-dev: score": ("CONDITIONAL", None, ("score",), ("extract-dev",), "orders-pipeline-dev", {}),
        "orders-pipeline-dev: publish": ("CONDITIONAL", None, ("publish",), ("enrich", "score"), "orders-pipeline-dev",
                                         {}),
    }
    assert "orders-pipeline-dev" in defs.workflows
    assert "stack/pipeline.yaml: state machine orders-pipeline-dev: Check: Choice state: the jobs of every branch " \
           "are kept, the condition that picks one is not" in [str(p) for p in defs.problems]


def test_sam_state_machine_names_what_it_cannot_carry():
    defs = read_definitions({"template.yaml": SAM})
    assert _triggers(defs) == {"hourly-runner: start": ("ON_DEMAND", None, ("extract-dev",), (), "hourly-runner", {})}
    assert [str(p) for p in defs.problems] == [
        "template.yaml: Runner: schedule 'rate(1 hour)' of state machine hourly-runner is not a cron() expression; "
        "not carried over",
        "template.yaml: state machine hourly-runner: Start: starts extract-dev without waiting for it (no .sync); the "
        "next steps are taken to follow its end",
        "template.yaml: state machine hourly-runner: FromInput: the Glue job name comes from the input ($.job); not "
        "carried over"]


def test_terraform_state_machine_from_jsonencode():
    defs = read_definitions({"infra/flow.tf": TF})
    assert _triggers(defs) == {
        "tf-flow: start": ("ON_DEMAND", None, ("tf-load",), (), "tf-flow", {}),
        "tf-flow: tf-agg": ("CONDITIONAL", None, ("tf-agg",), ("tf-load",), "tf-flow", {}),
    }


def test_unreadable_definition_is_named():
    text = json.dumps({"Resources": {"M": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {
        "DefinitionString": "{not json arn:aws:states:::glue:startJobRun"}}}})
    defs = read_definitions({"stack/m.json": text})
    assert [str(p) for p in defs.problems][0].startswith(
        "stack/m.json: M: state machine M: the definition is not JSON")
