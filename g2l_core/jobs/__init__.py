"""Glue job definitions (API JSON, CloudFormation, Terraform, job_config) and the Databricks Asset Bundle
written from them."""

from g2l_core.jobs.model import Condition, GlueJob, JobDefinitions, Problem, Trigger, Workflow
from g2l_core.jobs.read import JobDefinitionError, definitions_at, project_definitions, read_definitions

__all__ = ["Condition", "GlueJob", "JobDefinitionError", "JobDefinitions", "Problem", "Trigger", "Workflow",
           "definitions_at", "project_definitions", "read_definitions"]
