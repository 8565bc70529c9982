"""``g2l convert`` on a tree: converted packages still import, and the report says what the files say."""

import json
import subprocess
import sys
import textwrap

import pytest

from g2l_core.convert.cli import main
from g2l_core.convert.packages import package_folders

LIBRARY = textwrap.dedent('''\
    """Shared cleaning steps for the sales jobs."""
    from awsglue.transforms import DropNullFields


    def clean(frame):
        return DropNullFields.apply(frame=frame)
''')
FLAGGED = textwrap.dedent('''\
    from awsglueml.transforms import FindMatches


    def dedupe(frame):
        return FindMatches.apply(frame=frame, transformId="tfm-1")
''')


def _tree(root):
    (root / "sales" / "steps").mkdir(parents=True)
    (root / "sales" / "__init__.py").write_text("")
    (root / "sales" / "steps" / "__init__.py").write_text("")
    (root / "sales" / "steps" / "cleaning.py").write_text(LIBRARY)
    (root / "sales" / "steps" / "matching.py").write_text(FLAGGED)
    (root / "sales" / "constants.py").write_text("REGION = 'eu-west-1'\n")


def test_a_converted_package_still_imports(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    _tree(src)
    assert main(["convert", str(src), str(out)]) == 0
    assert (out / "g2l_helpers.py").exists()  # at the top of the tree, where `import g2l_helpers` finds it
    assert not (out / "sales" / "steps" / "g2l_helpers.py").exists()
    proc = subprocess.run([sys.executable, "-c", "import sales.steps.cleaning as c; print(c.clean.__name__)"],
                          cwd=out, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "clean\n"


READER = textwrap.dedent('''\
    from awsglue.dynamicframe import DynamicFrame


    def to_frame(glue_context, df):
        return DynamicFrame.fromDF(df, glue_context, "out").map(f=lambda r: r)
''')


@pytest.mark.parametrize(("files", "imported"), [
    # a namespace package (no __init__.py) the tree's code imports by its dotted name
    ({"billing/readers.py": READER, "tests/test_readers.py": "from billing.readers import to_frame\n"},
     "billing.readers"),
    # one whose module imports its sibling relatively
    ({"steps/readers.py": READER, "steps/run.py": "from .readers import to_frame\n"}, "steps.readers"),
])
def test_a_converted_namespace_package_still_imports(tmp_path, files, imported):
    src, out = tmp_path / "src", tmp_path / "out"
    for path, text in files.items():
        (src / path).parent.mkdir(parents=True, exist_ok=True)
        (src / path).write_text(text)
    assert main(["convert", str(src), str(out)]) == 0
    assert (out / "g2l_helpers.py").exists()
    proc = subprocess.run([sys.executable, "-c", f"import {imported} as m; print(m.to_frame.__name__)"],
                          cwd=out, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "to_frame\n"


@pytest.mark.parametrize(("sources", "packages"), [
    ({"a/b/c.py": "", "main.py": "from a.b.c import x\n"}, {"a", "a/b"}),
    ({"src/a/b.py": "", "src/run.py": "import a.b as ab\n"}, {"src/a"}),
    ({"src/a/b/__main__.py": "", "jobs/j.py": "from a.b import c\n"}, {"src/a", "src/a/b"}),
    ({"x/y/z.py": "from ..w import v\n"}, {"x", "x/y"}),
    ({"jobs/one.py": "import json\nfrom pyspark.sql import functions\n", "jobs/two.py": "import one\n"}, set()),
])
def test_package_folders(sources, packages):
    assert package_folders(sources) == packages


def test_the_report_lists_status_notes_and_residue_per_file(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    _tree(src)
    main(["convert", str(src), str(out)])
    report = json.loads((out / "g2l_report.json").read_text())
    files = {f["file"]: f for f in report["files"]}
    assert files["sales/constants.py"]["status"] == "unchanged"
    assert files["sales/__init__.py"]["status"] == "unchanged"
    assert files["sales/steps/cleaning.py"]["status"] == "converted"
    matching = files["sales/steps/matching.py"]
    written = (out / "sales" / "steps" / "matching.py").read_text().splitlines()
    assert [n["line"] for n in matching["review_notes"]] == [
        i for i, line in enumerate(written, 1) if line.strip().startswith("# g2l: review:")]
    assert all(n["note"] and not n["note"].startswith("#") for n in matching["review_notes"])
    assert report["summary"]["unchanged"] == 3 and report["summary"]["converted"] == 2
    assert report["summary"]["review_notes"] == len(matching["review_notes"]) == 2
    assert report["summary"]["residue"] == 0
