"""Shared code for the risk engine Glue jobs.

Shipped to Glue as risk_common.zip via --extra-py-files (see jobs/job_config.json).
"""

__version__ = "2.4.1"
