"""MongoDB / DocumentDB reads and writes -> ``format("mongodb")`` (MongoDB Spark connector 10)."""

from __future__ import annotations

from g2l_core.convert.connectors import mongodb
from g2l_core.convert.connectors.rules.base import ConnectorRead, ConnectorWrite


class MongoRead(ConnectorRead):
    DESCRIPTION = ("`from_options('mongodb'|'documentdb', {connection.uri|connectionName, database, collection})` -> "
                   "`spark.read.format('mongodb')`, login and TLS in the URI")
    TYPES = mongodb.TYPES


class MongoWrite(ConnectorWrite):
    DESCRIPTION = "`write_dynamic_frame.from_options(frame, 'mongodb', {...})` -> `df.write.format('mongodb').mode('append')`"
    TYPES = mongodb.TYPES


RULES = (MongoRead, MongoWrite)
