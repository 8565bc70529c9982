import pytest

from g2l_core import gitrepo
from tests.conftest import git, make_git_repo


def test_seeded_remote_has_history_and_is_created_once(tmp_path):
    seed = tmp_path / "seed"
    (seed / "src").mkdir(parents=True)
    (seed / "jobs").mkdir()
    (seed / "src/util.py").write_text("x = 1\n")
    (seed / "jobs/a.py").write_text("print('a')\n")
    (seed / gitrepo.SEED_HISTORY_FILE).write_text(
        "commits:\n  - {message: utils, author: 'Ana <ana@x.io>', date: '2024-01-02T10:00:00', paths: [src/]}\n")
    remote = tmp_path / "remotes/glue.git"
    assert gitrepo.ensure_seeded_remote(str(remote), str(seed)) is True
    assert gitrepo.ensure_seeded_remote(str(remote), str(seed)) is False
    log = git(remote, "log", "--format=%an|%s", "main").splitlines()
    assert log == ["g2l|Import seed", "Ana|utils"]
    files = {f.path for f in gitrepo.list_tree(remote, "main")}
    assert files == {"src/util.py", "jobs/a.py"}  # the history file itself is not part of the repo


def test_clone_fetch_list_and_read_blobs(tmp_path):
    origin = tmp_path / "origin"
    first = make_git_repo(origin, {"jobs/a.py": "a = 1\n", "ddl/t.sql": "CREATE TABLE t (a int);\n"})
    clone = tmp_path / "clone"
    assert gitrepo.ensure_clone(str(origin), "main", clone) == first
    second = make_git_repo(origin, {"jobs/b.py": "b = 2\n"}, message="b")
    assert gitrepo.ensure_clone(str(origin), "main", clone) == second
    assert gitrepo.remote_head(str(origin), "main") == second
    files = {f.path: f for f in gitrepo.list_tree(clone, second, ["jobs/"])}
    assert set(files) == {"jobs/a.py", "jobs/b.py"}
    blobs = gitrepo.read_blobs(clone, [f.blob for f in files.values()])
    assert blobs[files["jobs/b.py"].blob] == b"b = 2\n"


def test_missing_branch_and_unreachable_remote_are_clear(tmp_path):
    origin = tmp_path / "origin"
    make_git_repo(origin, {"a.py": "a\n"})
    with pytest.raises(gitrepo.GitError, match="branch 'develop' not found"):
        gitrepo.ensure_clone(str(origin), "develop", tmp_path / "c")
    with pytest.raises(gitrepo.GitError, match="ls-remote .*nowhere"):
        gitrepo.remote_head(str(tmp_path / "nowhere"), "main")


def test_commit_built_in_a_private_index_and_pushed_with_a_lease(tmp_path):
    origin = tmp_path / "origin"
    main = make_git_repo(origin, {"README.md": "target\n", "keep.py": "k\n"})
    git(origin, "config", "receive.denyCurrentBranch", "ignore")
    clone = tmp_path / "clone"
    gitrepo.ensure_clone(str(origin), "main", clone)
    blobs = gitrepo.write_blobs(clone, {"jobs/a.py": "a\n"})
    assert blobs["jobs/a.py"] == gitrepo.blob_sha(b"a\n")
    tree = gitrepo.write_tree(clone, main, blobs | {"README.md": None})
    sha = gitrepo.commit_tree(clone, tree, [main], "g2l: convert")
    gitrepo.push_commit(clone, str(origin), sha, "g2l/sync", None, force=True)
    assert gitrepo.remote_head(str(origin), "g2l/sync") == sha
    assert gitrepo.remote_head(str(origin), "main") == main  # main is never written
    assert gitrepo.tree_blobs(clone, sha).keys() == {"keep.py", "jobs/a.py"}
    assert gitrepo.read_text(clone, sha, "jobs/a.py") == "a\n" and gitrepo.read_text(clone, sha, "nope") is None
    assert not list((clone / ".git").glob("g2l-index-*")) and not (clone / "keep.py").exists()
    # someone pushed to the sync branch meanwhile: the lease (the head this run read) refuses to overwrite it
    other = gitrepo.commit_tree(clone, tree, [sha], "someone else")
    gitrepo.push_commit(clone, str(origin), other, "g2l/sync", sha, force=True)
    with pytest.raises(gitrepo.GitError, match=r"branch 'g2l/sync' on .* moved while g2l worked .*nothing was pushed"):
        gitrepo.push_commit(clone, str(origin), sha, "g2l/sync", sha, force=True)
    assert gitrepo.remote_head(str(origin), "g2l/sync") == other


def test_renames_between_commits(tmp_path):
    repo = tmp_path / "glue"
    first = make_git_repo(repo, {"jobs/a.py": "".join(f"x{i} = {i}\n" for i in range(20)), "jobs/b.py": "b\n"})
    git(repo, "mv", "jobs/a.py", "jobs/orders.py")
    git(repo, "commit", "-q", "-m", "rename")
    assert gitrepo.renamed(repo, first, "HEAD") == {"jobs/a.py": "jobs/orders.py"}
