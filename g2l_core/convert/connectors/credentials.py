"""Glue connections -> secret-scope lookups.

A Glue catalog connection holds the JDBC URL, user and password (or a Secrets Manager secret). On
Databricks these live in a secret scope: each field is one secret, read by
``g2l_helpers.connection_secret(connection, field)``, which asks ``dbutils.secrets`` for the key the
project's ``secret_key_pattern`` gives in ``secret_scope``, and falls back to an environment variable
of the same name (upper case, ``_`` for anything else) outside Databricks, so converted jobs still run
locally. Generated code cannot use ``dbutils`` directly: it is a notebook global, undefined in Python
file tasks and on a laptop.
"""

from __future__ import annotations

from g2l_core.convert.connectors.plan import HelperCall, Plan, Secret, Value, literal

LOGIN_FIELDS = ("user", "password")


def connection_url(connection: Value, database: Value | None = None) -> Value:
    """The connection's JDBC URL; Glue's ``database`` option replaces the database it names."""
    url: Value = Secret(connection, "url")
    return url if database is None else HelperCall("jdbc_url", (url, database))


def add_connection(plan: Plan, connection: Value, database: Value | None = None, url: bool = True) -> None:
    """``url``/``user``/``password`` options of ``plan`` taken from the Glue connection's secrets."""
    if url:
        plan.option("url", connection_url(connection, database))
    for name in LOGIN_FIELDS:
        plan.option(name, Secret(connection, name))
    plan.notes.append(f"credentials of Glue connection {describe(connection)} from the secret scope")


def add_secrets_manager(plan: Plan, secret_id: Value) -> None:
    """``secretId`` (AWS Secrets Manager) -> the same two fields, stored under the secret's name."""
    for name in LOGIN_FIELDS:
        plan.option(name, Secret(secret_id, name))
    plan.notes.append(f"user/password of Secrets Manager secret {describe(secret_id)} from the secret scope")


def extract_jdbc_conf(connection: Value) -> HelperCall:
    """``glueContext.extract_jdbc_conf(name)`` -> a dict with Glue's keys built from the secret scope."""
    return HelperCall("jdbc_connection_conf", (connection,))


def describe(value: Value) -> str:
    text = literal(value, None)
    return repr(text) if isinstance(text, str) else "(computed at run time)"
