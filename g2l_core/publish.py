"""Publish generated files to the target repository's sync branch, built fresh on the base branch.

Each publish computes the sync branch as "the base branch now + Glue's changes" entirely in git objects
(a private index, ``commit-tree``), then moves the remote sync branch with one push: interrupted at any
point (even ``kill -9``), the remote is as before and g2l's clone holds only unreferenced objects; the
next run simply starts over. g2l's clone is never checked out, cleaned or committed from, so nothing a
person left in it is touched or published.

Two kinds of commit are made:

- a *generation* commit: the pure conversion output at its target paths plus ``.g2l/generation.json``,
  chained to the previous generation (the "vendor branch" of the Glue side);
- the *sync* commit: parents = (base branch head, generation commit), tree = the base branch's tree with
  the plan's writes and ``.g2l/manifest.json``. Its first parent is the base branch, so merging the sync
  branch into the base branch is a fast-forward (or a conflict-free merge).

History choice: the sync branch is rebuilt on every sync and pushed with ``--force-with-lease`` (the
lease is the head this run read, so nobody's push is overwritten unseen). It is the only ref g2l ever
force-pushes; the base branch is written once at most, to bootstrap an empty repository. The generation
chain stays reachable through the sync branch, so no sync output is ever lost to the rewrite.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from g2l_core import gitrepo
from g2l_core.config import Project
from g2l_core.merge import split_regions
from g2l_core.redact import redact_url
from g2l_core.sync import MANIFEST_PATH, FileState, GeneratedFile, SyncPlan, content_sha, plan_sync

GENERATION_PATH = ".g2l/generation.json"
README = """# {name}

This repository receives code migrated from AWS Glue by g2l (Glue-to-Lakehouse).

- `{base}` is yours: g2l never commits to it (this README is its only commit by g2l).
- At every sync g2l rebuilds the branch `{sync}` as "`{base}` as it is now, plus the Glue changes since the
  last sync". Review it and merge it into `{base}`; the merge is always conflict-free.
- Your edits to migrated files are merged with later Glue changes; overlapping edits are reported as
  conflicts and your version is kept. Code between `# g2l: protect begin NAME` and `# g2l: protect end`,
  files listed under `native:` in the registry, and files with `# g2l: native` in their first lines are
  never changed by g2l.
"""


class SyncError(ValueError):
    """A sync refused to run; the message says why and what to do, in one line."""


@dataclass
class Published:
    plan: SyncPlan
    commit: str | None  # the sync commit made by this publish (None: nothing changed, or a dry run)
    head: str  # the sync branch head after publishing (the base branch head on a dry run with no sync branch)
    base_commit: str = ""
    generation: str | None = None
    dry_run: bool = False
    repo: Path | None = None
    glue_commits: tuple[str, str] = ("", "")  # (last Glue commit the base branch holds, this one)
    texts: dict[str, str] = field(default_factory=dict)  # final text of every written path
    note: str = ""  # one line for the user (the base branch was bootstrapped)

    def text(self, path: str) -> str | None:
        """A file as the sync branch now holds it (after a dry run: as it would)."""
        if path in self.texts:
            return self.texts[path]
        if self.repo is None or not self.head:
            return None
        return gitrepo.read_text(self.repo, self.head, path)


def source_fingerprint(*parts: str, code_dirs: Iterable[Path] = ()) -> str:
    """Hash of settings and generator source (folders or single modules): a change to either
    re-generates every file."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode())
    for d in code_dirs:
        for f in ([Path(d)] if Path(d).is_file() else sorted(Path(d).rglob("*.py"))):
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


@dataclass(frozen=True)
class TargetState:
    commit: str  # base branch head
    note: str = ""  # one line for the user when something was set up (bootstrap)


def check_branches(project: Project) -> None:
    t = project.target
    if t.sync_branch == t.branch:
        raise SyncError(f"project {project.name!r}: target.sync_branch is {t.sync_branch!r}, the base branch itself; "
                        "g2l never writes to the base branch: set target.sync_branch to a branch of its own "
                        "(default g2l/sync)")


