"""Python CDK apps read statically into the job model; what the app does not determine is a problem naming
file, line and argument; apps in other languages and synthesized templates are handled without doubling."""

import json
import textwrap

import pytest

from g2l_core.jobs import JobDefinitionError, read_definitions
from tests.jobs.conftest import FIXTURES, REPO_FILES, fixture_text
from tests.jobs.test_readers import FORMATS, _shape

CDK_FILES = ["cdk/cdk.json", "cdk/app.py", "cdk/stacks/__init__.py", "cdk/stacks/settings.py",
             "cdk/stacks/claims_stack.py"]


def _fetch(paths):
    return {p: (FIXTURES / p).read_text() for p in paths if (FIXTURES / p).is_file()}


def test_cdk_app_named_by_cdk_json_reads_into_the_same_model_as_the_api():
    """Only cdk.json is selected: its app, the stack it imports and the stack's settings module are followed."""
    defs = read_definitions(fixture_text("cdk/cdk.json"), REPO_FILES + CDK_FILES, {}, _fetch)
    api = read_definitions(fixture_text(*FORMATS["api"]), REPO_FILES)
    assert _shape(defs) == _shape(api)
    assert not defs.problems
    assert defs.jobs["claims-ingest-prod"].source == "cdk/stacks/claims_stack.py"


def test_context_from_job_parameters_overrides_cdk_json():
    defs = read_definitions(fixture_text("cdk/cdk.json"), REPO_FILES + CDK_FILES, {"env_name": "dev"}, _fetch)
    assert defs.jobs["claims-ingest-dev"].worker_type == "G.1X"


HEAD = """\
from aws_cdk import Duration, Stack, core
from aws_cdk import aws_glue as glue
import aws_cdk.aws_glue_alpha as glue_alpha
from aws_cdk import aws_s3 as s3
import os
from pathlib import Path
"""

# CDK source (a stack's __init__ body, after HEAD and `class S(Stack): def __init__(self, scope, cid):`) ->
# (job name, script location, command, glue version, worker type, workers, timeout, chosen arguments)
CASES = {
    "l1 with module constant and f-string": (
        'glue.CfnJob(self, "J", name=f"{PREFIX}-orders", role="r", command=glue.CfnJob.JobCommandProperty('
        'name="glueetl", script_location=f"s3://{BUCKET}/scripts/orders.py"), glue_version="3.0", '
        'worker_type="G.1X", number_of_workers=3, timeout=60, default_arguments={"--env": PREFIX})',
        ("acme-orders", "s3://acme-scripts/scripts/orders.py", "glueetl", "3.0", "G.1X", 3, 60, {"--env": "acme"})),
    "l1 without name takes the construct id": (
        'glue.CfnJob(self, "RawLoad", role="r", command={"name": "pythonshell", "script_location": '
        '"s3://b/raw_load.py"}, max_capacity=0.0625)',
        ("RawLoad", "s3://b/raw_load.py", "pythonshell", None, None, None, None, {})),
    "alpha Job with an executable and an asset": (
        'glue_alpha.Job(self, "Nightly", job_name="nightly", executable=glue_alpha.JobExecutable.python_etl('
        'glue_version=glue_alpha.GlueVersion.V4_0, python_version=glue_alpha.PythonVersion.THREE, '
        'script=glue_alpha.Code.from_asset("glue/nightly.py")), worker_type=glue_alpha.WorkerType.G_2X, '
        'worker_count=4, timeout=Duration.hours(2), max_retries=1, default_arguments={"--day": "1"})',
        ("nightly", "glue/nightly.py", "glueetl", "4.0", "G.2X", 4, 120, {"--job-language": "python", "--day": "1"})),
    "older alpha worker type spelling, CDK v1 core.Duration": (
        'glue_alpha.Job(self, "Old", job_name="old", executable=glue_alpha.JobExecutable.python_etl('
        'glue_version=glue_alpha.GlueVersion.V2_0, python_version=glue_alpha.PythonVersion.THREE, '
        'script=glue_alpha.Code.from_asset("glue/nightly.py")), worker_type=glue_alpha.WorkerType.G_1_X, '
        'worker_count=2, timeout=core.Duration.minutes(30))',
        ("old", "glue/nightly.py", "glueetl", "2.0", "G.1X", 2, 30, {"--job-language": "python"})),
    "alpha streaming executable": (
        'glue_alpha.Job(self, "Stream", executable=glue_alpha.JobExecutable.python_streaming('
        'glue_version=glue_alpha.GlueVersion.V3_0, python_version=glue_alpha.PythonVersion.THREE, '
        'script=glue_alpha.Code.from_bucket(s3.Bucket.from_bucket_name(self, "B", "acme-code"), "s/clicks.py")))',
        ("Stream", "s3://acme-code/s/clicks.py", "gluestreaming", "3.0", None, None, None,
         {"--job-language": "python"})),
    "PySparkEtlJob defaults and an asset path from __file__": (
        'glue_alpha.PySparkEtlJob(self, "Daily", job_name="daily", role=None, script=glue_alpha.Code.from_asset('
        'os.path.join(os.path.dirname(__file__), "..", "glue", "daily.py")), '
        'extra_python_files=[glue_alpha.Code.from_bucket(s3.Bucket(self, "L", bucket_name="libs"), "common.zip")])',
        ("daily", "glue/daily.py", "glueetl", "4.0", "G.1X", 10, None,
         {"--job-language": "python", "--extra-py-files": "s3://libs/common.zip"})),
    "pathlib paths from __file__": (
        'glue_alpha.PySparkEtlJob(self, "Daily", job_name="daily", role=None, script=glue_alpha.Code.from_asset('
        'str(Path(__file__).resolve().parent.parent / "glue" / "daily.py")))',
        ("daily", "glue/daily.py", "glueetl", "4.0", "G.1X", 10, None, {"--job-language": "python"})),
    "PythonShellJob": (
        'glue_alpha.PythonShellJob(self, "Shell", job_name="shell", role=None, '
        'script=glue_alpha.Code.from_asset("glue/shell.py"), timeout=Duration.minutes(15))',
        ("shell", "glue/shell.py", "pythonshell", "3.0", None, None, 15, {"--job-language": "python"})),
    "helper method with arguments": (
        'self._job("orders", workers=2)\n'
        '    def _job(self, name, workers=1):\n'
        '        return glue.CfnJob(self, name.title(), name=name, role="r", number_of_workers=workers, '
        'worker_type="G.1X", command={"script_location": f"s3://{BUCKET}/helpers/{name}.py"})',
        ("orders", "s3://acme-scripts/helpers/orders.py", "glueetl", None, "G.1X", 2, None, {})),
}


