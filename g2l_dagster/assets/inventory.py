"""``source_entities``: the inventory of every module, class, function, job and table, both tracks."""

import dagster as dg
import polars as pl

from g2l_core.extract import RepoSnapshot, build_inventory
from g2l_dagster.assets.common import stage
from g2l_dagster.metadata import table_metadata
from g2l_dagster.resources import G2lPaths
from g2l_dagster.stage_tables import previous_rows


def _status_by_file(paths: G2lPaths, project: str) -> tuple[dict[str, str], list[str]]:
    """Latest migration status per Glue file, and files with sync conflicts, from the last conversion
    and validation of the project."""
    status: dict[str, str] = {}
    conflicts: list[str] = []
    converted = previous_rows(paths.layout.stages, "converted_code", project)
    if converted is not None:
        status.update(dict(zip(converted["source_path"], converted["status"])))
        conflicts = converted.filter(pl.col("conflict").is_not_null())["source_path"].to_list()
    validation = previous_rows(paths.layout.stages, "validation_results", project)
    if validation is not None and "source_path" in validation.columns:
        per_file = validation.group_by("source_path").agg(pl.col("passed").all())
        for path, ok in per_file.iter_rows():
            if ok and status.get(path) == "converted":
                status[path] = "validated"
    return status, conflicts


@stage(kinds={"python", "deltalake"})
def source_entities(context: dg.AssetExecutionContext, paths: G2lPaths, glue_repo: pl.DataFrame) -> dg.Output[pl.DataFrame]:
    """Inventory of modules, classes, functions, methods, jobs and tables in the Glue and target repos.

    Incremental: files whose git blob is unchanged since the last materialization are not parsed again;
    tags and notes set on an entity survive re-materialization.
    """
    project = paths.project(context.partition_key)
    layout = paths.layout
    snapshots = []
    for source_type, repo_dir in (("glue", layout.glue_clone(project.name)), ("databricks", layout.target_clone(project.name))):
        files = glue_repo.filter(pl.col("repo") == source_type)
        commit = files["commit"][0] if files.height else ""
        wanted = files.filter(pl.col("path").str.ends_with(".py") | (pl.col("role") == "ddl"))
        snapshots.append(RepoSnapshot(
            source_type=source_type, repo_dir=repo_dir, commit=commit,
            files=dict(zip(wanted["path"], wanted["blob"])),
            native_paths=set(files.filter(pl.col("role") == "native")["path"]),
        ))
    status, conflicts = _status_by_file(paths, project.name)
    result = build_inventory(
        project=project.name, repos=snapshots,
        previous=previous_rows(layout.stages, "source_entities", project.name),
        status=status, conflicts=conflicts,
    )
    for err in result.errors:
        context.log.warning(err)
    glue_commit = snapshots[0].commit
    return dg.Output(result.frame, metadata=table_metadata(
        result.frame, glue_commit,
        parsed_files=result.parsed_files, reused_files=result.reused_files,
        **{k: dg.MetadataValue.md(v) for k, v in result.metadata_md.items()},
    ))
