"""The library's own subcommands (``g2l convert``, ``g2l ddl``, ``g2l jobs``, ``g2l dashboard``), for the ``g2l`` command to register."""

from __future__ import annotations

import argparse

from g2l_core.convert.cli import add_parser as add_convert
from g2l_core.dashboard.cli import add_parser as add_dashboard
from g2l_core.ddl.cli import add_parser as add_ddl
from g2l_core.jobs.cli import add_parser as add_jobs


def add_library_commands(sub: argparse._SubParsersAction) -> None:
    """Register the conversion commands that run without Dagster on ``sub``."""
    add_convert(sub)
    add_ddl(sub)
    add_jobs(sub)
    add_dashboard(sub)