def prepare_target(project: Project, dest: Path) -> TargetState:
    """Fetch g2l's clone of the target; an empty repository (or one without the base branch) gets the base
    branch with a single README commit, unless ``target.bootstrap`` is false."""
    check_branches(project)
    t = project.target
    gitrepo.fetch_clone(t.url, dest)
    head = gitrepo.ref_commit(dest, f"refs/remotes/origin/{t.branch}")
    if head:
        return TargetState(head)
    where = redact_url(t.url)
    if not t.bootstrap:
        raise SyncError(f"target repository {where} has no branch {t.branch!r}: push one commit to it, "
                        "or allow g2l to create it (target.bootstrap: true)")
    readme = README.format(name=project.name, base=t.branch, sync=t.sync_branch)
    blobs = gitrepo.write_blobs(dest, {"README.md": readme})
    tree = gitrepo.write_tree(dest, None, blobs)
    commit = gitrepo.commit_tree(dest, tree, [], f"Start {t.branch} for the g2l migration of {project.name}")
    gitrepo.push_commit(dest, t.url, commit, t.branch, None)
    return TargetState(commit, f"g2l: the target repository {where} was empty; created branch {t.branch!r} with a "
                               f"README. After each sync, review branch {t.sync_branch!r} and merge it into "
                               f"{t.branch!r}.")


@dataclass(frozen=True)
class Snapshot:
    """What one publish starts from."""

    base_head: str | None
    sync_head: str | None
    manifest: dict  # the base branch's manifest (what main already holds)
    generation: str | None  # the latest generation commit
    generated: dict[str, dict]  # its entries: path -> source, source_blob, kind, fingerprint, ...
    generation_json: str | None = None


def snapshot(project: Project, repo: Path) -> Snapshot:
    t = project.target
    heads = gitrepo.remote_heads(repo)
    base_head, sync_head = heads.get(t.branch), heads.get(t.sync_branch)
    manifests = _read_json(repo, [c for c in (sync_head, base_head) if c], MANIFEST_PATH)
    candidates = [m["generated_commit"] for m, _ in manifests.values() if m.get("generated_commit")]
    found = _read_json(repo, candidates, GENERATION_PATH)
    generation = next((c for c in candidates if c in found), None)  # the sync branch's: the latest
    gen, gen_text = found.get(generation, ({}, None))
    return Snapshot(base_head, sync_head, manifests.get(base_head, ({}, ""))[0], generation,
                    gen.get("files", {}), gen_text)


def _read_json(repo: Path, commits: list[str], path: str) -> dict[str, tuple[dict, str]]:
    """``path`` parsed (and as text) at each of ``commits`` that has it, with one git call."""
    raw = gitrepo.read_objects(repo, [f"{c}:{path}" for c in commits])
    out = {}
    for commit in commits:
        data = raw.get(f"{commit}:{path}")
        if data is None:
            continue
        try:
            parsed = json.loads(data)
            problem = record_problem(parsed)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            problem = (f"not valid JSON (line {exc.lineno}: {exc.msg})" if isinstance(exc, json.JSONDecodeError)
                       else "not UTF-8 text")
        except RecursionError:
            problem = "not valid JSON (nested too deeply)"
        if problem:
            raise SyncError(f"{path} at commit {commit[:12]}: {problem}; g2l cannot tell what it generated "
                            "before: restore the file from an earlier commit or delete it") from None
        out[commit] = (parsed, data.decode(errors="replace"))
    return out


_TEXT_FIELDS = ("source", "source_blob", "base_blob", "kind", "fingerprint", "renamed_to")
_SHA = re.compile(r"[0-9a-f]{40}")


def record_problem(record: object) -> str | None:
    """What makes a parsed ``.g2l/manifest.json`` or ``generation.json`` unusable (wrong types from a hand
    edit or a bad merge), None when it is fine."""
    if not isinstance(record, dict):
        return f"expected a JSON object, got {type(record).__name__}"
    for key in ("generated_commit", "glue_commit"):
        if record.get(key) is not None and not isinstance(record[key], str):
            return f"{key}: expected a string, got {type(record[key]).__name__}"
    if record.get("generated_commit") and not _SHA.fullmatch(record["generated_commit"]):
        return f"generated_commit: {record['generated_commit']!r} is not a commit sha"
    files = record.get("files", {})
    if not isinstance(files, dict):
        return f"files: expected an object (path -> entry), got {type(files).__name__}"
    for path, entry in files.items():
        if not isinstance(entry, dict):
            return f"files[{path!r}]: expected an object, got {type(entry).__name__}"
        for key in _TEXT_FIELDS:
            if entry.get(key) is not None and not isinstance(entry[key], str):
                return f"files[{path!r}].{key}: expected a string, got {type(entry[key]).__name__}"
    if not isinstance(record.get("conflicts", []), list):
        return f"conflicts: expected a list, got {type(record['conflicts']).__name__}"
    return None


def manifest_for(project: Project, target_dir: Path) -> dict[str, dict]:
    """What the last conversion produced (path -> source, source_blob, fingerprint, ...), so unchanged
    Glue files are not converted again."""
    with gitrepo.repo_lock(target_dir):
        gitrepo.fetch_clone(project.target.url, target_dir)
        snap = snapshot(project, target_dir)
        return snap.generated if snap.generation else {}


