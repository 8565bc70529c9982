"""Module-level path constants: ``path_map`` applied where the constant is defined, so every use of it
gets the mapped path."""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from g2l_core.convert.rules import Outcome, Rule, Site


class PathConstant(Rule):
    DESCRIPTION = "`LANDING = \"s3://bucket/raw\"` (or a list/dict of such) under a path_map prefix -> the mapped path"
    API = "S3 path constant"
    NODE = cst.SimpleStatementLine
    MATCHER = m.SimpleStatementLine()

    def matches(self, site: Site) -> bool:
        return site.path_constant() is not None

    def rewrite(self, site: Site) -> Outcome:
        small = site.updated.body[0]
        assert isinstance(small, (cst.Assign, cst.AnnAssign))
        target = small.targets[0].target if isinstance(small, cst.Assign) else small.target
        site.converted(self, f"{site.code(target)}: path_map applied where the constant is defined")
        return site.updated.with_changes(body=[small.with_changes(value=site.path_constant())])


RULES = [PathConstant]
