"""Connector rules, one module per family; they come before the generic read/write rules, which handle
files and catalog tables."""

from __future__ import annotations

from g2l_core.convert.connectors.rules import (
    credentials, custom, data_quality, dynamodb, jdbc, mongodb, redshift, streaming,
)

MODULES = (credentials, data_quality, redshift, jdbc, streaming, custom, mongodb, dynamodb)
RULES = tuple(rule for module in MODULES for rule in module.RULES)
