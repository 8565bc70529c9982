"""Property: random weeks of Glue changes and Databricks work never lose Databricks work, never lose a
Glue change that does not overlap one, and always give a sync branch that merges into main cleanly.

Each file is a run of editable lines ``xK = 'value'`` separated by comment lines, so two edits overlap
exactly when both sides changed the same editable line. The conversion is the identity (speed); git
runs for real, the Databricks side and the merges work on the bare remote with plumbing commands.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from g2l_core import gitrepo
from g2l_core.config import GlueSource, Project, TargetRepo
from g2l_core.publish import publish
from tests.sync.conftest import MARKERS, generated

LINES = 5
NAMES = ["jobs/orders.py", "jobs/trades.py", "jobs/risk.py", "src/common/io.py", "src/common/dates.py", "jobs/extra.py"]
NATIVE = ("notebooks/",)
VALUE = re.compile(r"^x(\d+) = '(.*)'$", re.M)
REGION = re.compile(r"# g2l: protect begin \S+\n.*?# g2l: protect end\n", re.S)


def render(values: list[str]) -> str:
    return "".join(f"# step {k}\nx{k} = '{v}'\n" for k, v in enumerate(values))


def values(text: str) -> list[str]:
    return [v for _, v in VALUE.findall(REGION.sub("", text))]


def commit(repo: Path, branch: str, changes: dict[str, str | None], parents: list[str] | None = None) -> str:
    head = gitrepo.ref_commit(repo, f"refs/heads/{branch}")
    blobs = gitrepo.write_blobs(repo, {p: t for p, t in changes.items() if t is not None})
    tree = gitrepo.write_tree(repo, head, {p: blobs.get(p) for p in changes})
    sha = gitrepo.commit_tree(repo, tree, parents if parents is not None else [c for c in [head] if c], "work")
    gitrepo.git(repo, "update-ref", f"refs/heads/{branch}", sha)
    return sha


def files(repo: Path, ref: str) -> dict[str, str]:
    commit_ = gitrepo.ref_commit(repo, ref)
    blobs = gitrepo.tree_blobs(repo, commit_)
    data = gitrepo.read_blobs(repo, blobs.values())
    return {p: data[b].decode() for p, b in blobs.items()}


def merged_tree(remote: Path) -> str:
    """The tree of main merged with the sync branch (git's own merge); fails the test on a git conflict."""
    proc = subprocess.run(["git", "merge-tree", "--write-tree", "main", "g2l/sync"], cwd=remote, capture_output=True, text=True)
    assert proc.returncode == 0, f"merging the sync branch into main conflicts:\n{proc.stdout}"
    return proc.stdout.split()[0]


def merge_into_main(remote: Path) -> None:
    tree = merged_tree(remote)
    sha = gitrepo.commit_tree(remote, tree, [gitrepo.ref_commit(remote, "main"), gitrepo.ref_commit(remote, "g2l/sync")], "merge")
    gitrepo.git(remote, "update-ref", "refs/heads/main", sha)


class World:
    def __init__(self, root: Path):
        self.glue_repo, self.remote = root / "glue.git", root / "target.git"
        for repo in (self.glue_repo, self.remote):
            gitrepo.git(None, "init", "-q", "--bare", "-b", "main", str(repo))
        commit(self.remote, "main", {"README.md": "team repo\n"})
        self.project = Project("demo", GlueSource(str(self.glue_repo)), TargetRepo(str(self.remote), native=NATIVE))
        self.clone = root / "home" / "target"
        self.glue: dict[str, list[str]] = {}
        self.base: dict[str, list[str]] = {}  # Glue version main's copy derives from
        self.pending: dict[str, list[str]] = {}  # settled at the last sync, becomes base when merged
        self.written: dict[str, str] = {}  # native files as the Databricks side wrote them
        self.n = 0

    def tag(self, who: str) -> str:
        self.n += 1
        return f"{who}{self.n}"


@st.composite
def week(draw, w: World):
    """Databricks work first (maybe merging last week's sync), then this week's Glue changes."""
    dbx: dict[str, str | None] = {}
    main = files(w.remote, "refs/heads/main")
    merge = draw(st.booleans())
    for _ in range(draw(st.integers(0, 3))):
        op = draw(st.sampled_from(["edit", "region", "native", "native_marker", "hand_file"]))
        migrated = sorted(p for p in main if p in w.base and not p.startswith(NATIVE))
        if op in ("edit", "region") and migrated:
            path = draw(st.sampled_from(migrated))
            text = dbx.get(path) or main[path]
            lines = text.splitlines(keepends=True)
            spots = [i for i, line in enumerate(lines) if line.startswith("x")]
            i = draw(st.sampled_from(spots))
            if op == "edit":
                lines[i] = re.sub(r"'.*'", f"'{w.tag('dbx')}'", lines[i])
            else:
                lines.insert(i, f"# g2l: protect begin {w.tag('r')}\nkeep = 1  # by hand\n# g2l: protect end\n")
            dbx[path] = "".join(lines)
        elif op == "native":
            path = f"notebooks/{draw(st.sampled_from(['a', 'b']))}.py"
            dbx[path] = f"display('{w.tag('nb')}')\n"
        elif op == "native_marker":
            path = draw(st.sampled_from(NAMES))
            if path not in main and path not in dbx and path not in (w.glue.keys() | w.base.keys() | w.pending.keys()):
                dbx[path] = f"# g2l: native\nowned = '{w.tag('own')}'\n"
        elif op == "hand_file":
            path = draw(st.sampled_from(NAMES))
            if path not in main and path not in dbx and path not in (w.glue.keys() | w.base.keys() | w.pending.keys()):
                dbx[path] = f"hand = '{w.tag('hand')}'\n"
    glue_ops = []
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(["add", "change", "change", "delete", "rename"]))
        path = draw(st.sampled_from(NAMES))
        to = draw(st.sampled_from(NAMES))
        k = draw(st.integers(0, LINES - 1))
        glue_ops.append((op, path, to, k))
    return merge, dbx, glue_ops


