"""One validation finding: which check, whether it passed, how much it matters, and what was seen."""

from __future__ import annotations

from dataclasses import dataclass

CRITICAL, WARNING, INFO = "critical", "warning", "info"


@dataclass(frozen=True)
class Check:
    check: str
    passed: bool
    severity: str  # critical | warning | info
    message: str
