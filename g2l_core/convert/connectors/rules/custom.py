"""``marketplace.spark`` / ``custom.spark`` connectors -> ``format(<className>)``, options passed through."""

from __future__ import annotations

from g2l_core.convert.connectors import custom
from g2l_core.convert.connectors.rules.base import ConnectorRead, ConnectorWrite


class SparkConnectorRead(ConnectorRead):
    DESCRIPTION = "`from_options('marketplace.spark'|'custom.spark', {className, ...})` -> `spark.read.format(className)`"
    TYPES = custom.TYPES


class SparkConnectorWrite(ConnectorWrite):
    DESCRIPTION = "`write_dynamic_frame.from_options(frame, 'custom.spark', {className, ...})` -> `df.write.format(className)`"
    TYPES = custom.TYPES


RULES = (SparkConnectorRead, SparkConnectorWrite)
