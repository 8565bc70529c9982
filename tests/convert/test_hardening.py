"""Bad input costs one file, never the run: absurd nesting, a crashing worker, OUT inside SRC, permissions."""

import faulthandler
import json
import os
import signal
import stat

import pytest

from g2l_core.convert import convert_files, convert_source, driver
from g2l_core.convert.cli import main
from g2l_core.extract import extract_module

DEEP = "x = " + "(" * 3000 + "1" + ")" * 3000 + "\n"
JOB = "from awsglue.context import GlueContext\nfrom pyspark.context import SparkContext\n" \
      "glueContext = GlueContext(SparkContext.getOrCreate())\n"


def test_deep_nesting_is_an_error_for_that_file_only():
    results = {r.path: r for r in convert_files({"deep.py": DEEP, "job.py": JOB, "other.py": "y = 2\n"}, workers=2)}
    assert results["deep.py"].code is None
    assert results["deep.py"].error == "deep.py:1: brackets nested more than 200 deep (Python allows 200)"
    assert results["job.py"].error is None and "SparkSession" in results["job.py"].code
    assert results["other.py"].code == "y = 2\n"


def test_brackets_in_strings_do_not_count():
    source = "s = '" + "(" * 500 + "'\n"
    assert convert_source(source, "s.py").code == source


def test_inventory_reports_deep_nesting_instead_of_crashing():
    rows = extract_module(DEEP, project="p", source_type="glue_job", file_path="deep.py")
    assert rows[0]["parse_error"] == "line 1: brackets nested more than 200 deep (Python allows 200)"


@pytest.mark.parametrize("where", ["same", "inside"])
def test_out_inside_src_is_refused(tmp_path, capsys, where):
    src = tmp_path / "src"
    src.mkdir()
    (src / "job.py").write_text(JOB)
    out = src if where == "same" else src / "converted"
    assert main(["convert", str(src), str(out)]) == 2
    printed = capsys.readouterr().out
    assert f"g2l convert: error: OUT {str(out)!r} is SRC {str(src)!r} or inside it" in printed
    assert "choose a folder outside SRC" in printed
    assert not (src / "converted").exists()


@pytest.mark.parametrize("src, out, overwritten", [
    ("glue/job.py", "glue", "job.py"),              # a file and its own folder
    ("glue", ".", "glue/job.py"),                   # SRC inside OUT, its own files repeating its name
])
def test_out_that_would_overwrite_a_source_is_refused(tmp_path, capsys, src, out, overwritten):
    glue = tmp_path / "glue"
    (glue / "glue").mkdir(parents=True)
    (glue / "job.py").write_text(JOB)
    (glue / "glue" / "job.py").write_text(JOB)
    before = {p: p.read_bytes() for p in glue.rglob("*") if p.is_file()}
    code = main(["convert", str(tmp_path / src), str(tmp_path / out)])
    printed = capsys.readouterr().out
    assert code == 2
    assert f"writing {overwritten} there would overwrite the source " in printed
    assert "choose a folder outside SRC" in printed
    assert {p: p.read_bytes() for p in glue.rglob("*") if p.is_file()} == before


def test_outputs_keep_the_source_permissions_and_skips_exit_1(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    (src / "run.py").write_text(JOB)
    (src / "run.py").chmod(0o750)
    (src / "deep.py").write_text(DEEP)
    out = tmp_path / "out"
    assert main(["convert", str(src), str(out), "--workers", "2"]) == 1
    assert stat.S_IMODE((out / "run.py").stat().st_mode) == 0o750
    report = json.loads((out / "g2l_report.json").read_text())
    assert [e["file"] for e in report["errors"]] == ["deep.py"]
    assert "skipped deep.py:1: brackets nested" in capsys.readouterr().out


@pytest.mark.parametrize("death", [lambda: os._exit(139), lambda: os.kill(os.getpid(), signal.SIGSEGV)])
def test_a_worker_that_dies_costs_only_its_own_file(tmp_path, capsys, monkeypatch, death):
    """A native crash in the parser cannot be produced on purpose, so the worker dies the way one would:
    ``os._exit`` or a real SIGSEGV while converting ``crash.py`` (workers are forked: they inherit this)."""
    real = driver.convert_source

    def dies_on_crash_py(source, path, options=None):
        if path == "crash.py":
            faulthandler.disable()  # the crash is intended: no traceback dump in the test output
            death()
        return real(source, path, options)

    monkeypatch.setattr(driver, "convert_source", dies_on_crash_py)
    src = tmp_path / "src"
    src.mkdir()
    for name in ("a.py", "crash.py", "z.py"):
        (src / name).write_text(JOB)
    out = tmp_path / "out"
    assert main(["convert", str(src), str(out), "--workers", "2"]) == 1
    assert sorted(p.name for p in out.glob("*.py")) == ["a.py", "z.py"]
    assert all("SparkSession" in (out / name).read_text() for name in ("a.py", "z.py"))
    report = json.loads((out / "g2l_report.json").read_text())
    assert report["errors"] == [{"file": "crash.py", "error": "crash.py: the converter crashed on this file"}]
    assert "skipped crash.py: the converter crashed on this file" in capsys.readouterr().out