def _stack(body: str) -> str:
    return (HEAD + 'PREFIX = "acme"\nBUCKET = f"{PREFIX}-scripts"\n\n\n'
            "class S(Stack):\n    def __init__(self, scope, cid):\n        super().__init__(scope, cid)\n        "
            + body + "\n")


@pytest.mark.parametrize("case", list(CASES))
def test_cdk_constructs_to_job_model(case):
    source, want = CASES[case]
    repo = ["glue/nightly.py", "glue/daily.py", "glue/shell.py", "s/clicks.py", "scripts/orders.py",
            "helpers/orders.py", "raw_load.py"]
    defs = read_definitions({"infra/stack.py": _stack(source)}, repo, {})
    (job,) = defs.jobs.values()
    got = (job.name, job.script, job.command, job.glue_version, job.worker_type, job.number_of_workers,
           job.timeout_minutes, dict(job.arguments))
    assert got == want
    assert job.repo_script is not None
    assert not defs.problems


def test_loops_over_known_lists_define_one_job_each_and_triggers_reference_them():
    body = textwrap.dedent('''\
        jobs = {}
                for name, workers in JOBS.items():
                    jobs[name] = glue.CfnJob(self, name, name=name, role="r", worker_type="G.1X",
                                             number_of_workers=workers,
                                             command={"script_location": f"s3://{BUCKET}/jobs/{name}.py"})
                glue.CfnTrigger(self, "Nightly", type="SCHEDULED", schedule="cron(0 2 * * ? *)",
                                actions=[{"job_name": jobs[n].ref} for n in ORDER[:1]])
                glue.CfnTrigger(self, "Then", type="CONDITIONAL", actions=[{"jobName": jobs["b"].name}],
                                predicate={"conditions": [{"job_name": jobs["a"].ref, "state": "SUCCEEDED"}]})''')
    source = _stack(body).replace('PREFIX = "acme"', 'PREFIX = "acme"\nJOBS = {"a": 2, "b": 4}\nORDER = ["a", "b"]')
    defs = read_definitions({"infra/stack.py": source}, ["jobs/a.py", "jobs/b.py"], {})
    assert {n: (j.number_of_workers, j.repo_script) for n, j in defs.jobs.items()} == {
        "a": (2, "jobs/a.py"), "b": (4, "jobs/b.py")}
    first, then = defs.triggers
    assert (first.name, first.schedule, first.actions) == ("Nightly", "cron(0 2 * * ? *)", ("a",))
    assert (then.actions, [c.job for c in then.conditions]) == (("b",), ["a"])
    assert not defs.problems


