"""Value types shared by the converter: options in, results and decisions out."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


CONVERTED = "converted"
CONVERTED_WITH_HELPER = "converted_with_helper"
FLAGGED = "flagged"
ACTIONS = (CONVERTED, CONVERTED_WITH_HELPER, FLAGGED)

REVIEW_MARKER = "# g2l: review:"


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
    session: dict = field(default_factory=dict)  # a notebook's Glue session settings (``convert.magics``)


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
