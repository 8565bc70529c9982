"""Glue cron -> Quartz cron, every form Glue documents, and invalid schedules named by trigger and file."""

import pytest

from g2l_core.jobs.cron import CronError, glue_to_quartz, unix_cron_problem


@pytest.mark.parametrize(("glue", "quartz"), [
    ("cron(15 12 * * ? *)", "0 15 12 * * ?"),                      # every day 12:15 UTC
    ("cron(0 10 * * ? *)", "0 0 10 * * ?"),
    ("cron(0 18 ? * MON-FRI *)", "0 0 18 ? * MON-FRI"),           # day-of-week names, range
    ("cron(0 8 1 * ? *)", "0 0 8 1 * ?"),                         # first day of the month
    ("cron(0/15 * * * ? *)", "0 0/15 * * * ?"),                   # step from a start
    ("cron(*/10 * * * ? *)", "0 */10 * * * ?"),                   # step over everything
    ("cron(5,35 14 * * ? *)", "0 5,35 14 * * ?"),                 # list
    ("cron(0-5 13 * * ? *)", "0 0-5 13 * * ?"),                   # range
    ("cron(0 9-17/2 ? * 2-6 *)", "0 0 9-17/2 ? * 2-6"),           # range with step; numbered days (MON-FRI)
    ("cron(0 8 ? * 1 *)", "0 0 8 ? * 1"),                         # 1 = SUN in both dialects
    ("cron(0 8 ? * SUN,SAT *)", "0 0 8 ? * SUN,SAT"),
    ("cron(0 8 L * ? *)", "0 0 8 L * ?"),                         # last day of the month
    ("cron(0 8 LW * ? *)", "0 0 8 LW * ?"),                       # last weekday of the month
    ("cron(0 8 15W * ? *)", "0 0 8 15W * ?"),                     # weekday nearest the 15th
    ("cron(0 8 ? * 6L *)", "0 0 8 ? * 6L"),                       # last Friday
    ("cron(0 8 ? * FRIL *)", "0 0 8 ? * FRIL"),
    ("cron(0 8 ? * L *)", "0 0 8 ? * L"),                         # last day of the week (Saturday)
    ("cron(0 8 ? * 3#2 *)", "0 0 8 ? * 3#2"),                     # second Tuesday
    ("cron(0 8 ? * MON#1 *)", "0 0 8 ? * MON#1"),
    ("cron(0 0 1 JAN,JUL ? *)", "0 0 0 1 JAN,JUL ?"),             # month names
    ("cron(0 0 1 1-6/2 ? *)", "0 0 0 1 1-6/2 ?"),
    ("cron(30 2 ? * mon-fri *)", "0 30 2 ? * MON-FRI"),           # lower case names
    ("cron(0 12 * * ? 2025)", "0 0 12 * * ? 2025"),               # a year is kept
    ("cron(0 12 * * ? 2025-2027)", "0 0 12 * * ? 2025-2027"),
    ("  cron(0 12 * * ? *) ", "0 0 12 * * ?"),
])
def test_glue_cron_to_quartz(glue, quartz):
    assert glue_to_quartz(glue, "t") == quartz


WHERE = "infra/glue.yaml: trigger nightly"


@pytest.mark.parametrize(("glue", "problem"), [
    ("rate(5 minutes)", "expected cron(minutes hours day-of-month month day-of-week year)"),
    ("cron(0 12 * * ?)", "expected 6 fields (minutes hours day-of-month month day-of-week year), got 5"),
    ("cron(0 12 * * * *)", "exactly one of day-of-month and day-of-week must be '?'"),
    ("cron(0 12 ? * ? *)", "exactly one of day-of-month and day-of-week must be '?'"),
    ("cron(60 12 * * ? *)", "minutes '60': '60' is not a value 0-59"),
    ("cron(0 24 * * ? *)", "hours '24': '24' is not a value 0-23"),
    ("cron(0 1 32 * ? *)", "day-of-month '32': '32' is not a value 1-31"),
    ("cron(0 1 ? 13 MON *)", "month '13': '13' is not a value 1-12 or JAN-DEC"),
    ("cron(0 1 ? * 8 *)", "day-of-week '8': '8' is not a value 1-7 or SUN-SAT"),
    ("cron(0 1 ? * FUN *)", "day-of-week 'FUN': 'FUN' is not a value 1-7 or SUN-SAT"),
    ("cron(0 1 ? * 2#6 *)", "day-of-week '2#6'"),
    ("cron(0 ? * * ? *)", "hours '?': '?' is allowed only in day-of-month and day-of-week"),
    ("cron(0/0 1 * * ? *)", "minutes '0/0': step '0' must be a positive number"),
    ("cron(0 17-9 * * ? *)", "hours '17-9': range '17-9' runs backwards"),
    ("cron(0 1 32W * ? *)", "day-of-month '32W': '32' is outside 1-31"),
    ("cron(0 1 * * ? 2150)", "year '2150': Databricks (Quartz) schedules end at 2099"),
    ("cron(0 1 * * ? 1969)", "year '1969': '1969' is not a value 1970-2199"),
])
def test_invalid_schedule_names_trigger_and_file(glue, problem):
    with pytest.raises(CronError) as err:
        glue_to_quartz(glue, WHERE)
    assert str(err.value).startswith(f"{WHERE}: schedule {glue!r}: {problem}")


@pytest.mark.parametrize("expression, problem", [
    ("0 9 * * 1", None), ("*/15 * * * *", None), ("30 6 1-15/2 JAN,jul mon-fri", None), ("0 0 L * *", None),
    ("0 0 * * 7", None), ("0 0 * * 5#3", None), ("@daily", None), (" 0 9 * * 1 ", None),
    ("every monday", "expected 5 fields (minute hour day-of-month month day-of-week), got 2"),
    ("0 0 9 * * 1", "expected 5 fields (minute hour day-of-month month day-of-week), got 6"),
    ("60 9 * * 1", "minute '60': '60' is not a value 0-59"),
    ("0 9 0 * *", "day-of-month '0': '0' is not a value 1-31"),
    ("0 9 ? * 1", None), ("0 0 LW * *", "day-of-month 'LW': 'LW' is not a value 1-31"),
    ("0 9 * 13 *", "month '13': '13' is not a value 1-12 or JAN-DEC"),
    ("0 9 * * 8", "day-of-week '8': '8' is not a value 0-7 or SUN-SAT"),
    ("0 17-9 * * *", "hour '17-9': range '17-9' runs backwards"),
    ("*/0 * * * *", "minute '*/0': step '0' must be a positive number"),
    ("", "expected 5 fields (minute hour day-of-month month day-of-week), got 0"),
])
def test_unix_cron_problem(expression, problem):
    assert unix_cron_problem(expression) == problem
