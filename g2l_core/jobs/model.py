"""The one model of Glue job definitions every reader fills and every writer reads.

Glue keeps a job's run settings in its API (``get-jobs``), in CloudFormation or Terraform, or in g2l's own
``job_config`` JSON; all of them end up here so the bundle writer, the converter (bookmarks) and runtime
validation (default arguments) see the same facts. Values a reader could not resolve are kept as written
and reported in ``problems``: never silently dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

TRIGGER_KINDS = ("SCHEDULED", "CONDITIONAL", "ON_DEMAND", "EVENT")
CONDITION_STATES = ("SUCCEEDED", "FAILED", "STOPPED", "TIMEOUT", "ERROR")


@dataclass(frozen=True)
class Problem:
    """Something a definition file says that g2l could not read or resolve; ``where`` names the item."""

    source: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.where}: {self.message}"


@dataclass(frozen=True)
class GlueJob:
    name: str
    script: str  # ScriptLocation as written (s3://... or a repository path)
    source: str  # the definition file it was read from
    arguments: Mapping[str, str] = field(default_factory=dict)  # DefaultArguments and NonOverridableArguments
    command: str = "glueetl"  # glueetl | pythonshell | gluestreaming | glueray
    glue_version: str | None = None
    worker_type: str | None = None  # G.1X | G.2X | G.4X | G.8X | G.025X | Standard
    number_of_workers: int | None = None
    max_capacity: float | None = None  # DPUs, for jobs without a worker type
    timeout_minutes: int | None = None
    max_retries: int | None = None
    max_concurrent_runs: int | None = None
    connections: tuple[str, ...] = ()
    tags: Mapping[str, str] = field(default_factory=dict)
    repo_script: str | None = None  # the repository file the script location matched
    notes: tuple[str, ...] = ()  # what the job's Glue settings say that no Databricks setting carries

    @property
    def bookmarks(self) -> bool:
        return self.arguments.get("--job-bookmark-option") == "job-bookmark-enable"

    @property
    def scala(self) -> bool:
        """A Scala Glue job: g2l converts PySpark only, so its Databricks task runs a jar someone builds."""
        return (self.arguments.get("--job-language", "").lower() == "scala"
                or any(p.endswith(".scala") for p in (self.script, self.repo_script or "")))

    def listed(self, argument: str) -> tuple[str, ...]:
        """A comma-separated argument (``--extra-py-files``, ``--extra-jars``...) as its items."""
        return tuple(x.strip() for x in self.arguments.get(argument, "").split(",") if x.strip())


@dataclass(frozen=True)
class Condition:
    job: str
    state: str = "SUCCEEDED"


@dataclass(frozen=True)
class Trigger:
    name: str
    kind: str  # one of TRIGGER_KINDS
    source: str
    actions: tuple[str, ...] = ()  # job names started by the trigger
    schedule: str | None = None  # Glue cron(...) for SCHEDULED
    conditions: tuple[Condition, ...] = ()
    logical: str = "AND"  # AND | ANY
    workflow: str | None = None
    action_arguments: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # job -> Arguments
    crawlers: tuple[str, ...] = ()  # crawlers the trigger starts
    crawler_conditions: tuple[Condition, ...] = ()  # crawler name and CrawlState it waits on


@dataclass(frozen=True)
class Workflow:
    name: str
    source: str
    description: str = ""
    run_properties: Mapping[str, str] = field(default_factory=dict)
    max_concurrent_runs: int | None = None


@dataclass
class JobDefinitions:
    jobs: dict[str, GlueJob] = field(default_factory=dict)
    triggers: list[Trigger] = field(default_factory=list)
    workflows: dict[str, Workflow] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def merge(self, other: JobDefinitions) -> JobDefinitions:
        """Definitions of several files; a job defined twice keeps the first and reports the second."""
        out = JobDefinitions(dict(self.jobs), [*self.triggers], dict(self.workflows), [*self.problems, *other.problems])
        for name, job in other.jobs.items():
            if name in out.jobs and out.jobs[name].source != job.source:
                out.problems.append(Problem(job.source, f"job {name}", f"also defined in {out.jobs[name].source}; "
                                                                         "the first definition is used"))
                continue
            out.jobs[name] = job
        out.triggers += other.triggers
        for name, wf in other.workflows.items():
            out.workflows.setdefault(name, wf)
        return out

    def with_jobs(self, jobs: Mapping[str, GlueJob]) -> JobDefinitions:
        return JobDefinitions(dict(jobs), list(self.triggers), dict(self.workflows), list(self.problems))

    def bookmarks(self) -> dict[str, bool]:
        """Job name and repository script -> bookmarks enabled, as ``ConvertOptions.bookmarks`` reads it."""
        out: dict[str, bool] = {}
        for job in self.jobs.values():
            out[job.name] = job.bookmarks
            if job.repo_script:
                out[job.repo_script] = job.bookmarks
        return out

    def job_for_script(self, path: str) -> GlueJob | None:
        return next((j for j in self.jobs.values() if j.repo_script == path), None)


def with_script(job: GlueJob, repo_script: str | None) -> GlueJob:
    return replace(job, repo_script=repo_script)


def through_crawlers(defs: JobDefinitions) -> JobDefinitions:
    """Chains that pass through a crawler (job A -> crawler C -> job B) as the job dependencies they mean.

    Unity Catalog needs no crawler, so a trigger waiting on crawler C waits on what started C instead: the
    job conditions of C's starting triggers, or, when C is started by a schedule or on demand, the jobs
    join that starting trigger's actions. Each crawler condition is named in a problem either way."""
    starters: dict[str, list[Trigger]] = {}
    for t in defs.triggers:
        for crawler in t.crawlers:
            starters.setdefault(crawler, []).append(t)
    joins: dict[str, list[str]] = {}
    triggers = []
    for t in defs.triggers:
        conditions = list(t.conditions)
        for cc in t.crawler_conditions:
            where = f"trigger {t.name}"
            found = starters.get(cc.job, [])
            if not found:
                defs.problems.append(Problem(t.source, where, f"waits on crawler {cc.job!r} ({cc.state}), which no "
                                                              "trigger here starts; the condition is not carried over"))
            for s in found:
                if s.conditions:
                    conditions += [c for c in s.conditions if c not in conditions]
                    after = ", ".join(f"{c.job} {c.state}" for c in s.conditions)
                    defs.problems.append(Problem(t.source, where, f"waits on crawler {cc.job!r}, started by trigger "
                                                                  f"{s.name} after {after}: waits on that instead "
                                                                  "(no crawler runs on Databricks)"))
                else:
                    joins.setdefault(s.name, []).extend(a for a in t.actions if a not in s.actions)
                    defs.problems.append(Problem(t.source, where, f"waits on crawler {cc.job!r}, started by "
                                                                  f"{s.kind.lower()} trigger {s.name}: its jobs start "
                                                                  "with that trigger (no crawler runs on Databricks)"))
        triggers.append(replace(t, conditions=tuple(conditions)))
    triggers = [replace(t, actions=(*t.actions, *dict.fromkeys(joins[t.name]))) if t.name in joins else t
                for t in triggers]
    waited = {cc.job for t in defs.triggers for cc in t.crawler_conditions}
    triggers = [t for t in triggers if t.actions or not t.crawlers or waited & set(t.crawlers)]  # crawler-only
    return JobDefinitions(defs.jobs, triggers, defs.workflows, defs.problems)
