"""Glue job definitions (API JSON, CloudFormation, Terraform, Serverless, CDK apps, job_config) and the
Databricks Asset Bundle written from them.

Names are resolved on first use (PEP 562), so a submodule importing another (``jobs.read`` importing
``jobs.model``) never runs this package's imports and no submodule import leads back here.
"""

from __future__ import annotations

from g2l_core.lazy import lazy_exports

_EXPORTS = {
    "Condition": "model", "GlueJob": "model", "JobDefinitions": "model", "Problem": "model", "Trigger": "model",
    "Workflow": "model", "JobDefinitionError": "read", "definitions_at": "read", "project_definitions": "read",
    "read_definitions": "read",
}

__all__ = sorted(_EXPORTS)


__getattr__ = lazy_exports(__name__, _EXPORTS)
