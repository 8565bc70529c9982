"""Convert the Glue code that changed and publish it to the target repository's sync branch.

Only files whose Glue blob (or the converter and its settings) changed since the last sync are
converted again; the rest keep their published output and their recorded decisions. Converted code that
still uses the Glue API without a review marker is held back: it is reported, never published.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

import g2l_core.convert as convert_pkg
from g2l_core.config import Project
from g2l_core.convert import (ConversionResult, convert_files, glue_residue, helper_dir, helper_module_source,
                              package_folders)
from g2l_core.gitrepo import read_blobs
from g2l_core.jobs import JobDefinitions
from g2l_core.notebook import python_of
from g2l_core.options import StreamTable
from g2l_core.publish import Published, manifest_for, publish, source_fingerprint
from g2l_core.sync import HELPER_SOURCE, GeneratedFile


@dataclass
class CodeMigration:
    results: dict[str, ConversionResult]  # converted this run, by Glue path
    published: Published
    fingerprint: str
    reused: list[str] = field(default_factory=list)  # unchanged Glue paths, not converted again
    held_back: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # path -> unflagged Glue residue


def stream_tables(project: Project, glue_dir: Path, ddl_files: dict[str, str]) -> dict[str, StreamTable]:
    """The catalog tables over Kinesis streams and Kafka topics that the project's DDL declares."""
    from g2l_core.ddl.streams import read_stream_tables  # sqlglot: loaded only when there is DDL

    if not ddl_files:
        return {}
    options = project.ddl_options()
    blobs = read_blobs(glue_dir, ddl_files.values())
    texts = {path: blobs[blob].decode("utf-8", errors="replace") for path, blob in ddl_files.items()}
    return read_stream_tables(texts, options.read_dialect, options.ddl_vars)


def converter_sources() -> list[Path]:
    """The code a conversion's output depends on: the converter and the modules outside it it reads."""
    core = Path(convert_pkg.__file__).parents[1]
    return [core / "convert", core / "pytree", core / "glue_api.py", core / "notebook.py", core / "options.py",
            core / "glue_service.py", core / "lazy.py",
            *(core / "jobs" / f"{name}.py" for name in ("arguments", "compute", "libraries", "model", "notebooks"))]


def migrate_code(project: Project, glue_dir: Path, files: dict[str, str], target_dir: Path,
                 glue_commit: str, definitions: JobDefinitions | None = None,
                 dry_run: bool = False, ddl_files: dict[str, str] | None = None) -> CodeMigration:
    """``files`` maps Glue paths to blob shas at ``glue_commit``; ``definitions`` say which jobs use bookmarks;
    ``ddl_files`` (DDL paths to blob shas) declare the catalog tables over streams that jobs read."""
    options = project.convert_options(definitions.bookmarks() if definitions else None,
                                      stream_tables(project, glue_dir, ddl_files or {}))
    fingerprint = source_fingerprint(json.dumps(asdict(options), sort_keys=True, default=str),
                                     code_dirs=converter_sources())
    manifest = manifest_for(project, target_dir)
    todo = {p: b for p, b in files.items()
            if not (manifest.get(p, {}).get("source_blob") == b and manifest[p].get("fingerprint") == fingerprint)}
    # every module's text, converted or not: its imports tell which folders are packages (helper placement)
    blobs = read_blobs(glue_dir, files.values())
    results = {r.path: r for r in convert_files({p: blobs[b] for p, b in todo.items()}, options)}
    packages = package_folders({p: blobs[b] for p, b in files.items()})

    generated: list[GeneratedFile] = []
    helper_dirs: set[str] = set()
    held_back: dict[str, list[tuple[int, str]]] = {}
    for path, blob in sorted(files.items()):
        result = results.get(path)
        if result is None:
            generated.append(GeneratedFile(path, path, blob, None, "code", fingerprint))
            if manifest.get(path, {}).get("uses_helpers"):
                helper_dirs.add(helper_dir(path, files, packages))
            continue
        residue = (glue_residue(python_of(path, result.code), options.helper_module) if result.code is not None
                   else [])
        if residue:
            held_back[path] = residue
        if result.code is None or residue:
            # Unparseable or held back: reported, nothing published; a previous output stays as it was
            # (listed unchanged, so the sync does not take it for a removed source).
            previous = manifest.get(path)
            if previous is not None:
                generated.append(GeneratedFile(path, path, previous.get("source_blob", ""), None, "code",
                                               previous.get("fingerprint", "")))
                if previous.get("uses_helpers"):
                    helper_dirs.add(helper_dir(path, files, packages))
            continue
        generated.append(GeneratedFile(path, path, blob, result.code, "code", fingerprint,
                                       {"uses_helpers": bool(result.helpers_used)}))
        if result.helpers_used:
            helper_dirs.add(helper_dir(path, files, packages))
    helper_text = helper_module_source(options)
    for d in sorted(helper_dirs):
        helper_path = str(PurePosixPath(d) / f"{options.helper_module}.py") if d != "." else f"{options.helper_module}.py"
        generated.append(GeneratedFile(helper_path, HELPER_SOURCE, fingerprint, helper_text, "code", fingerprint))

    published = publish(project, target_dir, generated, "code",
                        f"g2l: convert Glue code at {glue_commit[:12]}\n\nGlue commit: {glue_commit}",
                        dry_run=dry_run, glue_dir=glue_dir, glue_commit=glue_commit)
    return CodeMigration(results, published, fingerprint, reused=[p for p in files if p not in results],
                         held_back=held_back)
