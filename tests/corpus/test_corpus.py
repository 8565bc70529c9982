"""Invariants of conversion on the hand-written Glue corpus (issue 10), and a ratchet on strict-clean files.

Every converted file must parse, must not leave a name undefined that was defined before, and must keep
the input's comments. Files listed in KNOWN_BROKEN break one of these today (reason given); fixing one
makes its case XPASS: then remove it from the list. STRICT_CLEAN_FLOOR is today's count: raise it when a
change makes more files strict-clean, never lower it."""

import pytest

from benchmarks.corpus_report import (
    CORPUS, kept_comment_texts, measure_corpus, measure_file, residue_tokens, totals, undefined_names,
    unreachable_statements,
)

STRICT_CLEAN_FLOOR = 178
MIN_CORPUS_FILES = 70

KNOWN_BROKEN: dict[tuple[str, str], str] = {}
INVARIANTS = ("parses", "no_new_undefined", "comments_kept")


@pytest.fixture(scope="module")
def reports():
    return {r.path: r for r in measure_corpus()}


def _cases():
    for path in sorted(p.name for p in CORPUS.glob("*.py")):
        for invariant in INVARIANTS:
            reason = KNOWN_BROKEN.get((path, invariant))
            marks = [pytest.mark.xfail(strict=False, reason=reason)] if reason else []
            yield pytest.param(path, invariant, marks=marks, id=f"{path}:{invariant}")


@pytest.mark.parametrize("path, invariant", list(_cases()))
def test_invariant(reports, path, invariant):
    report = reports[path]
    if invariant == "parses":
        assert report.parses, report.error
    elif invariant == "no_new_undefined":
        assert not report.new_undefined, f"{path}: newly undefined {report.new_undefined}"
    else:
        assert not report.comments_lost, f"{path}: comments lost {report.comments_lost}"


def test_corpus_is_big_enough(reports):
    assert len(reports) >= MIN_CORPUS_FILES


def test_strict_clean_ratchet(reports):
    figures = totals(list(reports.values()))
    assert figures["strict_clean"] >= STRICT_CLEAN_FLOOR, figures


def test_measures_can_fail():
    """The measuring stick itself sees residue, undefined names, lost comments and unreachable code."""
    assert residue_tokens("x = 'awsglue'  # GlueContext\ny = glueContext\n") == [(2, "glueContext")]
    assert undefined_names("print(sink)\n", "t.py") == {"sink"}
    assert kept_comment_texts("from awsglue.job import Job  # noqa: E402\n# kept\n") == ["# kept"]
    assert unreachable_statements("def f():\n    return 1\n    g()\n") == 1
    broken = measure_file("broken.py", b"# one\ndef broken(:\n    pass\n")
    assert not broken.parses and broken.error
    assert not broken.strict_clean
    clean = measure_file("clean.py", b"import os\n# plain\nprint(os.sep)\n")
    assert clean.strict_clean and clean.comments == 1 and clean.comments_lost == []
