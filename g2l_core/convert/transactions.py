"""Lake Formation governed-table transactions (``start_transaction`` / ``commit_transaction`` /
``cancel_transaction``) have no Databricks counterpart: each Delta write commits atomically by itself.

The transaction id becomes ``None`` (reads and writes drop their ``transactionId``), commit and cancel
statements go, and the start is flagged: writes the transaction grouped no longer commit or roll back
together. The job runs; what is lost is said where the transaction began.
"""

from __future__ import annotations

import libcst as cst

from g2l_core.convert.model import Kind
from g2l_core.convert.rules import FLAGS_FIRST, REMOVE, Outcome, Rule, Site, glue_method

START_NOTE = ("Lake Formation transaction: each Delta write commits atomically by itself, so writes made in this "
              "transaction no longer commit or roll back together (the id is None, commit/cancel are gone); "
              "where a failure must leave no table written, write staging tables first and publish them last")


class Transaction(Rule):
    DESCRIPTION = "`tx = glueContext.start_transaction(...)` -> `tx = None` (flagged); commit/cancel statements go"
    API = "GlueContext"
    MATCHER = glue_method("start_transaction", "commit_transaction", "cancel_transaction")
    PRIORITY = FLAGS_FIRST

    def matches(self, site: Site) -> bool:
        return super().matches(site) and site.kind(site.original_receiver()) in (Kind.GLUE_CONTEXT, None)

    def rewrite(self, site: Site) -> Outcome:
        method = site.original.func.attr.value  # type: ignore[attr-defined]
        api = f"GlueContext.{method}"
        if method == "start_transaction":
            site.flag(self, START_NOTE, api)
            if site.is_statement():
                return REMOVE
            return cst.Name("None")
        if site.is_statement():
            site.converted(self, "removed: Delta writes commit by themselves (see the note at start_transaction)", api)
            return REMOVE
        site.flag(self, f"{method}() used as a value: Delta writes commit by themselves; remove it by hand", api)
        return None


RULES = (Transaction,)