def test_unresolvable_values_are_problems_naming_file_line_and_argument():
    body = textwrap.dedent('''\
        stage = self.node.try_get_context("stage")
                bucket = s3.Bucket(self, "Scripts")
                glue.CfnJob(self, "J", name=f"orders-{stage}", role="r",
                            command={"script_location": f"s3://{bucket.bucket_name}/orders.py"},
                            number_of_workers=load_settings()["workers"])
                for name in discover_jobs():
                    glue.CfnJob(self, name, command={"script_location": name})''')
    defs = read_definitions({"infra/stack.py": _stack(body)}, ["orders.py"], {})
    job = defs.jobs["orders-${stage}"]
    assert job.script == "s3://${bucket.bucket_name}/orders.py" and job.repo_script == "orders.py"
    messages = sorted(str(p) for p in defs.problems)
    assert messages == [
        "infra/stack.py: job orders-${stage}: NumberOfWorkers: expected a number, got "
        "'${load_settings()[\"workers\"]}'; left unset",
        "infra/stack.py: line 16: job orders-${stage}: command.script_location: bucket.bucket_name (line 17): an "
        "attribute of bucket Scripts known only after deployment; kept as ${bucket.bucket_name} (set it in the "
        "project's job_parameters)",
        "infra/stack.py: line 16: job orders-${stage}: name: stage (line 14): a CDK context value (cdk.json or cdk "
        "-c) not set; kept as ${stage} (set it in the project's job_parameters)",
        'infra/stack.py: line 16: job orders-${stage}: number_of_workers: load_settings()["workers"] (line 18): not '
        "known statically; kept as ${load_settings()[\"workers\"]} (set it in the project's job_parameters)",
        "infra/stack.py: line 19: for loop over discover_jobs(): cannot be resolved statically; the constructs "
        "created in its body are not read",
    ]
    given = read_definitions({"infra/stack.py": _stack(body)}, ["orders.py"], {"stage": "prod"})
    assert "orders-prod" in given.jobs


def test_an_undecided_condition_reads_its_first_branch_and_says_so():
    body = ('size = "G.2X" if self.node.try_get_context("big") else "G.1X"\n'
            '        glue.CfnJob(self, "J", name="j", role="r", worker_type=size, command={"script_location": "j.py"})')
    defs = read_definitions({"infra/stack.py": _stack(body)}, ["j.py"], {})
    assert defs.jobs["j"].worker_type == "G.2X"
    assert [str(p) for p in defs.problems] == [
        'infra/stack.py: line 14: condition self.node.try_get_context("big"): cannot be decided statically; read as '
        "true (give its values in job_parameters)"]
    assert read_definitions({"infra/stack.py": _stack(body)}, ["j.py"], {"big": ""}).jobs["j"].worker_type == "G.1X"


def test_a_context_value_not_given_takes_the_default_the_app_gives_it():
    body = ('env = self.node.try_get_context("env") or "dev"\n'
            '        glue.CfnJob(self, "J", name=f"j-{env}", role="r", command={"script_location": "j.py"})')
    assert list(read_definitions({"infra/stack.py": _stack(body)}, ["j.py"], {}).jobs) == ["j-dev"]
    assert list(read_definitions({"infra/stack.py": _stack(body)}, ["j.py"], {"env": "qa"}).jobs) == ["j-qa"]


def test_stack_parameters_come_from_job_parameters_when_no_app_instantiates_the_stack():
    source = _stack('glue.CfnJob(self, "J", name=f"orders-{env_name}", role="r", '
                    'command={"script_location": "s3://b/orders.py"})').replace("(self, scope, cid)",
                                                                                 "(self, scope, cid, env_name)")
    assert list(read_definitions({"infra/stack.py": source}, ["orders.py"], {"env_name": "qa"}).jobs) == ["orders-qa"]


def test_python_syntax_error_names_file_and_line():
    with pytest.raises(JobDefinitionError, match=r"infra/stack.py: line 2: not valid Python"):
        read_definitions({"infra/stack.py": "import aws_cdk\nglue.CfnJob(self,\n"}, [], {})


