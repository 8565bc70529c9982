"""What the CDK library calls of an app mean, for the static reading (``cdk_eval``): the Glue constructs are
recorded (L1 ``Cfn*`` with CloudFormation's properties in snake case; the ``aws_glue_alpha`` jobs, workflow
triggers and catalog constructs as the L1 properties they synthesize), and the values g2l needs around them
modelled (buckets and their names, assets, ``Duration``, context values, enums)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping

import libcst as cst

from g2l_core.jobs.formats import cdk_catalog
from g2l_core.jobs.formats.cdk_stepfunctions import StepFunctions, cron_of
from g2l_core.jobs.formats.cdk_values import Construct, Duration, Instance, Module, QName, Unknown, joined, unknown

_GLUE = ("aws_cdk.aws_glue_alpha.", "aws_cdk.aws_glue.", "aws_glue_alpha.")
_L1 = {"CfnJob": "job", "CfnTrigger": "trigger", "CfnWorkflow": "workflow", "CfnCrawler": "crawler",
       "CfnTable": "table", "CfnDatabase": "database"}
# L2 job classes: (command, language, default glue version, worker type, workers)
_L2_JOBS = {
    "PySparkEtlJob": ("glueetl", "python", "4.0", "G.1X", 10),
    "PySparkFlexEtlJob": ("glueetl", "python", "4.0", "G.1X", 10),
    "PySparkStreamingJob": ("gluestreaming", "python", "4.0", "G.1X", 10),
    "ScalaSparkEtlJob": ("glueetl", "scala", "4.0", "G.1X", 10),
    "ScalaSparkFlexEtlJob": ("glueetl", "scala", "4.0", "G.1X", 10),
    "ScalaSparkStreamingJob": ("gluestreaming", "scala", "4.0", "G.1X", 10),
    "PythonShellJob": ("pythonshell", "python", "3.0", None, None), "RayJob": ("glueray", "python", "4.0", "Z.2X", 3),
}
_EXECUTABLES = {"python_etl": ("glueetl", "python"), "python_streaming": ("gluestreaming", "python"),
                "python_shell": ("pythonshell", "python"), "python_ray": ("glueray", "python"),
                "scala_etl": ("glueetl", "scala"), "scala_streaming": ("gluestreaming", "scala")}
_ENUMS = {"G_025X": "G.025X", "G_1X": "G.1X", "G_2X": "G.2X", "G_4X": "G.4X", "G_8X": "G.8X", "Z_2X": "Z.2X",
          "G_025_X": "G.025X", "G_1_X": "G.1X", "G_2_X": "G.2X", "G_4_X": "G.4X", "G_8_X": "G.8X", "Z_2_X": "Z.2X",
          "STANDARD": "Standard", "THREE": "3", "THREE_NINE": "3.9", "TWO": "2", "RAY_TWO_FOUR": "Ray2.4",
          "ETL": "glueetl", "STREAMING": "gluestreaming", "PYTHON_SHELL": "pythonshell", "RAY": "glueray",
          "PYTHON": "python", "SCALA": "scala", "SUCCEEDED": "SUCCEEDED", "FAILED": "FAILED", "STOPPED": "STOPPED",
          "TIMEOUT": "TIMEOUT", "ERROR": "ERROR", "AND": "AND", "ANY": "ANY", "EQUALS": "EQUALS"}
_DURATION = {"seconds": 1 / 60, "minutes": 1, "hours": 60, "days": 1440, "millis": 1 / 60000}

class Reader:
    """The library the app calls, as ``cdk_eval`` needs it: Glue constructs recorded, others modelled."""

    def __init__(self, base: str, context: Mapping[str, object]):
        self.base, self.context = base, context
        self.constructs: list[Construct] = []
        self.step_functions = StepFunctions(plain)

    def __call__(self, name: str, args: list, kwargs: dict, module: Module, node: cst.Call):
        line = module.line(node)
        if name.startswith("<workflow>.add_") and name.endswith("_trigger") and len(args) > 1:
            return self.workflow_trigger(name.split(".", 1)[1], args[0], str(args[1]), kwargs, module, line)
        if name.startswith(("<state>.", "<rule>.")):
            return self.step_functions.method(args[0], name.split(".", 1)[1], args[1:], kwargs, module.path, line)
        found = self.step_functions.call(name, args, kwargs, module.path, line)
        if found is not NotImplemented:
            return found
        short = next((name[len(p):] for p in _GLUE if name.startswith(p)), None)
        if short is not None:
            return self.glue(short, args, kwargs, module, line)
        if name in ("os.getcwd", "pathlib.Path.cwd"):
            return "/" + self.base
        if re.fullmatch(r"aws_cdk\.(core\.)?Duration\.\w+", name) and args:
            unit = _DURATION.get(name.rsplit(".", 1)[1])
            return Duration(float(args[0]) * unit) if unit and isinstance(args[0], (int, float)) else NotImplemented
        if name.endswith(".node.try_get_context") or name.endswith(".node.get_context"):
            return self._context(str(args[0]) if args else "", module, node)
        if re.fullmatch(r"aws_cdk\.(core\.)?App", name):
            return Construct("app", "App", dict(kwargs), module.path, line)
        if name.startswith("aws_cdk.aws_s3."):
            return self.bucket(name.rsplit(".", 1)[1], args, kwargs, module, line)
        if name == "aws_cdk.aws_s3_assets.Asset":
            return Construct("asset", str(args[1]) if len(args) > 1 else "Asset", kwargs, module.path, line,
                             self.asset(kwargs.get("path")))
        return NotImplemented

    def _context(self, key: str, module: Module, node):
        if key in self.context:
            return self.context[key]
        out = unknown(key, module.path, module.line(node), "a CDK context value (cdk.json or cdk -c) not set")
        out.none_by_default = True  # what ``cdk synth`` without ``-c`` gives
        return out

    def asset(self, path):
        if not isinstance(path, str) or isinstance(path, Unknown) or "://" in path:
            return path
        return posixpath.normpath(path if path.startswith("/") else posixpath.join("/" + self.base, path)).lstrip("/")

    def bucket(self, member: str, args: list, kwargs: dict, module: Module, line: int):
        cid = str(args[1]) if len(args) > 1 else member
        if member == "Bucket":
            return Construct("bucket", cid, kwargs, module.path, line, kwargs.get("bucket_name"))
        if member in ("from_bucket_name", "from_bucket_arn", "from_bucket_attributes"):
            value = args[2] if len(args) > 2 else kwargs.get("bucket_name") or kwargs.get("bucket_arn")
            if member == "from_bucket_arn" and isinstance(value, str) and not isinstance(value, Unknown):
                value = value.rsplit(":", 1)[-1]
            return Construct("bucket", cid, kwargs, module.path, line, value)
        return NotImplemented

    def glue(self, short: str, args: list, kwargs: dict, module: Module, line: int):
        cid = str(args[1]) if len(args) > 1 else short
        head, _, member = short.partition(".")
        if head in _L1 and not member:
            given = kwargs.get("name")
            if head in ("CfnTable", "CfnDatabase"):  # Ref: the name inside table_input / database_input
                given = (kwargs.get("table_input" if head == "CfnTable" else "database_input") or {})
                given = given.get("name") if isinstance(given, dict) else None
            found = Construct(_L1[head], cid, dict(kwargs), module.path, line, given or cid)
            self.constructs.append(found)
            return found
        if short.endswith("Property") or short.endswith("Props"):
            return dict(kwargs)
        if head == "Code" and member in ("from_asset", "fromAsset"):
            return self.asset(args[0] if args else kwargs.get("path"))
        if head == "Code" and member in ("from_bucket", "fromBucket"):
            bucket = args[0] if args else kwargs.get("bucket")
            key = args[1] if len(args) > 1 else kwargs.get("key", "")
            name = bucket.name if isinstance(bucket, Construct) else bucket
            if name is None:
                name = unknown(f"{bucket.id}.bucket_name", module.path, line, "the name of a bucket the app creates "
                                                                               "without bucket_name, known after "
                                                                               "deployment")
            return f"s3://{name}/{key}" if not isinstance(name, Unknown) and not isinstance(key, Unknown) else \
                _join(["s3://", name, "/", key])
        if head == "JobExecutable" and member in _EXECUTABLES:
            return {"__executable__": _EXECUTABLES[member], **kwargs}
        if head in ("WorkerType", "GlueVersion", "PythonVersion", "Runtime", "JobType") and member == "of" and args:
            return args[0]
        if head in ("Action", "Condition") and member in ("job", "crawler") and args:
            key = "job_name" if member == "job" else "crawler_name"
            state = {"state" if member == "job" else "crawl_state": args[1]} if len(args) > 1 else {}
            return {key: args[0], **state, **kwargs}
        if head == "TriggerSchedule" and member == "expression" and args:
            return args[0]
        if head == "TriggerSchedule" and member == "cron":
            return cron_of(kwargs)
        if head == "Job" and not member:
            return self.l2_job(cid, kwargs, None, module, line)
        if head in _L2_JOBS and not member:
            return self.l2_job(cid, kwargs, _L2_JOBS[head], module, line)
        if head in ("Table", "S3Table", "ExternalTable") and not member:
            data_format = kwargs.get("data_format")
            member_name = data_format.name.rsplit(".", 1)[-1] if isinstance(data_format, QName) else None
            props = cdk_catalog.table_props(cid, kwargs, member_name)
            found = Construct("table", cid, props, module.path, line, props["table_input"]["name"])
            self.constructs.append(found)
            return found
        if head == "Database" and not member:
            name = kwargs.get("database_name") or cid.lower()
            found = Construct("database", cid, {"database_input": {
                "name": name, "description": kwargs.get("description"), "location_uri": kwargs.get("location_uri")}},
                module.path, line, name)
            self.constructs.append(found)
            return found
        if head == "Schema" and member:
            return cdk_catalog.schema_type(member, [plain(a) for a in args])
        if head == "Column" and not member:
            return dict(kwargs)
        if head == "Workflow" and not member:
            found = Construct("workflow", cid, {"name": kwargs.get("workflow_name") or cid,
                                                "description": kwargs.get("description"),
                                                "default_run_properties": kwargs.get("default_run_properties"),
                                                "max_concurrent_runs": kwargs.get("max_concurrent_runs")},
                              module.path, line, kwargs.get("workflow_name") or cid)
            self.constructs.append(found)
            return found
        if head == "Connection" and member in ("from_connection_name", "fromConnectionName"):
            return Construct("connection", cid, {}, module.path, line, args[2] if len(args) > 2 else None)
        if head == "Connection" and not member:
            return Construct("connection", cid, kwargs, module.path, line, kwargs.get("connection_name"))
        return NotImplemented

    def workflow_trigger(self, method: str, workflow: Construct, cid: str, kw: dict, module: Module,
                         line: int) -> Construct:
        """``workflow.add_*_trigger(id, actions=[...])``: the ``CfnTrigger`` it creates in the workflow."""
        kind, schedule = {"add_on_demand_trigger": ("ON_DEMAND", None),
                          "add_daily_scheduled_trigger": ("SCHEDULED", "cron(0 0 * * ? *)"),
                          "add_weekly_scheduled_trigger": ("SCHEDULED", "cron(0 0 ? * SUN *)"),
                          "add_custom_scheduled_trigger": ("SCHEDULED", kw.get("schedule")),
                          "add_notify_event_trigger": ("EVENT", None),
                          "add_conditional_trigger": ("CONDITIONAL", None)}.get(method, (None, None))
        predicate = kw.get("predicate") if isinstance(kw.get("predicate"), dict) else {}
        props = {"name": kw.get("name") or cid, "type": kind, "schedule": schedule, "workflow_name": workflow.name,
                 "actions": [_action(a) for a in kw.get("actions") or []],
                 "predicate": {"logical": predicate.get("logical"),
                               "conditions": [_action(c) for c in predicate.get("conditions") or []]}}
        found = Construct("trigger", cid, props, module.path, line, props["name"])
        self.constructs.append(found)
        return found

    def l2_job(self, cid: str, kw: dict, kind: tuple | None, module: Module, line: int) -> Construct:
        """An L2 job as the ``CfnJob`` properties it synthesizes."""
        executable = kw.get("executable") if isinstance(kw.get("executable"), dict) else {}
        if kind is None:
            command, language = executable.get("__executable__") or ("glueetl", "python")
            glue_version, worker_type, workers = executable.get("glue_version"), None, None
        else:
            command, language, glue_version, worker_type, workers = kind
            glue_version = kw.get("glue_version") or glue_version
        source = executable or kw
        config = kw.get("worker_configuration") if isinstance(kw.get("worker_configuration"), dict) else {}
        arguments = {"--job-language": language}
        for key, argument in (("extra_python_files", "--extra-py-files"), ("extra_jars", "--extra-jars"),
                              ("extra_files", "--extra-files")):
            if isinstance(source.get(key), list):
                arguments[argument] = _join([x for item in source[key] for x in (item, ",")][:-1])
        if source.get("class_name"):
            arguments["--class"] = source["class_name"]
        if kw.get("enable_profiling_metrics"):
            arguments["--enable-metrics"] = ""
        arguments.update(kw.get("default_arguments") or {})
        props = {
            "name": kw.get("job_name") or cid,
            "command": {"name": command, "script_location": source.get("script"),
                        "python_version": source.get("python_version") or ("3" if language == "python" else None)},
            "glue_version": glue_version,
            "worker_type": kw.get("worker_type") or config.get("worker_type") or worker_type,
            "number_of_workers": kw.get("worker_count") or kw.get("number_of_workers")
                                 or config.get("number_of_workers") or workers,
            "max_capacity": kw.get("max_capacity"), "max_retries": kw.get("max_retries"), "timeout": kw.get("timeout"),
            "execution_property": {"max_concurrent_runs": kw.get("max_concurrent_runs")},
            "connections": {"connections": kw.get("connections") or []},
            "tags": kw.get("tags"), "default_arguments": arguments,
        }
        found = Construct("job", cid, props, module.path, line, props["name"])
        self.constructs.append(found)
        return found


def _action(item):
    """An L2 action or condition (``{"job": job, "state": ...}`` in older ``aws_glue_alpha``) as CloudFormation's."""
    if not isinstance(item, dict):
        return item
    renamed = {"job": "job_name", "crawler": "crawler_name"}
    return {renamed.get(k, k): v for k, v in item.items()}


