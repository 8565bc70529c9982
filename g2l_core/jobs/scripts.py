"""Match a job's script location (``s3://bucket/glue/jobs/x.py``) to the repository file it was deployed from.

The candidate files share the script's name; the one sharing the longest path suffix wins
(``glue/jobs/x.py`` over ``x.py``). No candidate, or a tie, is reported rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace

from g2l_core.jobs.model import JobDefinitions, Problem
from g2l_core.notebook import NOTEBOOK_SUFFIX


_ASSET = re.compile(r"[0-9a-f]{64}\.\w+")


def _parts(location: str) -> list[str]:
    path = location.split("://", 1)[1].split("/", 1)[-1] if "://" in location else location
    return [p for p in path.split("/") if p and p != "."]


def match_script(location: str, repo_files: Iterable[str]) -> tuple[str | None, str]:
    """The repository path for ``location`` and, when there is none, why. A Glue Studio notebook job runs a
    script Glue generated from the notebook (``scripts/orders.py``): without a file of that name, the
    notebook of the same stem (``orders.ipynb``) is the job's source."""
    want = _parts(location)
    if not want:
        return None, "empty script location"
    repo_files = list(repo_files)
    found, why = _match(want, repo_files)
    if found is None and want[-1].endswith(".py") and why.startswith("no repository file"):
        notebook, _ = _match([*want[:-1], want[-1][:-3] + NOTEBOOK_SUFFIX], repo_files)
        if notebook is not None:
            return notebook, ""
    return found, why


def _match(want: list[str], repo_files: list[str]) -> tuple[str | None, str]:
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


def asset_source(location: str, blobs: Mapping[str, str]) -> str | None:
    """The file a CDK asset was staged from: a synthesized template names a file asset by its hash
    (``s3://cdk-...-assets-.../<64 hex>.py``), staged as ``cdk.out/asset.<hash>.py``, whose blob is the same
    as the source file's. None without a unique such file."""
    name = _parts(location)[-1] if _parts(location) else ""
    if not _ASSET.fullmatch(name):
        return None
    staged = [p for p in blobs if p.rsplit("/", 1)[-1] == f"asset.{name}"]
    same = {p for s in staged for p, b in blobs.items() if b == blobs[s] and "cdk.out" not in p.split("/")}
    return same.pop() if len(same) == 1 else None


def match_scripts(definitions: JobDefinitions, repo_files: Iterable[str] | Mapping[str, str]) -> JobDefinitions:
    """``repo_files`` may map paths to their blobs, which finds the sources of CDK assets."""
    files = sorted(repo_files)
    blobs = repo_files if isinstance(repo_files, Mapping) else {}
    jobs, problems = {}, list(definitions.problems)
    for name, job in definitions.jobs.items():
        path = asset_source(job.script, blobs)
        path, why = (path, "") if path else match_script(job.script, files)
        if path is None:
            problems.append(Problem(job.source, f"job {name}", f"script {job.script} not matched: {why}"))
        jobs[name] = replace(job, repo_script=path)
    out = definitions.with_jobs(jobs)
    out.problems = problems
    return out