def test_absurd_nesting_is_refused_before_the_parser_sees_it():
    """libcst's native parser brings the process down on thousands of nested brackets."""
    deep = "import aws_cdk\nx = " + "(" * 3000 + "1" + ")" * 3000 + "\n"
    with pytest.raises(JobDefinitionError, match=r"infra/stack.py: line 2: brackets nested more than"):
        read_definitions({"infra/stack.py": deep}, [], {})


def test_python_file_without_cdk_is_reported_not_read():
    defs = read_definitions({"infra/helpers.py": "X = 1\n"}, [], {})
    assert [str(p) for p in defs.problems] == [
        "infra/helpers.py: file: not a job definition g2l reads (a Python file that imports no aws_cdk)"]


TS_APP = """\
import * as glue from 'aws-cdk-lib/aws-glue';
export class EtlStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new glue.CfnJob(this, 'Orders', { command: { name: 'glueetl', scriptLocation: 's3://b/orders.py' }, role: 'r' });
  }
}
"""


def test_typescript_app_is_a_problem_naming_the_file():
    defs = read_definitions({"lib/etl-stack.ts": TS_APP, "cdk.json": json.dumps({"app": "npx ts-node bin/app.ts"})},
                            ["orders.py"], {})
    assert not defs.jobs
    assert sorted(str(p) for p in defs.problems) == [
        "cdk.json: app: names no Python entry file among the repository's files; a CDK app in another language "
        "is not read (add its cdk.out/*.template.json to job_definitions)",
        "lib/etl-stack.ts: file: a CDK app in a language g2l does not read yet (Python apps are read); run "
        "`cdk synth` and add cdk.out/*.template.json to job_definitions instead"]


SYNTHESIZED = {
    "Resources": {
        "OrdersJob": {"Type": "AWS::Glue::Job", "Properties": {
            "Name": "orders", "Role": {"Fn::GetAtt": ["GlueRoleF1A2B3C4", "Arn"]}, "GlueVersion": "4.0",
            "WorkerType": "G.1X", "NumberOfWorkers": 2,
            "Command": {"Name": "glueetl", "ScriptLocation": "s3://acme-scripts/orders.py"}},
            "Metadata": {"aws:cdk:path": "Etl/OrdersJob"}},
        "CDKMetadata": {"Type": "AWS::CDK::Metadata", "Properties": {"Analytics": "v2:deflate64:H4sI"}}},
    "Parameters": {"BootstrapVersion": {"Type": "AWS::SSM::Parameter::Value<String>",
                                        "Default": "/cdk-bootstrap/hnb659fds/version"}},
}


def test_synthesized_template_reads_as_cloudformation_and_is_not_read_twice_beside_its_app():
    template = {"cdk.out/Etl.template.json": json.dumps(SYNTHESIZED)}
    alone = read_definitions(template, ["orders.py"], {})
    assert (alone.jobs["orders"].repo_script, alone.jobs["orders"].number_of_workers, alone.problems) == (
        "orders.py", 2, [])
    app = _stack('glue.CfnJob(self, "OrdersJob", name="orders", role="r", worker_type="G.1X", number_of_workers=2, '
                 'command={"script_location": "s3://acme-scripts/orders.py"})')
    both = read_definitions({**template, "infra/stack.py": app}, ["orders.py"], {})
    assert list(both.jobs) == ["orders"] and both.jobs["orders"].source == "infra/stack.py"
    assert [str(p) for p in both.problems] == [
        "cdk.out/Etl.template.json: file: synthesized from the CDK app read from infra/stack.py: not read again"]


def test_an_app_that_loops_too_long_is_read_as_far_as_the_budget():
    body = ('glue.CfnJob(self, "First", name="first", role="r", command={"script_location": "s3://b/first.py"})\n'
            '        for i in range(2000):\n            for j in range(2000):\n                x = i\n'
            '        glue.CfnJob(self, "Late", name="late", role="r", command={"script_location": "s3://b/late.py"})')
    defs = read_definitions({"infra/stack.py": _stack(body)}, ["first.py", "late.py"], {})
    assert list(defs.jobs) == ["first"]
    assert [str(p) for p in defs.problems] == [
        "infra/stack.py: app: more than 200000 statements to follow: the constructs after that are not read"]


ASSET = "4" * 60 + "beef"


