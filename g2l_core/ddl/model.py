"""Plain data carried between DDL conversion, apply and drift (no sqlglot, no Spark)."""

from __future__ import annotations

from dataclasses import dataclass, field


STATUS_CONVERTED = "converted"
STATUS_FLAGGED = "flagged"
STATUS_ERROR = "error"
STATUS_SKIPPED = "skipped"  # not DDL to convert (a query, MSCK REPAIR, an unrelated JSON file): reported, not an error

KIND_MANAGED = "managed"
KIND_EXTERNAL = "external"
KIND_VIEW = "view"
KIND_SCHEMA = "schema"
KIND_OTHER = "other"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool = True
    comment: str | None = None

    def as_dict(self) -> dict:
        return {"name": self.name, "type": self.type, "nullable": self.nullable, "comment": self.comment}


@dataclass
class TableResult:
    """One row of the ``uc_ddl`` table: one source statement and what it became."""

    source_file: str
    statement_index: int
    source_table: str | None
    target_full_name: str | None
    ddl: str | None
    columns: list[Column] = field(default_factory=list)
    partition_columns: list[str] = field(default_factory=list)
    table_kind: str = KIND_MANAGED
    status: str = STATUS_CONVERTED
    warnings: list[str] = field(default_factory=list)
    migration_hint: str = ""
    location: str | None = None
    source_format: str | None = None
    cluster_columns: list[str] = field(default_factory=list)
    line: int | None = None
    from_query: bool = False  # CREATE TABLE ... AS SELECT: applied after the tables it reads
    target_parts: tuple[str, ...] = ()  # (catalog, schema[, table]) unambiguous even when a name holds a dot

    @property
    def is_table(self) -> bool:
        return self.status != STATUS_ERROR and self.table_kind in (KIND_MANAGED, KIND_EXTERNAL) and bool(self.ddl)

    def as_dict(self) -> dict:
        return {
            "source_file": self.source_file,
            "statement_index": self.statement_index,
            "line": self.line,
            "source_table": self.source_table,
            "target_full_name": self.target_full_name,
            "ddl": self.ddl,
            "columns": [c.as_dict() for c in self.columns],
            "partition_columns": list(self.partition_columns),
            "cluster_columns": list(self.cluster_columns),
            "table_kind": self.table_kind,
            "status": self.status,
            "warnings": list(self.warnings),
            "migration_hint": self.migration_hint,
            "location": self.location,
            "source_format": self.source_format,
            "from_query": self.from_query,
        }


@dataclass
class TableSchemaInfo:
    """The schema a table actually has once applied (read back from the table, not from our DDL)."""

    full_name: str
    columns: list[Column]
    partition_columns: list[str] = field(default_factory=list)
    comment: str | None = None
    location: str | None = None
    provider: str | None = None


@dataclass
class ApplyOutcome:
    """What applying one ``TableResult`` did. ``action``: created, evolved, registered, updated (comments), unchanged,
    replaced (views), skipped or failed."""

    target_full_name: str | None
    action: str
    location: str | None = None
    notes: list[str] = field(default_factory=list)
    error: str | None = None


APPLIED_ACTIONS = ("created", "evolved", "registered", "updated", "unchanged", "replaced")


@dataclass
class ApplyReport:
    """Everything one apply did: ``N statements applied, M failed``, each failure with its table and the
    engine's message. Iterates over its outcomes."""

    outcomes: list[ApplyOutcome] = field(default_factory=list)

    def __iter__(self):
        return iter(self.outcomes)

    def __len__(self) -> int:
        return len(self.outcomes)

    @property
    def applied(self) -> list[ApplyOutcome]:
        return [o for o in self.outcomes if o.action in APPLIED_ACTIONS]

    @property
    def failed(self) -> list[ApplyOutcome]:
        return [o for o in self.outcomes if o.action == "failed"]

    def failures(self) -> list[str]:
        """One line per failure: the table and the engine's message."""
        return [f"{o.target_full_name}: {o.error}" for o in self.failed]

    def summary(self) -> str:
        head = f"{len(self.applied)} statements applied, {len(self.failed)} failed"
        return head + ("".join(f"\n  {line}" for line in self.failures()) if self.failed else "")
