"""The checks every connector rule case goes through: the code and decisions expected, no Glue left
(not even under a review note: a flag never sits on code that cannot run), no name left undefined."""

from __future__ import annotations

import pyflakes.api
import pyflakes.reporter
import pytest

from g2l_core.convert import REVIEW_MARKER, ConvertOptions, convert_source, glue_residue

HEADER = "from awsglue.context import GlueContext\nfrom awsgluedq.transforms import EvaluateDataQuality\n"


def undefined_names(code: str) -> set[str]:
    """Names pyflakes reports undefined (a snippet's free variables are defined by its callers)."""
    found: set[str] = set()

    class Collect(pyflakes.reporter.Reporter):
        def __init__(self):
            pass

        def flake(self, message):
            if type(message).__name__ == "UndefinedName":
                found.add(message.message_args[0])

    pyflakes.api.check(code, "job.py", Collect())
    return found


def check_cases(cases, options: ConvertOptions | None = None):
    """The before -> after test for a module's ``CASES`` (bind it at module level), converted with ``options``."""
    options = options or ConvertOptions()

    @pytest.mark.parametrize("before, after, decisions", cases)
    def test_connector_rule(before, after, decisions):
        result = convert_source(HEADER + "\n" + before, "job.py", options)
        assert result.code.lstrip("\n") == after
        assert [(d.rule, d.action) for d in result.decisions] == decisions
        assert glue_residue(result.code.replace(REVIEW_MARKER, "# note:")) == []
        assert undefined_names(result.code) <= undefined_names(HEADER + before)
        again = convert_source(result.code, "job.py", options)
        assert again.code == result.code  # converting converted code changes nothing

    return test_connector_rule