def publish(project: Project, target_dir: Path, generated: list[GeneratedFile], kind: str, message: str,
            push: bool = True, dry_run: bool = False, glue_dir: Path | None = None,
            glue_commit: str = "") -> Published:
    """Plan and (unless ``dry_run``) publish. ``generated`` replaces every output of ``kind``; outputs of
    other kinds come from the latest generation. With ``glue_dir``, Glue renames since the Glue commit the
    base branch holds are followed (see ``plan_sync``)."""
    check_branches(project)
    t = project.target
    with gitrepo.repo_lock(target_dir):
        if not dry_run:
            note = prepare_target(project, target_dir).note
        else:
            gitrepo.fetch_clone(t.url, target_dir)
            note = ""
        _drop_stale_indexes(target_dir)
        snap = snapshot(project, target_dir)
        landed = snap.manifest.get("files", {})
        renames = _renames(glue_dir, snap.manifest.get("glue_commit"), glue_commit, landed, generated)
        published = _publish(project, target_dir, snap, generated, kind, message, push, dry_run, renames, glue_commit)
        published.note = note
        return published


def _drop_stale_indexes(repo: Path) -> None:
    """Private indexes left by a sync that was killed (the lock is held, so none is in use)."""
    for index in (repo / ".git").glob("g2l-index-*"):
        index.unlink(missing_ok=True)


def _renames(glue_dir: Path | None, old: str | None, new: str, landed: dict, generated: list[GeneratedFile]) -> dict[str, str]:
    """New target path -> old target path, for Glue sources git sees as renamed between ``old`` and ``new``."""
    if glue_dir is None or not old or not new or old == new or gitrepo.ref_commit(glue_dir, old) is None:
        return {e["renamed_to"]: p for p, e in landed.items() if e.get("renamed_to") in {g.path for g in generated}}
    by_source = {e.get("source"): p for p, e in landed.items()}
    out = {e["renamed_to"]: p for p, e in landed.items()  # a rename still waiting for its file to move
           if e.get("renamed_to") in {g.path for g in generated}}
    for src_old, src_new in gitrepo.renamed(glue_dir, old, new).items():
        for g in generated:
            if g.source == src_new and by_source.get(src_old) and by_source[src_old] != g.path:
                out[g.path] = by_source[src_old]
    return out