def test_synthesized_asset_script_is_matched_to_its_source_by_blob():
    """``cdk synth`` names a Code.fromAsset script by its hash; the staged copy in cdk.out has the source's blob."""
    template = {"Resources": {"Nightly": {"Type": "AWS::Glue::Job", "Properties": {
        "Name": "nightly", "Role": "r",
        "Command": {"Name": "glueetl", "ScriptLocation": {"Fn::Join": ["", [
            "s3://", {"Fn::Sub": "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}"}, f"/{ASSET}.py"]]}}}}}}
    tree = {"cdk.out/Etl.template.json": "t1", f"cdk.out/asset.{ASSET}.py": "b1", "glue/nightly.py": "b1",
            "glue/other.py": "b2"}
    defs = read_definitions({"cdk.out/Etl.template.json": json.dumps(template)}, tree, {})
    assert defs.jobs["nightly"].repo_script == "glue/nightly.py"
    assert not [p for p in defs.problems if "not matched" in p.message]
    paths_only = read_definitions({"cdk.out/Etl.template.json": json.dumps(template)}, list(tree), {})
    assert paths_only.jobs["nightly"].repo_script is None


def test_alpha_workflow_triggers_in_both_api_generations():
    body = textwrap.dedent('''\
        scripts = s3.Bucket.from_bucket_name(self, "Scripts", "acme-scripts")
                load = glue_alpha.PySparkEtlJob(self, "Load", job_name="load", role=None,
                                                script=glue_alpha.Code.from_bucket(scripts, "jobs/load.py"))
                report = glue_alpha.PythonShellJob(self, "Report", job_name="report", role=None,
                                                   script=glue_alpha.Code.from_bucket(scripts, "jobs/report.py"))
                flow = glue_alpha.Workflow(self, "Flow", workflow_name="nightly", max_concurrent_runs=1)
                at_3 = glue_alpha.TriggerSchedule.cron(minute="15", hour="3")
                flow.add_custom_scheduled_trigger("Start", schedule=at_3,
                                                  actions=[glue_alpha.Action.job(load, arguments={"--full": "0"})])
                flow.add_conditional_trigger("Then", actions=[{"job": report}], predicate={
                    "conditions": [glue_alpha.Condition.job(load, glue_alpha.JobState.SUCCEEDED)]})
                flow.add_weekly_scheduled_trigger("Weekly", actions=[{"job": load, "arguments": {"--full": "1"}}])''')
    defs = read_definitions({"infra/stack.py": _stack(body)}, ["jobs/load.py", "jobs/report.py"], {})
    assert not defs.problems
    assert list(defs.workflows) == ["nightly"] and defs.workflows["nightly"].max_concurrent_runs == 1
    got = [(t.name, t.kind, t.schedule, t.workflow, t.actions, [(c.job, c.state) for c in t.conditions],
            {k: dict(v) for k, v in t.action_arguments.items()}) for t in defs.triggers]
    assert got == [
        ("Start", "SCHEDULED", "cron(15 3 * * ? *)", "nightly", ("load",), [], {"load": {"--full": "0"}}),
        ("Then", "CONDITIONAL", None, "nightly", ("report",), [("load", "SUCCEEDED")], {}),
        ("Weekly", "SCHEDULED", "cron(0 0 ? * SUN *)", "nightly", ("load",), [], {"load": {"--full": "1"}}),
    ]


