"""Glue interactive-session magics in a notebook -> what Databricks runs, a comment, or a review note.

Session settings (``%glue_version``, ``%worker_type``, ``%number_of_workers``, ``%%configure``...) size and
set up the Glue session: on Databricks they belong to the compute, not the code. Each becomes a comment in
place, a decision naming it, and an entry of the notebook's ``session`` (with the job cluster g2l's job
stage would give it), which ``g2l convert`` reports. Settings a person must act on (libraries, connections,
Spark configuration) are review notes. ``%%sql`` cells become Databricks ``%sql`` cells, their Glue table
names qualified as in ``spark.sql`` text. A magic g2l does
not know, or a shell escape, is kept as a review note: never dropped without a word.
"""

from __future__ import annotations

import json

from g2l_core.convert.model import CONVERTED, FLAGGED, REVIEW_MARKER, Decision
from g2l_core.convert.sql_names import mapped_databases, mapped_note, qualified, table_references
from g2l_core.notebook import MAGIC_MARK
from g2l_core.options import ConvertOptions

RULE = "NotebookMagic"
SETTINGS = frozenset({
    "glue_version", "worker_type", "number_of_workers", "idle_timeout", "timeout", "session_id_prefix", "iam_role",
    "region", "profile", "security_config", "tags", "streaming", "etl", "glue_ray", "job_type", "session_type",
    "min_workers", "max_workers", "auto_scaling",
})
# Settings someone has to carry over by hand, with what to do.
TO_DO = {
    "additional_python_modules": "install these libraries on the cluster (job libraries, or %pip install)",
    "extra_py_files": "attach these files to the cluster as libraries or workspace files",
    "extra_jars": "attach these jars to the cluster as libraries",
    "connections": "credentials of Glue connections come from the secret scope (g2l_helpers.connection_secret)",
    "spark_conf": "set this Spark configuration on the cluster (spark_conf)",
}
COMMANDS = frozenset({"help", "status", "stop_session", "list_sessions", "session_id", "delete_session", "reconnect",
                      "lsmagic"})
KEPT = frozenset({"pip"})  # Databricks runs these as they are
CELL_SETTINGS = frozenset({"configure", "tags", "assume_role"})
SESSION = "Glue session"  # the decision naming the cluster a notebook's session settings give
# Session plumbing, counted apart from the constructs automation % is about (as SparkContext and Job are).
BOILERPLATE = frozenset({*(f"%{n}" for n in SETTINGS | COMMANDS | KEPT), *(f"%%{n}" for n in CELL_SETTINGS), SESSION})


def _normal(key: str) -> str:
    return key.replace("_", "").replace("-", "").lower()


# A %%configure key naming a session setting, however it is spelt (``worker_type``, ``WorkerType``, ``GlueVersion``).
_SETTING_KEYS = {_normal(n): n for n in (*SETTINGS, *TO_DO)}