def _publish(project, repo, snap: Snapshot, generated, kind, message, push, dry_run, renames, glue_commit) -> Published:
    t = project.target
    prev_files = gitrepo.tree_blobs(repo, snap.generation)
    main_files = gitrepo.tree_blobs(repo, snap.base_head)
    entries = {p: e for p, e in snap.generated.items() if e.get("kind", "code") != kind and p in prev_files}
    theirs_blob: dict[str, str] = {p: prev_files[p] for p in entries}
    new_texts: dict[str, str] = {}
    for g in generated:
        if g.content is None:
            if g.path not in prev_files:
                raise SyncError(f"{g.path}: no earlier output to reuse; convert it again")
            theirs_blob[g.path] = prev_files[g.path]
        else:
            new_texts[g.path] = g.content
            theirs_blob[g.path] = gitrepo.blob_sha(g.content.encode(errors="surrogateescape"))
        kept = snap.generated.get(g.path, {}) if g.content is None else {}  # reused output keeps its facts
        entries[g.path] = {**kept, "source": g.source, "source_blob": g.source_blob, "kind": g.kind,
                           "fingerprint": g.fingerprint, **g.extra}

    landed = snap.manifest.get("files", {})
    paths = sorted(set(theirs_blob) | set(landed))
    base_blob = {p: landed[p].get("base_blob") for p in paths if p in landed}
    blobs = gitrepo.read_objects(repo, {b for p in paths for b in (
        theirs_blob.get(p) if p not in new_texts else None, main_files.get(p), base_blob.get(p)) if b})

    def text(blob: str | None) -> str | None:
        data = blobs.get(blob) if blob else None
        return data.decode(errors="surrogateescape") if data is not None else None

    states = []
    for p in paths:
        theirs = new_texts.get(p, text(theirs_blob.get(p)))
        ours = text(main_files.get(p))
        entry = landed.get(p, {})
        base = _base_text(entry, main_files.get(p), ours, text(entry.get("base_blob")))
        src = entries.get(p, entry).get("source", "")
        states.append(FileState(p, base, ours, theirs, src, entries.get(p, entry).get("kind", "code"),
                                renamed_from=renames.get(p)))
    plan = plan_sync(states, t.native)
    texts = dict(plan.writes)
    glue_range = (snap.manifest.get("glue_commit", ""), glue_commit)
    if dry_run:
        head = snap.sync_head or snap.base_head or ""
        return Published(plan, None, head, snap.base_head or "", snap.generation, True, repo, glue_range, texts)

    # generation commit: the previous one with this kind's outputs replaced
    gen_changes: dict[str, str | None] = {p: None for p, e in snap.generated.items()
                                          if e.get("kind", "code") == kind and p not in theirs_blob}
    gen_changes |= {p: theirs_blob[p] for p in theirs_blob if prev_files.get(p) != theirs_blob[p]}
    gen_manifest = {"glue_commit": glue_commit, "files": dict(sorted(entries.items()))}
    gen_json = json.dumps(gen_manifest, indent=1, sort_keys=True) + "\n"
    to_write = {f"new:{p}": t for p, t in new_texts.items()} | {f"sync:{p}": t for p, t in plan.writes.items()}
    if gen_json != snap.generation_json:
        to_write[GENERATION_PATH] = gen_json
    stored = gitrepo.write_blobs(repo, to_write)
    written = {p: stored[f"sync:{p}"] for p in plan.writes}
    if GENERATION_PATH in stored:
        gen_changes[GENERATION_PATH] = stored[GENERATION_PATH]
    generation = snap.generation
    if gen_changes or not generation:
        tree = gitrepo.write_tree(repo, generation, gen_changes)
        generation = gitrepo.commit_tree(repo, tree, [generation] if generation else [],
                                         f"g2l generation: {(message.splitlines() or [kind])[0]}\n\n"
                                         f"The conversion output alone; the sync commit merges it into {t.branch}.")

    manifest = _manifest(plan, entries, landed, theirs_blob, generation, glue_commit, renames)
    sync_changes: dict[str, str | None] = {p: written[p] for p in plan.writes}
    sync_changes |= {p: None for p in plan.deletes}
    sync_changes[MANIFEST_PATH] = gitrepo.write_blobs(repo, {MANIFEST_PATH: manifest})[MANIFEST_PATH]
    tree = gitrepo.write_tree(repo, snap.base_head, sync_changes)
    parents = [c for c in (snap.base_head, generation) if c]
    if snap.sync_head and _same_commit(repo, snap.sync_head, tree, parents):
        return Published(plan, None, snap.sync_head, snap.base_head or "", generation, False, repo, glue_range, texts)
    commit = gitrepo.commit_tree(repo, tree, parents, message)
    if push:
        gitrepo.push_commit(repo, t.url, commit, t.sync_branch, snap.sync_head, force=True)
    return Published(plan, commit, commit, snap.base_head or "", generation, False, repo, glue_range, texts)


def _base_text(entry: dict, ours_blob: str | None, ours: str | None, base: str | None) -> str | None:
    if base is not None:
        return base
    if ours is not None and (entry.get("base_blob") == ours_blob
                             or entry.get("output_sha") == content_sha(_strip(ours))):
        return ours  # the recorded output is gone from git, but the file on main is still exactly it
    return None


def _strip(text: str) -> str:
    return "".join(split_regions(text)[0])


def _manifest(plan: SyncPlan, entries: dict, landed: dict, theirs_blob: dict, generation: str, glue_commit: str,
              renames: dict[str, str]) -> str:
    """The sync branch's record: per path the generated version the branch's copy derives from (the next
    merge's base), and the open conflicts (reported again at every sync until resolved)."""
    files: dict[str, dict] = {}
    outcomes = plan.by_path()
    for path, o in outcomes.items():
        if o.settled:
            files[path] = {**entries.get(path, landed.get(path, {})), "base_blob": theirs_blob[path]}
        elif o.action == "orphaned":
            files[path] = {**landed[path], "orphaned": True}
        elif o.conflict == "renamed":  # asked again at every sync until the file can move
            files[path] = {**landed[path], "renamed_to": next(new for new, old in renames.items() if old == path)}
        elif path in landed:
            files[path] = landed[path]
    conflicts = [{"path": o.path, "conflict": o.conflict, "detail": o.detail, "glue_commit": glue_commit,
                  "hunks": [{"base_branch": h.ours, "glue": h.theirs, "generated_before": h.base} for h in o.hunks]}
                 for o in plan.conflicts]
    return json.dumps({"generated_commit": generation, "glue_commit": glue_commit,
                       "files": dict(sorted(files.items())), "conflicts": conflicts}, indent=1, sort_keys=True) + "\n"


def _same_commit(repo: Path, commit: str, tree: str, parents: list[str]) -> bool:
    info = gitrepo.git(repo, "show", "-s", "--format=%T %P", commit).split()
    return info[0] == tree and info[1:] == parents
