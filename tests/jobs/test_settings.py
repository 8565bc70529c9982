"""Registry keys for job definitions and the bundle: ``job_definitions`` globs, ``job_config`` as an alias."""

import pytest

from g2l_core.config import ConfigError, parse_registry

BASE = """
projects:
  - name: claims
    glue: {{url: /tmp/g.git, {glue}}}
    target: {{url: /tmp/t.git}}
{extra}
"""


def _project(glue="", extra=""):
    return parse_registry(BASE.format(glue=glue, extra=extra), "projects.yaml")[0]


def test_job_definitions_globs_and_job_config_alias():
    p = _project("job_definitions: [infra/*.yaml, tf/], job_config: jobs/job_config.json, "
                 "job_parameters: {ArtifactBucket: claims-artifacts, Workers: 10}")
    assert p.glue.job_definitions == ("infra/*.yaml", "tf/", "jobs/job_config.json")
    assert p.glue.job_parameters == {"ArtifactBucket": "claims-artifacts", "Workers": "10"}
    assert _project("job_config: jobs/job_config.json").glue.job_definitions == ("jobs/job_config.json",)
    assert _project().glue.job_definitions == ()


def test_bundle_settings_default_to_project_name_and_workspace_host():
    p = _project(extra="    databricks: {host: https://x.cloud.databricks.com, warehouse_id: w}")
    assert (p.bundle.name, p.bundle.cloud, p.bundle.compute) == ("claims", "aws", "job_cluster")
    assert p.bundle.hosts == {"dev": "https://x.cloud.databricks.com", "prod": "https://x.cloud.databricks.com"}
    q = _project(extra="    bundle: {compute: serverless, cloud: gcp, node_types: {G.1X: n2-highmem-4}, autoscale: true}")
    assert (q.bundle.compute, q.bundle.cloud, dict(q.bundle.node_types), q.bundle.autoscale) == (
        "serverless", "gcp", {"G.1X": "n2-highmem-4"}, True)


@pytest.mark.parametrize(("extra", "message"), [
    ("    bundle: {cloud: oracle}", "projects.yaml: projects[0] (claims).bundle.cloud: expected one of aws, azure, gcp, got 'oracle'"),
    ("    bundle: {compute: fleet}", "projects.yaml: projects[0] (claims).bundle.compute: expected one of job_cluster, serverless"),
    ("    bundle: {autoscale: maybe}", "projects.yaml: projects[0] (claims).bundle.autoscale: expected true or false, got 'maybe'"),
    ("    bundle: {region: x}", "projects.yaml: projects[0] (claims).bundle.region: unknown key"),
])
def test_bad_bundle_setting_names_the_key(extra, message):
    with pytest.raises(ConfigError) as err:
        _project(extra=extra)
    assert str(err.value).startswith(message)