class Magics:
    """The magics of one notebook, converted cell by cell; ``decisions`` and ``session()`` say what was done."""

    def __init__(self, path: str, options: ConvertOptions, marker_lines: dict[int, int]):
        self.path, self.options, self.marker_lines = path, options, marker_lines
        self.decisions: list[Decision] = []
        self.settings: dict[str, object] = {}

    def _decide(self, line: int, api: str, action: str, message: str) -> None:
        self.decisions.append(Decision(self.path, line, api, action, RULE, message))

    def lines(self, cell: int, text: str) -> str:
        """A converted code cell with each line magic (a ``MAGIC_MARK`` comment) put back as what it becomes."""
        out = []
        base = self.marker_lines.get(cell, 0)
        for n, line in enumerate(text.splitlines(keepends=True), 1):
            stripped = line.lstrip(" \t")
            if not stripped.startswith(MAGIC_MARK):
                out.append(line)
                continue
            indent = line[:len(line) - len(stripped)]
            body = stripped[len(MAGIC_MARK):]
            end = "\n" if body.endswith("\n") else ""
            out.append(indent + self._line_magic(base + n, body.rstrip("\r\n")) + end)
        return "".join(out)

    def _line_magic(self, line: int, magic: str) -> str:
        if magic.startswith("!"):
            self._decide(line, "shell command", FLAGGED, f"{magic}: not run by a Python cell on Databricks")
            return f"{REVIEW_MARKER} shell command, not run on Databricks (use a %sh cell): {magic}"
        name, _, value = magic[1:].partition(" ")
        value = value.strip()
        if name in KEPT:
            self._decide(line, f"%{name}", CONVERTED, "runs on Databricks as it is")
            return magic
        if name in SETTINGS:
            self.settings[name] = value
            self._decide(line, f"%{name}", CONVERTED, f"Glue session setting {value!r}: compute, not code, on Databricks")
            return f"# g2l: Glue session setting, set on the Databricks compute (see the conversion report): {magic}"
        if name in TO_DO:
            self.settings[name] = value
            self._decide(line, f"%{name}", FLAGGED, f"{value}: {TO_DO[name]}")
            return f"{REVIEW_MARKER} Glue session setting: {TO_DO[name]}: {magic}"
        if name in COMMANDS:
            self._decide(line, f"%{name}", CONVERTED, "Glue session command: nothing to do on Databricks")
            return f"# g2l: Glue session command, not needed on Databricks: {magic}"
        self._decide(line, f"%{name}", FLAGGED, "notebook magic g2l does not know: not run on Databricks")
        return f"{REVIEW_MARKER} notebook magic g2l does not know, not run on Databricks: {magic}"

    def cell(self, cell: int, text: str) -> str:
        """A cell-magic cell (``%%sql``, ``%%configure``) as it is on Databricks."""
        line = self.marker_lines.get(cell, 0)
        head, _, body = text.lstrip("\n").partition("\n")
        name = head.strip().lstrip("%").split(maxsplit=1)[0]
        if not head.startswith("%%"):  # a Databricks language cell (%sql, %md) already: it runs as it is
            return text
        if name == "sql":
            return "%sql\n" + self._sql(line, body)
        commented = "".join(f"# {b}".rstrip() + "\n" for b in [head, *body.split("\n")]).rstrip("\n")
        if name in CELL_SETTINGS:
            self._cell_settings(line, name, body)
            return ("# g2l: Glue session settings, set on the Databricks compute (see the conversion report):\n"
                    + commented)
        self._decide(line, f"%%{name}", FLAGGED, "cell magic g2l does not know: the cell is not run on Databricks")
        return f"{REVIEW_MARKER} cell magic g2l does not know, not run on Databricks:\n" + commented

    def _sql(self, line: int, body: str) -> str:
        """A ``%%sql`` cell's SQL with its Glue table names qualified as ``spark.sql`` text is (``sql_names``)."""
        text, names = qualified(body, self.options)
        if names:
            self._decide(line, "%%sql", CONVERTED, "Databricks %sql cell; two-level names qualified as "
                                                   f"{', '.join(dict.fromkeys(names))}")
            return text
        databases = mapped_databases(body, self.options) if table_references(body) is None else []
        if databases:
            note = mapped_note(databases, self.options, "g2l could not read this SQL")
            self._decide(line, "%%sql", FLAGGED, note)
            return f"-- {REVIEW_MARKER.removeprefix('# ')} {note}\n" + body
        self._decide(line, "%%sql", CONVERTED, "Databricks %sql cell; no two-level table name to qualify")
        return body

    def _cell_settings(self, line: int, name: str, body: str) -> None:
        if name != "configure":
            self.settings[name] = body.strip()
            self._decide(line, f"%%{name}", CONVERTED, "Glue session setting: compute, not code, on Databricks")
            return
        try:
            values = json.loads(body)
        except ValueError:
            values = None
        if not isinstance(values, dict):
            self.settings["configure"] = body.strip()
            self._decide(line, "%%configure", FLAGGED, "not a JSON object: carry these settings to the compute by hand")
            return
        self.settings["configure"] = values
        for key, value in values.items():  # %%configure sizes and sets up the session as the magics do
            known = None if key.startswith("-") else _SETTING_KEYS.get(_normal(key))
            if known:
                self.settings[known] = ",".join(map(str, value)) if isinstance(value, list) else (
                    value if isinstance(value, dict) else str(value))
        self._decide(line, "%%configure", CONVERTED, f"Glue session settings ({', '.join(values)}): compute, not code, "
                                                     "on Databricks")

    def session(self) -> dict:
        """The session settings found, with the job cluster a Glue job of that size becomes (``jobs.compute``);
        the cluster is also a decision, so the pipeline's ``conversion_decisions`` shows it."""
        if not self.settings:
            return {}
        out: dict = {"settings": dict(self.settings)}
        if any(k in self.settings for k in ("glue_version", "worker_type", "number_of_workers")):
            out["compute"] = _cluster(self.settings)
            cluster = out["compute"]["new_cluster"]
            line = min(d.line for d in self.decisions)
            self._decide(line, SESSION, CONVERTED, f"on Databricks, a job cluster like this session: {json.dumps(cluster)}")
        return out


def session_settings(doc: dict) -> dict[str, object]:
    """The session settings of a notebook (``notebook.read_notebook``'s document), read as its conversion reads
    them, without converting it: what ``jobs.notebooks`` makes a Databricks job of."""
    from g2l_core.notebook import cell_magic, cell_text, notebook_script, split_script

    magics = Magics("", ConvertOptions(), {})
    lines = split_script(notebook_script(doc))
    for i, cell in enumerate(doc["cells"]):
        if cell["cell_type"] != "code":
            continue
        text = cell_text(cell)
        if cell_magic(text) is not None:
            magics.cell(i, text)
        else:
            magics.lines(i, lines.get(i, ""))
    return magics.settings


def _cluster(settings: dict) -> dict:
    from g2l_core.jobs.arguments import split_arguments
    from g2l_core.jobs.compute import new_cluster
    from g2l_core.jobs.notebooks import session_job
    from g2l_core.options import BundleOptions

    job = session_job("notebook", settings)
    notes: list[str] = []
    cluster = new_cluster(job, BundleOptions(), split_arguments(job).spark_conf, notes)
    return {"new_cluster": cluster, "notes": notes} if notes else {"new_cluster": cluster}
