"""Glue job definitions (API JSON, CloudFormation, Terraform, job_config) and the Databricks Asset Bundle
written from them.

Names are resolved on first use (PEP 562), so a submodule importing another (``jobs.read`` importing
``jobs.model``) never runs this package's imports and no submodule import leads back here.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "Condition": "model", "GlueJob": "model", "JobDefinitions": "model", "Problem": "model", "Trigger": "model",
    "Workflow": "model", "JobDefinitionError": "read", "definitions_at": "read", "project_definitions": "read",
    "read_definitions": "read",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'g2l_core.jobs' has no attribute {name!r}")
    return getattr(importlib.import_module(f"g2l_core.jobs.{_EXPORTS[name]}"), name)
