"""Glue types named in string annotations: ``glue_context: "GlueContext"``, ``-> "DynamicFrame"``.

Library code imports the awsglue types under ``if TYPE_CHECKING:`` and quotes them in annotations. The
awsglue import goes once nothing else uses it, and a type checker (pyflakes too) then reads the quoted
name as undefined. The names inside the string get the renames ``TypeRename`` gives bare names.
"""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m

from g2l_core.convert.names import TYPE_RENAMES
from g2l_core.convert.rules import EARLY, Outcome, Rule, Site

_WORD = re.compile(r"[A-Za-z_]\w*")
_RENAMES = {**TYPE_RENAMES, "DynamicFrameCollection": (None, "dict")}


class StringAnnotationTypes(Rule):
    DESCRIPTION = ('`"DynamicFrame"` / `"GlueContext"` in string annotations -> `"DataFrame"` / `"SparkSession"` '
                   '(`"DynamicFrameCollection"` -> `"dict"`)')
    NODE = cst.SimpleString
    MATCHER = m.SimpleString()
    PRIORITY = EARLY

    def _glue_types(self, site: Site) -> dict[str, tuple[str | None, str]]:
        found = {}
        for word in set(_WORD.findall(site.original.value)):
            qualified = site.glue_import(word)
            short = qualified.rsplit(".", 1)[-1] if qualified else None
            if short in _RENAMES:
                found[word] = _RENAMES[short]
        return found

    def matches(self, site: Site) -> bool:
        return bool(self._glue_types(site))

    def rewrite(self, site: Site) -> Outcome:
        renames = self._glue_types(site)
        for module, new in renames.values():
            if module is not None:
                site.need_import(module, new)
        value = _WORD.sub(lambda w: renames[w.group()][1] if w.group() in renames else w.group(), site.updated.value)
        return site.updated.with_changes(value=value)


RULES = (StringAnnotationTypes,)
