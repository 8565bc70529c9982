"""dagster_home/dagster.yaml loads into a real instance with the queue limits g2l relies on."""

import shutil

import dagster as dg

from tests.conftest import REPO_ROOT


def test_run_queue_and_pools_are_configured(tmp_path, monkeypatch):
    shutil.copy(REPO_ROOT / "dagster_home" / "dagster.yaml", tmp_path / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    with dg.DagsterInstance.get() as instance:
        assert type(instance.run_coordinator).__name__ == "QueuedRunCoordinator"
        config = instance.get_concurrency_config()
        queue = config.run_queue_config
        assert queue.max_concurrent_runs >= 1
        assert {"key": "dagster/partition", "value": {"applyLimitPerUniqueValue": True}, "limit": 1} in queue.tag_concurrency_limits
        assert config.pool_config.default_pool_limit == 1
