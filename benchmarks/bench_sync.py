"""Weekly sync of a 1000-job project where one Glue file changed, against a full conversion of it.

Both runs go through ``migrate_code`` (convert what changed, plan every file against the base branch,
commit and push the sync branch) on real git repositories in a temporary folder. Between them the first
sync is merged into ``main`` and the Databricks side edits 20 converted files, so the second sync merges
for real. Reported: the second (incremental) sync's wall time as a ratio of the first (full) one; target
<= 5%. Writes ``benchmarks/.out/sync.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_convert import generate  # noqa: E402

from g2l_core.config import GlueSource, Project, TargetRepo  # noqa: E402
from g2l_core.gitrepo import ensure_clone, list_tree  # noqa: E402
from g2l_core.migrate_code import migrate_code  # noqa: E402

OUT = Path(__file__).resolve().parent / ".out" / "sync.json"


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=b", "-c", "user.email=b@x", *args], cwd=cwd, check=True,
                          capture_output=True, text=True).stdout.strip()


def sync(project: Project, root: Path) -> tuple[float, object]:
    glue_clone, target_clone = root / "home/glue", root / "home/target"
    start = time.perf_counter()
    commit = ensure_clone(project.glue.url, "main", glue_clone)
    files = {f.path: f.blob for f in list_tree(glue_clone, commit, ["jobs/"])}
    migration = migrate_code(project, glue_clone, files, target_clone, commit)
    return time.perf_counter() - start, migration


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="g2l-bench-sync-") as tmp:
        root = Path(tmp)
        glue, target, dev = root / "glue", root / "target.git", root / "dev"
        texts = generate(glue, args.jobs)
        git(root, "init", "-q", "-b", "main", str(glue))
        git(glue, "add", "-A")
        git(glue, "commit", "-q", "-m", "jobs")
        git(root, "init", "-q", "--bare", "-b", "main", str(target))
        git(root, "clone", "-q", str(target), str(dev))
        git(dev, "checkout", "-q", "-b", "main")
        (dev / "README.md").write_text("Databricks team\n")
        git(dev, "add", "-A")
        git(dev, "commit", "-q", "-m", "start")
        git(dev, "push", "-q", "origin", "main")
        project = Project("bench", GlueSource(str(glue), paths=("jobs/",)), TargetRepo(str(target)))

        full, first = sync(project, root)
        git(dev, "fetch", "-q", "origin")
        git(dev, "merge", "-q", "--ff-only", "origin/g2l/sync")
        for path in sorted(texts)[1:21]:  # Databricks work on converted files, away from the Glue change
            (dev / path).write_text((dev / path).read_text() + "\n# tuned on Databricks\n")
        git(dev, "commit", "-q", "-am", "tuning")
        git(dev, "push", "-q", "origin", "main")
        changed = sorted(texts)[0]
        (glue / changed).write_text(texts[changed].replace("job.commit()", "logger.info('done')\njob.commit()"))
        git(glue, "commit", "-q", "-am", "one change")

        incremental, second = sync(project, root)
    counts = second.published.plan.counts()
    result = {
        "jobs": args.jobs, "full_sync_s": round(full, 2), "one_change_sync_s": round(incremental, 3),
        "ratio_pct": round(100 * incremental / full, 2), "target_pct": 5.0,
        "files_converted_first": len(first.results), "files_converted_second": len(second.results),
        "outcomes_second": counts, "load_average": os.getloadavg(),
    }
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
