"""Value types shared by the converter: options in, results and decisions out."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

CONVERTED = "converted"
CONVERTED_WITH_HELPER = "converted_with_helper"
FLAGGED = "flagged"
ACTIONS = (CONVERTED, CONVERTED_WITH_HELPER, FLAGGED)

REVIEW_MARKER = "# g2l: review:"

_EMPTY: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class ConvertOptions:
    """Project settings that change what converted code looks like."""

    catalog: str = "main"
    schema_map: Mapping[str, str] = field(default_factory=dict)  # glue database -> UC schema
    path_map: Mapping[str, str] = field(default_factory=dict)  # s3 prefix -> target prefix
    params: str = "argv"  # "argv" or "widgets"
    bookmarks: Mapping[str, bool] = field(default_factory=dict)  # job file or job name -> enabled
    helper_module: str = "g2l_helpers"

    def __post_init__(self) -> None:
        if self.params not in ("argv", "widgets"):
            raise ValueError(f"params: expected 'argv' or 'widgets', got {self.params!r}")
        if not self.helper_module.isidentifier():
            raise ValueError(f"helper_module: {self.helper_module!r} is not a Python module name")

    def table_name(self, database: str, table: str) -> str:
        """Unity Catalog three-level name of a Glue catalog table."""
        return f"{self.catalog}.{self.schema_map.get(database, database)}.{table}"

    def map_path(self, path: str) -> str:
        """Rewrite an S3 path by the longest matching ``path_map`` prefix; unmatched paths are kept."""
        best = max((p for p in self.path_map if path.startswith(p)), key=len, default=None)
        return path if best is None else self.path_map[best] + path[len(best):]

    def bookmarks_enabled(self, path: str) -> bool:
        """Looked up by relative path, file name or job name (file stem)."""
        name = path.replace("\\", "/").rsplit("/", 1)[-1]
        stem = name[:-3] if name.endswith(".py") else name
        return any(self.bookmarks.get(key, False) for key in (path, name, stem))


@dataclass(frozen=True)
class Decision:
    """What the converter did at one Glue call site."""

    file: str
    line: int
    api: str
    action: str  # "converted" | "converted_with_helper" | "flagged"
    rule: str
    message: str


@dataclass
class ConversionResult:
    path: str
    code: str | None  # None when the file could not be parsed
    decisions: list[Decision]
    helpers_used: set[str]
    error: str | None  # "path:line:col: message" when unparseable
    changed: bool


class Kind(enum.Enum):
    """What a Glue-side value is, as far as the converter can tell from one module."""

    GLUE_CONTEXT = "GlueContext"
    SPARK_CONTEXT = "SparkContext"
    SPARK_SESSION = "SparkSession"
    JOB = "Job"
    DYNAMIC_FRAME = "DynamicFrame"
    DATA_FRAME = "DataFrame"
    COLLECTION = "DynamicFrameCollection"
    LOGGER = "logger"
    SINK = "DataSink"
    SOURCE = "DataSource"
    RDD = "RDD"


def automation_pct(decisions: Iterable[Decision | Mapping]) -> float:
    """Share of call sites converted without manual review, in percent (100 when there is nothing to do)."""
    actions = [d["action"] if isinstance(d, Mapping) else d.action for d in decisions]
    if not actions:
        return 100.0
    return round(100.0 * sum(a != FLAGGED for a in actions) / len(actions), 1)
