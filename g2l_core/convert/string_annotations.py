"""Glue types named in string annotations: ``glue_context: "GlueContext"``, ``-> "DynamicFrame"``, ``-> "Job"``.

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
_RENAMES = {**TYPE_RENAMES, "DynamicFrameCollection": (None, "dict"), "DynamicRecord": (None, "dict")}
# The job object converted code keeps is the helper module's stand-in (``JobType`` renames the bare name).
_HELPER_TYPES = {"Job": "NoOpJob"}


class StringAnnotationTypes(Rule):
    DESCRIPTION = ('`"DynamicFrame"` / `"GlueContext"` in string annotations -> `"DataFrame"` / `"SparkSession"` '
                   '(`"DynamicFrameCollection"` -> `"dict"`, `"Job"` -> `"g2l_helpers.NoOpJob"`)')
    NODE = cst.SimpleString
    MATCHER = m.SimpleString()
    PRIORITY = EARLY

    def _glue_types(self, site: Site) -> dict[str, tuple[str | None, str]]:
        found: dict[str, tuple[str | None, str]] = {}
        for word in set(_WORD.findall(site.original.value)):
            qualified = site.glue_import(word)
            short = qualified.rsplit(".", 1)[-1] if qualified else None
            if short in _RENAMES:
                found[word] = _RENAMES[short]
            elif short in _HELPER_TYPES:
                found[word] = (None, _HELPER_TYPES[short])
        return found

    def matches(self, site: Site) -> bool:
        return bool(self._glue_types(site))

    def rewrite(self, site: Site) -> Outcome:
        renames = self._glue_types(site)
        for word, (module, new) in list(renames.items()):
            if module is not None:
                site.need_import(module, new)
            elif new in _HELPER_TYPES.values():
                renames[word] = (None, site.code(site.helper(new)))
        value = _WORD.sub(lambda w: renames[w.group()][1] if w.group() in renames else w.group(), site.updated.value)
        return site.updated.with_changes(value=value)


RULES = (StringAnnotationTypes,)
