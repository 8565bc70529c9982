"""Glue capacity -> Databricks job cluster, through one documented table that projects can override.

Glue sizes a job by worker type and count; one of the workers is the Spark driver, so ``N`` Glue workers
become a cluster of ``N - 1`` workers plus a driver of the same node type. Jobs sized by ``MaxCapacity``
(DPUs; one DPU = 4 vCPU and 16 GB, a G.1X worker) get ``ceil(DPUs)`` G.1X-sized nodes the same way; a
Python shell job (0.0625 or 1 DPU) runs on a single-node cluster. Autoscaling is off unless the project
asks for it, so a migrated job runs on the capacity it had on Glue.

Node types, chosen for the same vCPU and memory per worker (general purpose, local SSD where offered):

| Glue worker | vCPU / GB | aws | azure | gcp |
|---|---|---|---|---|
| G.025X | 2 / 4 | m5d.large | Standard_D2ds_v5 | n2-standard-2 |
| G.1X, Standard, 1 DPU | 4 / 16 | m5d.xlarge | Standard_D4ds_v5 | n2-standard-4 |
| G.2X | 8 / 32 | m5d.2xlarge | Standard_D8ds_v5 | n2-standard-8 |
| G.4X | 16 / 64 | m5d.4xlarge | Standard_D16ds_v5 | n2-standard-16 |
| G.8X | 32 / 128 | m5d.8xlarge | Standard_D32ds_v5 | n2-standard-32 |

Glue versions map to the Databricks LTS runtime with the nearest Spark (``spark_version`` overrides).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from g2l_core.jobs.model import GlueJob
from g2l_core.options import BundleOptions

NODE_TYPES: dict[str, dict[str, str]] = {
    "aws": {"G.025X": "m5d.large", "G.1X": "m5d.xlarge", "G.2X": "m5d.2xlarge", "G.4X": "m5d.4xlarge",
            "G.8X": "m5d.8xlarge"},
    "azure": {"G.025X": "Standard_D2ds_v5", "G.1X": "Standard_D4ds_v5", "G.2X": "Standard_D8ds_v5",
              "G.4X": "Standard_D16ds_v5", "G.8X": "Standard_D32ds_v5"},
    "gcp": {"G.025X": "n2-standard-2", "G.1X": "n2-standard-4", "G.2X": "n2-standard-8", "G.4X": "n2-standard-16",
            "G.8X": "n2-standard-32"},
}
SAME_AS = {"Standard": "G.1X", "DPU": "G.1X"}  # a Standard worker and a DPU are G.1X-sized
SPARK_VERSIONS = {"0.9": "12.2.x-scala2.12", "1.0": "12.2.x-scala2.12", "2.0": "12.2.x-scala2.12",
                  "3.0": "12.2.x-scala2.12", "4.0": "13.3.x-scala2.12", "5.0": "15.4.x-scala2.12"}
DEFAULT_SPARK_VERSION = "15.4.x-scala2.12"
SINGLE_NODE_CONF = {"spark.databricks.cluster.profile": "singleNode", "spark.master": "local[*, 4]"}
GLUE_DEFAULT_WORKERS = 10  # Glue's default capacity when a Spark job names none


def node_type(worker_type: str, options: BundleOptions) -> str | None:
    if worker_type in options.node_types:
        return options.node_types[worker_type]
    return NODE_TYPES[options.cloud].get(SAME_AS.get(worker_type, worker_type))


def new_cluster(job: GlueJob, options: BundleOptions, spark_conf: Mapping[str, str], notes: list[str]) -> dict:
    """The ``new_cluster`` of a job cluster sized like ``job`` on Glue; what is approximated goes to ``notes``."""
    spark_version = options.spark_version or SPARK_VERSIONS.get(job.glue_version or "", DEFAULT_SPARK_VERSION)
    if job.worker_type:
        worker, count = job.worker_type, job.number_of_workers or GLUE_DEFAULT_WORKERS
    elif job.max_capacity is not None:
        worker, count = "DPU", max(1, math.ceil(job.max_capacity))
    else:
        worker, count = "G.1X", GLUE_DEFAULT_WORKERS
        notes.append(f"no WorkerType or MaxCapacity: sized like Glue's default ({count} G.1X workers)")
    node = node_type(worker, options)
    if node is None:
        node = node_type("G.1X", options)
        notes.append(f"worker type {worker} has no node type in the table: G.1X-sized {node} used "
                     "(set bundle.node_types)")
    cluster: dict = {"spark_version": spark_version, "node_type_id": node}
    single = job.command == "pythonshell" or count <= 1
    if single:
        cluster["num_workers"] = 0
        cluster["spark_conf"] = {**SINGLE_NODE_CONF, **spark_conf}
        cluster["custom_tags"] = {"ResourceClass": "SingleNode"}
        return cluster
    if options.autoscale:
        cluster["autoscale"] = {"min_workers": 1, "max_workers": count - 1}
    else:
        cluster["num_workers"] = count - 1
    if spark_conf:
        cluster["spark_conf"] = dict(spark_conf)
    return cluster
