"""``marketplace.spark`` / ``custom.spark`` connectors -> ``format(<className>)``, options passed through;
Snowflake and OpenSearch Service connections -> ``format("snowflake"|"opensearch")``."""

from __future__ import annotations

from g2l_core.convert.connectors import custom
from g2l_core.convert.connectors.rules.base import ConnectorRead, ConnectorWrite


class SparkConnectorRead(ConnectorRead):
    DESCRIPTION = ("`from_options('marketplace.spark'|'custom.spark', {className, ...})` -> `spark.read.format(className)`; "
                   "`'opensearch'` -> `format('opensearch')` with the opensearch.* options")
    TYPES = custom.TYPES


class SparkConnectorWrite(ConnectorWrite):
    DESCRIPTION = ("`write_dynamic_frame.from_options(frame, 'custom.spark'|'opensearch', {className, ...})` -> "
                   "`df.write.format(className|'opensearch')`")
    TYPES = custom.TYPES


RULES = (SparkConnectorRead, SparkConnectorWrite)
