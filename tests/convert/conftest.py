"""Fixtures shared by the tests that run converted code."""

from __future__ import annotations

import importlib
import sys

import pytest

from g2l_core.convert import ConvertOptions, helper_module_source


@pytest.fixture(scope="module")
def helpers_on_path(tmp_path_factory):
    """A folder holding the helper module converted code imports, on ``sys.path`` for the module's tests."""
    folder = tmp_path_factory.mktemp("converted")
    (folder / "g2l_helpers.py").write_text(helper_module_source(ConvertOptions()))
    sys.path.insert(0, str(folder))
    importlib.invalidate_caches()
    yield folder
    sys.path.remove(str(folder))
    sys.modules.pop("g2l_helpers", None)
