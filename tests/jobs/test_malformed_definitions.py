"""A definition of the wrong shape is a problem naming its file and item; nothing crashes and the other
definitions (here ``good.yaml``'s job) are still read."""

import pytest

from g2l_core.jobs import read_definitions

GOOD = {"good.yaml": "Resources:\n  Ok: {Type: AWS::Glue::Job, Properties: {Name: ok, Command: {ScriptLocation: s3://c/ok.py}}}\n"}


@pytest.mark.parametrize(("path", "text", "problem"), [
    ("cfn/props.yaml", "Resources:\n  J: {Type: AWS::Glue::Job, Properties: oops}\n",
     "cfn/props.yaml: J: Properties: expected an object, got 'oops'; skipped"),
    ("cfn/command.yaml", "Resources:\n  J: {Type: AWS::Glue::Job, Properties: {Command: s3://x/y.py}}\n",
     "cfn/command.yaml: job J: Command: expected an object with ScriptLocation, got 's3://x/y.py'; the job is skipped"),
    ("cfn/predicate.yaml", "Resources:\n  T: {Type: AWS::Glue::Trigger, Properties: {Type: CONDITIONAL, "
     "Actions: [{JobName: ok}], Predicate: [1]}}\n",
     "cfn/predicate.yaml: trigger T: Predicate: expected an object with Conditions, got [1]"),
    ("cfn/sub.yaml", "Resources:\n  J: {Type: AWS::Glue::Job, Properties: {Name: j, Command: {ScriptLocation: !Sub [a]}}}\n",
     "cfn/sub.yaml: J.Command.ScriptLocation: Fn::Sub ['a']: arguments not of the shape CloudFormation takes"),
    ("cfn/select.yaml", "Resources:\n  J: {Type: AWS::Glue::Job, Properties: {Name: j, Command: {ScriptLocation: !Select [a]}}}\n",
     "cfn/select.yaml: J.Command.ScriptLocation: Fn::Select ['a']: arguments not of the shape CloudFormation takes"),
    ("cfn/condition.yaml", "Conditions:\n  C: !Equals [a]\nResources:\n  J: {Type: AWS::Glue::Job, Condition: C, "
     "Properties: {Name: j, Command: {ScriptLocation: s3://a/b.py}}}\n",
     "cfn/condition.yaml: J: Condition C: cannot be decided; the resource is read as if created"),
    ("api/workflow.json", '{"Workflow": {"Name": "w", "Graph": {"Nodes": [3, {"Type": "TRIGGER", "TriggerDetails": 1}]}}}', None),
    ("api/unnamed.json", '{"Workflows": [{"Graph": {}}]}', "api/unnamed.json: Workflows[0]: workflow without a Name; skipped"),
    ("api/triggers.json", '{"Triggers": [1]}',
     "api/triggers.json: trigger Triggers[0]: not a definition g2l can read (TypeError: expected an object of "
     "properties, got int); skipped"),
    ("serverless.yml", "service: x\nGlue:\n  jobs: {a: 1}\n", "serverless.yml: Glue.jobs: expected a list, got dict; skipped"),
    ("tf/blocks.tf", 'resource "aws_glue_job" "j" {\n  name = "j"\n  command = "x"\n}\n',
     "tf/blocks.tf: job j: Command: expected an object with ScriptLocation, got 'x'; the job is skipped"),
    ("tf/count.tf", 'resource "aws_glue_job" "j" {\n  count = "two"\n  name = "j"\n  command { script_location = "s3://a/j.py" }\n}\n',
     "tf/count.tf: aws_glue_job.j: ${aws_glue_job.j.count}: expected a number, got 'two'; the resource is read once"),
    ("tf/loop.tf", 'locals {\n  a = local.b\n  b = local.a\n}\nresource "aws_glue_job" "j" {\n  name = local.a\n'
     '  command { script_location = "s3://a/j.py" }\n}\n',
     "tf/loop.tf: aws_glue_job.j.name: ${local.a}: refers to itself; kept as written"),
    ("tf/self/main.tf", 'module "again" {\n  source = "./"\n}\nresource "aws_glue_job" "j" {\n  name = "j"\n'
     '  command { script_location = "s3://a/j.py" }\n}\n',
     "tf/self/main.tf: module.again: module tf/self calls itself or nests too deeply; not read"),
])
def test_wrong_shapes_are_named_and_the_rest_is_read(path, text, problem):
    defs = read_definitions({**GOOD, path: text})
    assert "ok" in defs.jobs
    messages = [str(p) for p in defs.problems]
    if problem:
        assert any(m.startswith(problem) for m in messages), messages
