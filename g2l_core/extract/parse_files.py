"""Parsing many files: in this process for small inputs, in a process pool for large ones.

The pool uses ``forkserver`` (safe from a threaded process such as Dagster, and from polars, which must
not be forked). Workers import only libcst and the extractor, not polars, so they start quickly; sqlglot
is imported only by a worker that meets a DDL file.

Inside a worker, libcst's per-node validation is switched off while parsing: ``CSTNode.__post_init__``
re-checks every node the native parser builds (libcst's own source notes this as a known cost), which is
about a fifth of ``parse_module`` on the benchmark and can never fail for parser output. Workers run
nothing else, so no hand-built node escapes the check; the in-process path keeps libcst untouched.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from g2l_core.extract.python_source import error_row, extract_module
from g2l_core.extract.scala_source import SCALA_SUFFIXES, extract_scala
from g2l_core.extract.rows import module_name_for, new_row
from g2l_core.notebook import NotebookError, is_notebook, notebook_script, read_notebook, script_of

# Below this many bytes, starting worker processes costs more than it saves (see bench_extract.py).
POOL_MIN_BYTES = 300_000
CHUNKS_PER_WORKER = 4

Task = tuple[str, str, bytes]  # (source_type, file_path, content)


def extract_file(project: str, source_type: str, file_path: str, data: bytes) -> list[dict]:
    """Rows of one file by its kind; an extractor crash becomes a parse_error row, never a failed run."""
    try:
        if file_path.endswith(".py"):
            script = script_of(data)  # a notebook saved as a script: its magics are comments
            source = data if script is None else script.encode()
            return extract_module(source, project=project, source_type=source_type, file_path=file_path)
        if is_notebook(file_path):
            return _extract_notebook(project, source_type, file_path, data)
        if file_path.endswith(SCALA_SUFFIXES):
            return extract_scala(data, project=project, source_type=source_type, file_path=file_path)
        from g2l_core.extract.ddl_tables import extract_ddl_tables

        text = data.decode("utf-8", errors="replace")
        return extract_ddl_tables(text, project=project, file_path=file_path, source_type=source_type)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the inventory
        module = module_name_for(file_path)
        return [new_row(project=project, source_type=source_type, file_path=file_path, module_name=module,
                        entity_type="module", name=module.rsplit(".", 1)[-1], full_path=module,
                        imports=[], calls=[], s3_paths=[], catalog_refs=[], glue_api_calls="{}",
                        parse_error=f"line 1: extractor failed: {type(exc).__name__}: {exc}")]


def _extract_notebook(project: str, source_type: str, file_path: str, data: bytes) -> list[dict]:
    """A notebook is the module its code cells make (``notebook.notebook_script``: magics are comments)."""
    try:
        script = notebook_script(read_notebook(data, file_path))
    except NotebookError as exc:
        return [error_row(project, source_type, file_path, data, f"line 1: {exc}")]
    return extract_module(script.encode(), project=project, source_type=source_type, file_path=file_path)


@contextmanager
def _parser_output_unvalidated() -> Iterator[None]:
    from libcst._nodes.base import CSTNode

    original = CSTNode.__dict__.get("__post_init__")
    if original is None:  # a libcst without the hook: nothing to switch off
        yield
        return
    CSTNode.__post_init__ = _no_validation
    try:
        yield
    finally:
        CSTNode.__post_init__ = original


def _no_validation(self) -> None:
    return None


def _parse_chunk_in_worker(project: str, tasks: list[Task]) -> list[dict]:
    with _parser_output_unvalidated():
        return _parse_chunk(project, tasks)


def _parse_chunk(project: str, tasks: list[Task]) -> list[dict]:
    rows = []
    for source_type, file_path, data in tasks:
        for row in extract_file(project, source_type, file_path, data):
            # Table rows from code references are rebuilt from catalog_refs for the whole repository.
            if row["entity_type"] == "table" and row["referenced_by"] is not None:
                continue
            rows.append(row)
    return rows


def _chunks(tasks: list[Task], n: int) -> list[list[Task]]:
    """About equal bytes per chunk, biggest files first so the pool does not end on a straggler."""
    bins: list[list[Task]] = [[] for _ in range(n)]
    sizes = [0] * n
    for task in sorted(tasks, key=lambda t: -len(t[2])):
        i = sizes.index(min(sizes))
        bins[i].append(task)
        sizes[i] += len(task[2])
    return [b for b in bins if b]


def parse_files(project: str, tasks: list[Task], workers: int = 2) -> list[dict]:
    total = sum(len(t[2]) for t in tasks)
    if workers <= 1 or total < POOL_MIN_BYTES or len(tasks) < 2 * workers:
        return _parse_chunk(project, tasks)
    ctx = multiprocessing.get_context("forkserver")
    chunks = _chunks(tasks, workers * CHUNKS_PER_WORKER)
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        return [row for rows in pool.map(_parse_chunk_in_worker, [project] * len(chunks), chunks) for row in rows]

