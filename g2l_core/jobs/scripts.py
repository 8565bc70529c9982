"""Match a job's script location (``s3://bucket/glue/jobs/x.py``) to the repository file it was deployed from.

The candidate files share the script's name; the one sharing the longest path suffix wins
(``glue/jobs/x.py`` over ``x.py``). No candidate, or a tie, is reported rather than guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from g2l_core.jobs.model import JobDefinitions, Problem


def _parts(location: str) -> list[str]:
    path = location.split("://", 1)[1].split("/", 1)[-1] if "://" in location else location
    return [p for p in path.split("/") if p and p != "."]


def match_script(location: str, repo_files: Iterable[str]) -> tuple[str | None, str]:
    """The repository path for ``location`` and, when there is none, why."""
    want = _parts(location)
    if not want:
        return None, "empty script location"
    best: list[str] = []
    best_len = 0
    for path in repo_files:
        have = path.split("/")
        if have[-1] != want[-1]:
            continue
        n = 0
        while n < min(len(have), len(want)) and have[-1 - n] == want[-1 - n]:
            n += 1
        if n > best_len:
            best, best_len = [path], n
        elif n == best_len:
            best.append(path)
    if not best:
        return None, f"no repository file named {want[-1]!r}"
    if len(best) > 1:
        return None, f"several repository files match equally: {', '.join(sorted(best))}"
    return best[0], ""


def match_scripts(definitions: JobDefinitions, repo_files: Iterable[str]) -> JobDefinitions:
    files = sorted(repo_files)
    jobs, problems = {}, list(definitions.problems)
    for name, job in definitions.jobs.items():
        path, why = match_script(job.script, files)
        if path is None:
            problems.append(Problem(job.source, f"job {name}", f"script {job.script} not matched: {why}"))
        jobs[name] = replace(job, repo_script=path)
    out = definitions.with_jobs(jobs)
    out.problems = problems
    return out
