"""Spark engine selection: one setting picks where Spark runs; code above it is the same.

- ``sail`` (default): an in-process pysail Spark Connect server on a free loopback port. No JVM, starts
  in under a second, reads and writes Delta. Its catalog lives in memory, so Delta tables are kept as
  folders in a local warehouse (``<warehouse>/<catalog>/<schema>/<table>``) and registered by location
  whenever a session starts.
- ``local``: the JVM Spark Connect server that pyspark ships (``remote("local[2]")``); faithful Spark
  semantics, no Delta.
- ``sc://...``: any Spark Connect endpoint (Databricks Connect, a cluster); nothing is registered.
"""

from __future__ import annotations

import contextlib
import logging
import os
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from g2l_core.options import path_part

log = logging.getLogger(__name__)

ENGINES = ("sail", "local")


class EngineSettingError(ValueError):
    """The engine setting is neither a known engine name nor a Spark Connect URL."""


def check_engine_setting(setting: str) -> str:
    if setting in ENGINES or setting.startswith("sc://"):
        return setting
    raise EngineSettingError(
        f"engine setting {setting!r} is not one of 'sail', 'local' or an 'sc://host:port' Spark Connect URL"
    )


def start_sail():
    """Start an in-process pysail Spark Connect server on a free port; returns ``(server, url)``."""
    # Sail logs every session start and shutdown at INFO/WARN to stderr; keep run output readable.
    os.environ.setdefault("RUST_LOG", "error")
    from pysail.spark import SparkConnectServer

    server = SparkConnectServer(ip="127.0.0.1", port=0)
    server.start(background=True)
    host, port = server.listening_address
    return server, f"sc://{host}:{port}"


@dataclass
class WarehouseTable:
    catalog: str
    schema: str
    table: str
    location: Path

    @property
    def full_name(self) -> str:
        return f"{self.catalog}.{self.schema}.{self.table}"


def warehouse_tables(warehouse: Path) -> list[WarehouseTable]:
    """Delta tables kept under ``warehouse/<catalog>/<schema>/<table>`` (a folder with a ``_delta_log``)."""
    found = []
    if not warehouse.is_dir():
        return found
    for log_dir in sorted(warehouse.glob("*/*/*/_delta_log")):
        table_dir = log_dir.parent
        schema_dir = table_dir.parent
        found.append(WarehouseTable(schema_dir.parent.name, schema_dir.name, table_dir.name, table_dir))
    return found


def table_location(warehouse: Path, full_name: str) -> Path:
    """Folder of a three-level table name; lower-cased, as Unity Catalog names are case-insensitive. Each
    part is one encoded folder name (``path_part``), so no name from input can place a table outside the
    warehouse."""
    return Path(warehouse).joinpath(*(path_part(part.lower()) for part in full_name.split(".")))


def register_warehouse(spark, warehouse: Path) -> list[str]:
    """Make every Delta folder of the local warehouse visible under its three-level name.

    A folder the engine cannot take (pysail decodes ``%`` in a LOCATION, so a table whose encoded name holds
    one is not found where it was written) is left out with a warning: one odd table must not take every
    stage's session, and every other table, down with it."""
    names = []
    schemas = set()
    for t in warehouse_tables(warehouse):
        try:
            if (t.catalog, t.schema) not in schemas:
                spark.sql(f"CREATE SCHEMA IF NOT EXISTS `{t.catalog}`.`{t.schema}`")
                schemas.add((t.catalog, t.schema))
            spark.sql(
                f"CREATE TABLE IF NOT EXISTS `{t.catalog}`.`{t.schema}`.`{t.table}` "
                f"USING DELTA LOCATION '{t.location.resolve().as_posix()}'"
            )
        except Exception as exc:  # noqa: BLE001 - the engine's error types depend on the engine
            warnings.warn(f"warehouse table {t.location} not registered: {str(exc).splitlines()[0][:300]}",
                          stacklevel=2)
            continue
        names.append(t.full_name)
    return names


@contextlib.contextmanager
def spark_session(setting: str = "sail", warehouse: Path | None = None) -> Iterator:
    """A Spark Connect session for ``setting``; the local warehouse is registered on ``sail``."""
    setting = check_engine_setting(setting)
    server = None
    if setting == "local":
        from pyspark.sql import SparkSession

        # The classic builder starts the JVM Spark Connect server that pyspark ships; stop() ends it.
        spark = SparkSession.builder.remote("local[2]").getOrCreate()
    else:
        from pyspark.sql.connect.session import SparkSession as ConnectSession

        if setting == "sail":
            server, url = start_sail()
        else:
            url = setting
        # pyspark.sql.functions and Window dispatch to Spark Connect only when this is set; converted
        # jobs calling SparkSession.builder.getOrCreate() then get this session.
        os.environ["SPARK_CONNECT_MODE_ENABLED"] = "1"
        previous_remote = os.environ.get("SPARK_REMOTE")
        os.environ["SPARK_REMOTE"] = url
        # create(), not getOrCreate(): a session already open in this process (another engine, a test
        # fixture) must not be reused for a different server.
        spark = ConnectSession.builder.remote(url).create()
    try:
        if setting == "sail" and warehouse is not None:
            register_warehouse(spark, Path(warehouse))
        yield spark
    finally:
        with contextlib.suppress(Exception):
            spark.stop()
        if server is not None:
            with contextlib.suppress(Exception):
                server.stop()
        if setting != "local":
            if previous_remote is None:
                os.environ.pop("SPARK_REMOTE", None)
            else:
                os.environ["SPARK_REMOTE"] = previous_remote
