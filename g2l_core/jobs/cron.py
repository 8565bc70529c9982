"""Glue schedule ``cron(Minutes Hours Day-of-month Month Day-of-week Year)`` (UTC) to Databricks Quartz cron.

Both dialects share the special characters (``, - * ? / L W #``), month names JAN-DEC and day-of-week
numbering 1-7 = SUN-SAT (AWS: "1-7 or SUN-SAT"; Quartz: "1-7 or SUN-SAT", 1 = Sunday), so a valid Glue
expression maps field for field: Quartz adds seconds in front (``0``) and takes the year last, left out
when it is ``*``. Every field is checked against the Glue rules first, so an expression Glue would reject
never becomes a schedule that means something else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
DAYS = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")
QUARTZ_MAX_YEAR = 2099


class CronError(ValueError):
    """A Glue schedule that is not valid; the message names the trigger and its definition file."""


@dataclass(frozen=True)
class _Field:
    name: str
    low: int
    high: int
    names: tuple[str, ...] = ()
    question: bool = False  # '?' allowed
    extra: re.Pattern | None = None  # single items beyond numbers/ranges/steps (L, W, #)


_FIELDS = (
    _Field("minutes", 0, 59),
    _Field("hours", 0, 23),
    _Field("day-of-month", 1, 31, question=True, extra=re.compile(r"^(L|LW|(?P<w>\d{1,2})W)$")),
    _Field("month", 1, 12, MONTHS),
    _Field("day-of-week", 1, 7, DAYS, question=True,
           extra=re.compile(r"^(L|(?P<l>[1-7]|[A-Z]{3})L|(?P<h>[1-7]|[A-Z]{3})#(?P<n>[1-5]))$")),
    _Field("year", 1970, 2199),
)


def glue_to_quartz(expression: str, where: str = "schedule") -> str:
    """``cron(15 12 * * ? *)`` -> ``0 15 12 * * ?``; ``where`` names the trigger and file for errors."""
    def fail(problem: str) -> CronError:
        return CronError(f"{where}: schedule {expression!r}: {problem}")

    m = re.fullmatch(r"\s*cron\((.*)\)\s*", expression or "", flags=re.IGNORECASE)
    if not m:
        raise fail("expected cron(minutes hours day-of-month month day-of-week year), the only schedule form "
                   "Glue triggers take")
    parts = m.group(1).split()
    if len(parts) != 6:
        raise fail(f"expected 6 fields (minutes hours day-of-month month day-of-week year), got {len(parts)}")
    parts = [p.upper() for p in parts]
    for spec, text in zip(_FIELDS, parts):
        problem = _check(spec, text)
        if problem:
            raise fail(f"{spec.name} {text!r}: {problem}")
    dom, dow = parts[2], parts[4]
    if (dom == "?") == (dow == "?"):
        raise fail("exactly one of day-of-month and day-of-week must be '?' (Glue and Quartz both require it)")
    year = parts[5]
    if year != "*" and any(int(y) > QUARTZ_MAX_YEAR for y in re.findall(r"\d+", year.split("/")[0])):
        raise fail(f"year {year!r}: Databricks (Quartz) schedules end at {QUARTZ_MAX_YEAR}")
    quartz = ["0", *parts[:5]]
    if year != "*":
        quartz.append(year)
    return " ".join(quartz)


def _check(spec: _Field, text: str) -> str | None:
    if text == "?":
        return None if spec.question else "'?' is allowed only in day-of-month and day-of-week"
    if text == "*":
        return None
    for item in text.split(","):
        problem = _check_item(spec, item)
        if problem:
            return problem
    return None


def _check_item(spec: _Field, item: str) -> str | None:
    if spec.extra and (m := spec.extra.match(item)):
        for key in ("w", "l", "h"):
            value = m.groupdict().get(key)
            if value is not None and _value(spec, value) is None:
                return f"{value!r} is outside {spec.low}-{spec.high}"
        return None
    base, _, step = item.partition("/")
    if step and (not step.isdigit() or int(step) == 0):
        return f"step {step!r} must be a positive number"
    if base == "*" and step:
        return None
    low, dash, high = base.partition("-")
    first = _value(spec, low)
    if first is None:
        return _expected(spec, low)
    if dash:
        last = _value(spec, high)
        if last is None:
            return _expected(spec, high)
        if last < first:
            return f"range {base!r} runs backwards"
    return None


def _value(spec: _Field, text: str) -> int | None:
    if text.isdigit():
        n = int(text)
        return n if spec.low <= n <= spec.high else None
    if text in spec.names:
        return spec.names.index(text) + spec.low
    return None


def _expected(spec: _Field, text: str) -> str:
    names = f" or {spec.names[0]}-{spec.names[-1]}" if spec.names else ""
    return f"{text!r} is not a value {spec.low}-{spec.high}{names}"


_UNIX_FIELDS = (
    _Field("minute", 0, 59),
    _Field("hour", 0, 23),
    _Field("day-of-month", 1, 31, question=True, extra=re.compile(r"^L$")),
    _Field("month", 1, 12, MONTHS),
    _Field("day-of-week", 0, 7, DAYS, question=True, extra=re.compile(r"^(?P<h>[0-7]|[A-Z]{3})#(?P<n>[1-5])$")),
)
UNIX_ALIASES = ("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly")


def unix_cron_problem(expression: str) -> str | None:
    """What is wrong with a five-field Unix cron expression (Dagster schedules), None when it is valid.

    Days of the week are 0-7 or SUN-SAT (0 and 7 are Sunday); ``?`` (any), ``L`` (last day of the month)
    and ``N#k`` (k-th weekday N of the month) are the extensions Dagster's cron library takes."""
    text = (expression or "").strip()
    if text.lower() in UNIX_ALIASES:
        return None
    parts = text.upper().split()
    if len(parts) != 5:
        return f"expected 5 fields (minute hour day-of-month month day-of-week), got {len(parts)}"
    for spec, part in zip(_UNIX_FIELDS, parts):
        problem = _check(spec, part)
        if problem:
            return f"{spec.name} {part!r}: {problem}"
    return None