def test_step_functions_chain_of_glue_tasks_becomes_one_scheduled_workflow():
    head = HEAD + ("from aws_cdk import aws_stepfunctions as sfn, aws_stepfunctions_tasks as tasks\n"
                   "from aws_cdk import aws_events as events, aws_events_targets as targets\n")
    body = textwrap.dedent('''\
        jobs = {n: glue.CfnJob(self, n, name=n, role="r", command={"script_location": f"s3://b/{n}.py"})
                        for n in ["extract", "clean", "enrich", "publish", "audit"]}

                def run(n, sync=True):
                    return tasks.GlueStartJobRun(
                        self, f"Run{n}", glue_job_name=jobs[n].ref, arguments=sfn.TaskInput.from_object({"--day": "1"}),
                        integration_pattern=sfn.IntegrationPattern.RUN_JOB if sync else None)
                fan = sfn.Parallel(self, "Fan").branch(run("clean")).branch(run("enrich"))
                check = sfn.Choice(self, "Full?").when(sfn.Condition.boolean_equals("$.full", True), run("audit"))
                check.otherwise(sfn.Pass(self, "Skip"))
                definition = run("extract").next(fan).next(check.afterwards()).next(run("publish", sync=False))
                machine = sfn.StateMachine(self, "Pipeline", state_machine_name="pipeline",
                                           definition_body=sfn.DefinitionBody.from_chainable(definition))
                events.Rule(self, "Nightly", schedule=events.Schedule.cron(minute="0", hour="2"),
                            targets=[targets.SfnStateMachine(machine)])''')
    source = _stack(body).replace(HEAD, head)
    defs = read_definitions({"infra/stack.py": source}, [f"{n}.py" for n in ("extract", "clean", "enrich",
                                                                             "publish", "audit")], {})
    got = [(t.name, t.kind, t.schedule, t.actions, sorted(c.job for c in t.conditions)) for t in defs.triggers]
    assert got == [
        ("pipeline: start", "SCHEDULED", "cron(0 2 * * ? *)", ("extract",), []),
        ("pipeline: audit", "CONDITIONAL", None, ("audit",), ["clean", "enrich"]),
        ("pipeline: clean", "CONDITIONAL", None, ("clean",), ["extract"]),
        ("pipeline: enrich", "CONDITIONAL", None, ("enrich",), ["extract"]),
        ("pipeline: publish", "CONDITIONAL", None, ("publish",), ["audit", "clean", "enrich"]),
    ]
    assert defs.triggers[0].action_arguments == {"extract": {"--day": "1"}}
    assert sorted(str(p) for p in defs.problems) == [
        "infra/stack.py: state machine pipeline: Full?: Choice state: the jobs of every branch are kept, the "
        "condition that picks one is not",
        "infra/stack.py: state machine pipeline: Runpublish: starts publish without waiting for it (no .sync); "
        "the next steps are taken to follow its end"]


def test_a_base_stack_runs_through_super_with_its_subclass_arguments_and_not_on_its_own():
    source = HEAD + textwrap.dedent('''\
        class GlueBase(Stack):
            def __init__(self, scope, cid, *, stage, **kwargs):
                super().__init__(scope, cid, **kwargs)
                self.stage = stage
                self.job("orders")

            def job(self, name):
                return glue.CfnJob(self, name, name=f"{name}-{self.stage}", role="r",
                                   command={"script_location": f"s3://b/{name}.py"})


        class ProdGlue(GlueBase):
            def __init__(self, scope, cid):
                super().__init__(scope, cid, stage="prod")
                self.job("refunds")


        ProdGlue(None, "Prod")
        ''')
    defs = read_definitions({"infra/stack.py": source}, ["orders.py", "refunds.py"], {})
    assert sorted(defs.jobs) == ["orders-prod", "refunds-prod"]
    assert not defs.problems


def test_app_settings_from_a_yaml_file_and_a_dataclass():
    """The app opens config/prod.yaml (relative to cdk.json) and passes a dataclass of settings to its stack."""
    root = FIXTURES / "cdk_config"
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    defs = read_definitions({"cdk.json": (root / "cdk.json").read_text()}, [*files, "jobs/load_customers.py",
                            "jobs/score_customers.py"], {}, lambda paths: {
                                p: (root / p).read_text() for p in paths if (root / p).is_file()})
    assert not defs.problems
    assert {n: (j.worker_type, j.number_of_workers, j.glue_version, j.repo_script) for n, j in defs.jobs.items()} == {
        "prod-load_customers": ("G.1X", 2, "4.0", "jobs/load_customers.py"),
        "prod-score_customers": ("G.2X", 8, "4.0", "jobs/score_customers.py")}
    (after,) = defs.triggers
    assert (after.actions, after.conditions[0].job) == (("prod-score_customers",), "prod-load_customers")


def test_asset_paths_are_relative_to_the_folder_of_cdk_json():
    stack = _stack('glue_alpha.PySparkEtlJob(self, "J", job_name="j", role=None, '
                   'script=glue_alpha.Code.from_asset("jobs/x.py"))')
    files = {"infra/cdk.json": json.dumps({"app": "python3 app.py"}), "infra/app.py": "import aws_cdk\n" + stack}
    defs = read_definitions(files, ["infra/jobs/x.py", "jobs/x.py"], {})
    assert (defs.jobs["j"].script, defs.jobs["j"].repo_script) == ("infra/jobs/x.py", "infra/jobs/x.py")
