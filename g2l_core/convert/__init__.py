"""Glue PySpark -> Databricks PySpark conversion with libcst.

``convert_source`` converts one module (pure: text in, text and decisions out), ``convert_files`` many
in parallel (``driver``). Each Glue construct is one rule class in a module named for its concern
(``reads``, ``writes``, ``transforms``, ...), listed in the rule table (``registry``); ``visitor`` runs
them all in a single pass over the parsed module, asking each through a ``state.Site``.

Names are resolved on first use (PEP 562), so importing a submodule such as ``convert.build`` does not
import the whole converter, and no submodule import leads back here.
"""

from __future__ import annotations

from g2l_core.lazy import lazy_exports

_EXPORTS = {
    "convert_files": "driver", "convert_source": "driver", "helper_module_source": "driver", "helper_dir": "driver",
    "CONVERTED": "model", "CONVERTED_WITH_HELPER": "model", "FLAGGED": "model", "REVIEW_MARKER": "model",
    "ConversionResult": "model", "ConvertOptions": "g2l_core.options", "Decision": "model", "automation_pct": "model",
    "glue_residue": "residue", "package_folders": "packages",
}

__all__ = sorted(_EXPORTS)


__getattr__ = lazy_exports(__name__, _EXPORTS)
