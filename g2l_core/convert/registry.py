"""The rule table: every rule module's ``RULES``, indexed for the visitor.

Order here does not matter: each rule says its node type and keys (from its matcher) and its
``PRIORITY``. Adding a rule is its class in a rule module (a new module is listed here once) and its test.
"""

from __future__ import annotations

import functools

from g2l_core.convert import (
    arguments, constants, context, ddb_json, debugging, flags, frame_collections, frames, functions, glue_service,
    glue_types, iceberg_catalog, loggers, names, parameters, purge, reads, sensitive_data, sinks, sql_context, streaming,
    string_annotations, studio, table_names, transactions, transforms, visual_transforms, writes,
)
from g2l_core.convert.connectors.rules import credentials as connector_credentials
from g2l_core.convert.connectors.rules import custom as connector_custom
from g2l_core.convert.connectors.rules import data_quality as connector_data_quality
from g2l_core.convert.connectors.rules import dynamodb as connector_dynamodb
from g2l_core.convert.connectors.rules import jdbc as connector_jdbc
from g2l_core.convert.connectors.rules import mongodb as connector_mongodb
from g2l_core.convert.connectors.rules import redshift as connector_redshift
from g2l_core.convert.connectors.rules import sinks as connector_sinks
from g2l_core.convert.connectors.rules import streaming as connector_streaming
from g2l_core.convert.rules import Rule, RuleIndex

RULE_MODULES = (arguments, constants, context, ddb_json, debugging, flags, frame_collections, frames, functions,
                glue_service, glue_types, iceberg_catalog, loggers, names, parameters, purge, reads, sensitive_data, sinks, sql_context,
                streaming, string_annotations, studio, table_names, transactions, transforms, visual_transforms, writes,
                connector_credentials, connector_custom, connector_data_quality, connector_dynamodb, connector_jdbc,
                connector_mongodb, connector_redshift, connector_sinks, connector_streaming)


def all_rules() -> list[type[Rule]]:
    return [cls for module in RULE_MODULES for cls in module.RULES]


@functools.cache
def rule_index() -> RuleIndex:
    return RuleIndex([cls() for cls in all_rules()])
