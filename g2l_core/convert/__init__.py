"""Glue PySpark -> Databricks PySpark conversion with libcst.

``convert_source`` converts one module (pure: text in, text and decisions out), ``convert_files`` many
in parallel. Each Glue construct is one rule class in a module named for its concern (``reads``,
``writes``, ``transforms``, ...); ``transformer`` runs them all in a single pass over the parsed module.
"""

from g2l_core.convert.engine import convert_files, convert_source, helper_module_source
from g2l_core.convert.model import (
    CONVERTED, CONVERTED_WITH_HELPER, FLAGGED, REVIEW_MARKER, ConversionResult, ConvertOptions, Decision,
    automation_pct,
)
from g2l_core.convert.residue import glue_residue

__all__ = [
    "CONVERTED", "CONVERTED_WITH_HELPER", "FLAGGED", "REVIEW_MARKER", "ConversionResult", "ConvertOptions",
    "Decision", "automation_pct", "convert_files", "convert_source", "glue_residue", "helper_module_source",
]
