"""Stage ``source_entities``: the inventory of both repositories, with each Glue file's migration status."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from g2l_core.config import Project
from g2l_core.home import Home
from g2l_core.jobs import JobDefinitionError
from g2l_core.notebook import SOURCE_SUFFIXES
from g2l_core.stages.repository import (CODE, DATABRICKS, DDL, GLUE, NATIVE, SCALA, SUPPORT, UNSAFE, plays,
                                        unsafe_entries)
from g2l_core.stages.status import conflicted_files, file_status
from g2l_core.stages.tables import (CONVERTED_CODE, SOURCE_ENTITIES, UC_DDL, VALIDATION_RESULTS, read_stage)

if TYPE_CHECKING:
    from g2l_core.extract.inventory import InventoryResult, RepoSnapshot


def _snapshot(files: pl.DataFrame, source_type: str, repo_dir) -> RepoSnapshot:
    """The files to inventory: on the Glue side exactly what conversion reads (code and DDL by role: inside
    ``paths``/``ddl_paths``, not excluded) and the Scala scripts it reports as not converted; on the
    Databricks side every Python file and notebook but g2l's own support files."""
    from g2l_core.extract.inventory import RepoSnapshot  # libcst: loaded by the step, not its importers

    rows = files.filter(pl.col("repo") == source_type)
    code_paths = pl.any_horizontal(pl.col("path").str.ends_with(suffix) for suffix in SOURCE_SUFFIXES)
    wanted = rows.filter(plays(CODE, DDL, SCALA) if source_type == GLUE
                         else code_paths & ~pl.col("role").is_in([UNSAFE, SUPPORT]))
    return RepoSnapshot(
        source_type=source_type, repo_dir=repo_dir, commit=rows["commit"][0] if rows.height else "",
        files=dict(zip(wanted["path"], wanted["blob"])),
        native_paths=set(rows.filter(pl.col("role") == NATIVE)["path"]),
    )


def inventory(project: Project, home: Home, files: pl.DataFrame) -> InventoryResult:
    """Entities of the ``glue_repo`` files, reusing the rows of unchanged blobs from the last inventory."""
    from g2l_core.extract.inventory import build_inventory

    snapshots = [_snapshot(files, GLUE, home.glue_clone(project.name)),
                 _snapshot(files, DATABRICKS, home.target_clone(project.name))]
    tables = {t: read_stage(home.stages, t, project.name) for t in (CONVERTED_CODE, UC_DDL, VALIDATION_RESULTS)}
    result = build_inventory(
        project=project.name, repos=snapshots, previous=read_stage(home.stages, SOURCE_ENTITIES, project.name),
        status=file_status(project.name, tables), conflicts=conflicted_files(tables[CONVERTED_CODE]),
        job_scripts=job_scripts(project, home, files),
    )
    result.errors[:0] = unsafe_entries(files)
    return result


def job_scripts(project: Project, home: Home, files: pl.DataFrame) -> set[str]:
    """Glue files a job definition runs as its script: jobs, whatever their code looks like (a script that
    gets its GlueContext from a shared library builds none itself). Definitions that do not read are the
    ``databricks_jobs`` stage's error to report; the inventory then goes by the code alone."""
    if not project.glue.job_definitions:
        return set()
    from g2l_core.stages.jobs import job_definitions

    try:
        definitions = job_definitions(project, home, files)
    except JobDefinitionError:
        return set()
    return {job.repo_script for job in definitions.jobs.values() if job.repo_script}
