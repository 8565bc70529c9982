"""``g2l convert`` on a tree: converted packages still import, and the report says what the files say."""

import json
import subprocess
import sys
import textwrap

from g2l_core.convert.cli import main

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