def _join(parts: list) -> str:
    return joined([plain(p) if not isinstance(p, str) else p for p in parts])


def plain(value):
    """A value as CloudFormation would hold it: enums as their strings, durations in minutes, constructs as
    their names; anything else the app did not determine as an ``Unknown``."""
    if isinstance(value, QName):
        member = value.name.rsplit(".", 1)[-1]
        if value.name.endswith(f"Schema.{member}") and member in cdk_catalog.SCHEMA_TYPES:
            return cdk_catalog.SCHEMA_TYPES[member]
        if re.fullmatch(r"V\d+_\d+", member):
            return member[1:].replace("_", ".")
        if member in _ENUMS:
            return _ENUMS[member]
        out = Unknown(f"${{{value.name}}}")
        out.origins = (("", 0, value.name, "a library value g2l does not model"),)
        return out
    if isinstance(value, Duration):
        return round(value.minutes)
    if isinstance(value, Construct):
        return value.name if value.name is not None else plain(QName(f"{value.kind} {value.id}"))
    if isinstance(value, Instance):
        return plain(QName(value.cls.node.name.value))
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items() if v is not None and k != "__executable__"}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def unknowns(value, where: str):
    if isinstance(value, Unknown):
        yield where, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from unknowns(v, f"{where}[{k!r}]" if str(k).startswith("-") else f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from unknowns(v, f"{where}[{i}]")
