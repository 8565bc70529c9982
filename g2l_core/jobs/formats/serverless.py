"""Serverless Framework files: the ``serverless-glue`` plugin's ``Glue: {jobs, triggers}`` section and the
CloudFormation under ``resources:``; both after Serverless's own variables (``${self:custom.stage}``,
``${opt:stage, 'dev'}``, ``${sls:stage}``) are resolved.

A variable resolves from the project's ``job_parameters`` (``stage``, ``opt:stage`` or the name as written),
then from the file itself (``self:``), then from its fallback (``${opt:stage, 'dev'}``); what does not
resolve stays as written and is reported. The plugin names job settings in its own way (``type: spark``,
``glueVersion: python3-4.0``, ``DefaultArguments.jobBookmarkOption``, ``customArguments``); they are
brought to the Glue API's spelling here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePosixPath

from g2l_core.jobs.formats.cloudformation import load_template, read_template, resources_of
from g2l_core.jobs.formats.glue_api import add_resource
from g2l_core.jobs.model import JobDefinitions, Problem

_VARIABLE = re.compile(r"\$\{((?:self|opt|sls|env|param|ssm|cf|s3|aws|file\(|strToBool\()[^${}]*)\}")
_SOURCES = re.compile(r"^(self|opt|sls|env|param|ssm|cf|s3|aws|file\(|strToBool\()")
_ARGUMENT_NAMES = {  # the plugin's DefaultArguments keys whose Glue name is not their kebab case
    "continuousLogLogGroup": "--continuous-log-logGroup",
    "continuousLogLogStreamPrefix": "--continuous-log-logStreamPrefix",
    "continuousLogConversionPattern": "--continuous-log-conversionPattern",
    "scriptLocation": "--scriptLocation", "enableS3ParquetOptimizedCommitter": "--enable-s3-parquet-optimized-committer",
    "enableRenameAlgorithmV2": "--enable-rename-algorithm-v2",
}


def accepts(path: str, text: str) -> bool:
    if not path.endswith((".yml", ".yaml")):
        return False
    plugin = re.search(r"^(Glue|  Glue):\s*$", text, re.MULTILINE) is not None  # 2.x at the root, 1.x under custom
    framework = PurePosixPath(path).name.startswith("serverless") or re.search(r"^service:", text, re.MULTILINE)
    return plugin or bool(framework and ("AWS::Glue::" in text or "glue:startJobRun" in text))


def read(path: str, text: str, parameters: Mapping[str, str]) -> JobDefinitions:
    doc = load_template(path, text)
    problems: list[Problem] = []
    doc = Variables(doc, parameters, path, problems).resolve(doc, "")
    out = JobDefinitions(problems=problems)
    if resources_of(doc):
        out = out.merge(read_template(path, doc, parameters))
    custom = doc.get("custom") if isinstance(doc.get("custom"), dict) else {}
    glue = doc.get("Glue") if isinstance(doc.get("Glue"), dict) else custom.get("Glue") \
        if isinstance(custom.get("Glue"), dict) else {}
    for i, job in enumerate(_list(glue.get("jobs"), "Glue.jobs", path, out.problems)):
        where = f"Glue.jobs[{i}]"
        if isinstance(job, dict) and isinstance(job.get("job"), dict):  # plugin 1.x: - job: {name, script...}
            job = {"scriptPath": job["job"].get("script"), **job["job"]}
        if not isinstance(job, dict) or not job.get("name"):
            out.problems.append(Problem(path, where, "job without a name; skipped"))
            continue
        add_resource(out, "job", plugin_job(job, glue), str(job["name"]), path)
    for i, trigger in enumerate(_list(glue.get("triggers"), "Glue.triggers", path, out.problems)):
        if isinstance(trigger, dict) and isinstance(trigger.get("trigger"), dict):  # plugin 1.x: job: [...]
            trigger = {"actions": trigger["trigger"].get("job"), **trigger["trigger"]}
        if not isinstance(trigger, dict) or not trigger.get("name"):
            out.problems.append(Problem(path, f"Glue.triggers[{i}]", "trigger without a name; skipped"))
            continue
        add_resource(out, "trigger", plugin_trigger(trigger), str(trigger["name"]), path)
    return out


def _list(value, where: str, path: str, problems: list[Problem]) -> list:
    if value is None or isinstance(value, list):
        return value or []
    problems.append(Problem(path, where, f"expected a list, got {type(value).__name__}; skipped"))
    return []


def plugin_job(job: Mapping, glue: Mapping) -> dict:
    """A ``serverless-glue`` job as ``AWS::Glue::Job`` properties; the script stays the repository path."""
    language, _, version = str(job.get("glueVersion") or "").partition("-")
    arguments = {}
    for key, value in (job.get("DefaultArguments") or {}).items():
        if key == "customArguments" and isinstance(value, dict):
            arguments.update({f"--{k}": v for k, v in value.items()})
        else:
            arguments[_ARGUMENT_NAMES.get(key) or "--" + re.sub(r"(?<!^)([A-Z])", r"-\1", key).lower()] = value
    if job.get("tempDir") and glue.get("tempDirBucket"):
        arguments.setdefault("--TempDir", f"s3://{glue['tempDirBucket']}/{glue.get('tempDirS3Prefix') or ''}")
    return {
        "Command": {"Name": "pythonshell" if job.get("type") == "pythonshell" else job.get("commandName") or "glueetl",
                    "ScriptLocation": job.get("scriptS3Location") or job.get("scriptPath")},
        "GlueVersion": version or None if language.startswith(("python", "scala")) else job.get("glueVersion"),
        "DefaultArguments": arguments,
        **{k: job[k] for k in ("WorkerType", "NumberOfWorkers", "MaxCapacity", "Timeout", "MaxRetries", "Connections",
                               "Tags") if k in job},
        "ExecutionProperty": {"MaxConcurrentRuns": job.get("MaxConcurrentRuns")},
    }


def plugin_trigger(trigger: Mapping) -> dict:
    """Only scheduled and on-demand triggers exist in the plugin; its schedule is written without ``cron(...)``."""
    schedule = str(trigger.get("schedule") or "").strip()
    if schedule and not schedule.lower().startswith("cron("):
        schedule = f"cron({schedule})"
    raw = trigger.get("actions")
    actions = [{"JobName": a.get("name"), "Arguments": {f"--{k.lstrip('-')}": v for k, v in (a.get("args") or {}).items()}}
               for a in (raw if isinstance(raw, list) else []) if isinstance(a, dict)]
    return {"Type": "SCHEDULED" if schedule else "ON_DEMAND", "Schedule": schedule or None, "Actions": actions}


class Variables:
    """Serverless variables in every string of the file."""

    def __init__(self, doc, parameters: Mapping[str, str], source: str, problems: list[Problem]):
        self.doc, self.parameters, self.source, self.problems = doc, parameters, source, problems
        self.depth = 0

    def resolve(self, value, where: str):
        if isinstance(value, dict):
            return {k: self.resolve(v, f"{where}.{k}" if where else str(k)) for k, v in value.items()}
        if isinstance(value, list):
            return [self.resolve(v, f"{where}[{i}]") for i, v in enumerate(value)]
        if not isinstance(value, str) or "${" not in value:
            return value
        kept: list[str] = []
        for _ in range(20):  # innermost first: ${opt:stage, ${self:custom.stage}}
            m = _VARIABLE.search(value)
            if not m:
                break
            found = self.variable(m.group(1), where)
            if found is None:
                kept.append(m.group())
                found = f"\0{len(kept) - 1}\0"
            if m.span() == (0, len(value)) and not isinstance(found, str):
                return found
            value = value[:m.start()] + str(found) + value[m.end():]
        return re.sub(r"\0(\d+)\0", lambda k: kept[int(k.group(1))], value)

    def variable(self, text: str, where: str):
        for option in (o.strip() for o in text.split(",")):
            if re.fullmatch(r"'[^']*'|\"[^\"]*\"", option):
                return option[1:-1]
            if re.fullmatch(r"-?\d+(\.\d+)?", option):
                return option
            if not _SOURCES.match(option):
                continue
            kind, _, name = option.partition(":")
            for key in (option, name, "stage" if option == "sls:stage" else None):
                if key and key in self.parameters:
                    return self.parameters[key]
            if kind == "self" and self.depth < 10:
                found = self._self(name)
                if found is not None:
                    self.depth += 1
                    try:
                        return self.resolve(found, where)
                    finally:
                        self.depth -= 1
        problem = Problem(self.source, where, f"${{{text}}}: Serverless variable not resolved offline; kept as written "
                                              "(set it in the project's job_parameters)")
        if problem not in self.problems:
            self.problems.append(problem)
        return None

    def _self(self, path: str):
        node = self.doc
        for key in path.split("."):
            if not isinstance(node, dict) or key not in node:
                return None
            node = node[key]
        return node