def apply_week(w: World, merge: bool, dbx: dict, glue_ops: list) -> None:
    if merge and gitrepo.ref_commit(w.remote, "refs/heads/g2l/sync"):
        merge_into_main(w.remote)
        w.base |= w.pending
        w.pending = {}
    if dbx:
        commit(w.remote, "main", dbx)
        w.written |= {p: t for p, t in dbx.items() if p.startswith(NATIVE) or (t and t.startswith("# g2l: native"))}
    for op, path, to, k in glue_ops:
        if op == "add" and path not in w.glue:
            w.glue[path] = [w.tag("g") for _ in range(LINES)]
        elif op == "change" and path in w.glue:
            w.glue[path] = w.glue[path][:k] + [w.tag("g")] + w.glue[path][k + 1:]
        elif op == "delete" and path in w.glue:
            del w.glue[path]
        elif op == "rename" and path in w.glue and to not in w.glue:
            w.glue[to] = w.glue.pop(path)
    gone = gitrepo.tree_blobs(w.glue_repo, gitrepo.ref_commit(w.glue_repo, "refs/heads/main")).keys() - w.glue.keys()
    commit(w.glue_repo, "main", {p: render(v) for p, v in w.glue.items()} | dict.fromkeys(gone))


def check_week(w: World, published) -> None:
    main = files(w.remote, "refs/heads/main")
    synced = files(w.remote, "refs/heads/g2l/sync")
    assert merged_tree(w.remote) == gitrepo.git(w.remote, "rev-parse", "refs/heads/g2l/sync^{tree}")
    outcome = {o.path: o for o in published.plan.outcomes}
    for path, text in list(main.items()) + list(synced.items()):
        assert not any(m in text for m in MARKERS), f"conflict markers in {path}"
    for path, text in w.written.items():  # native files: exactly as the Databricks side wrote them
        if main.get(path) == text:
            assert synced.get(path) == text, path
    for path, text in main.items():  # protected regions: byte for byte
        for region in REGION.findall(text):
            assert region in synced.get(path, ""), (path, region)
    renamed_away = {o.detail.removeprefix("moved from ") for o in outcome.values() if o.action == "renamed"}
    for path, glue in w.glue.items():
        ours, o = main.get(path), outcome.get(path)
        if o is None or o.action == "renamed" or path in renamed_away:
            continue
        if ours is not None and ours.startswith(("# g2l: native", "hand")) or (ours is None and path not in w.base
                                                                               and o.conflict in ("exists", "native")):
            assert o.action == "conflict" and synced.get(path) == ours, (path, o)
            continue
        if ours is None:
            if path not in w.base:
                assert synced[path] == render(glue), path
            continue
        if path not in w.base:
            continue
        base, mine = w.base[path], values(ours)
        overlap = [k for k in range(LINES) if glue[k] != base[k] and mine[k] != base[k] and mine[k] != glue[k]]
        if overlap:
            assert (o.action, o.conflict) == ("conflict", "overlap"), (path, o, overlap)
            assert synced[path] == ours
        else:
            assert o.action != "conflict", (path, o)
            want = [glue[k] if glue[k] != base[k] else mine[k] for k in range(LINES)]
            assert values(synced[path]) == want, path
    for path in w.base:
        if path not in w.glue and path in main and path not in renamed_away:
            assert synced.get(path) == main[path], path
    w.pending = {p: w.glue[p] for p, o in outcome.items() if o.settled and p in w.glue}


@settings(max_examples=25, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_weekly_cycles_keep_both_sides_work(data):
    with tempfile.TemporaryDirectory(prefix="g2l-weeks-") as tmp:
        w = World(Path(tmp))
        for _ in range(8):  # 25 examples x 8 weeks = 200 cycles
            merge, dbx, glue_ops = data.draw(week(w))
            apply_week(w, merge, dbx, glue_ops)
            glue_commit = gitrepo.ref_commit(w.glue_repo, "refs/heads/main")
            published = publish(w.project, w.clone, generated({p: render(v) for p, v in w.glue.items()}), "code",
                                "g2l: sync", glue_dir=w.glue_repo, glue_commit=glue_commit)
            check_week(w, published)
        merge_into_main(w.remote)
