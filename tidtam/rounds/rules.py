"""The rules of reporting rounds as plain functions of dates: no database, easy to test."""

import calendar
import datetime as dt

from tidtam.lib.thai import fiscal_year_bounds

ON_TIME = "on_time"
LATE = "late"
MISSING = "missing"
NOT_DUE = "not_due"
IMPORTED = "imported"


def lock_date(due_date: dt.date, lock_after_days: int) -> dt.date:
    """The last day a round still takes reports."""
    return due_date + dt.timedelta(days=lock_after_days)


def is_locked(
    *, due_date: dt.date, lock_after_days: int, today: dt.date, reopened_until: dt.date | None
) -> bool:
    """Locked from the day after the lock date, unless reopened up to and including today."""
    if today <= lock_date(due_date, lock_after_days):
        return False
    return not (reopened_until is not None and today <= reopened_until)


def timeliness(
    *, due_date: dt.date, filed_on: dt.date | None, today: dt.date, imported: bool = False
) -> str:
    """A project's report for a round: filed on or before the due date is on time, after it
    late; not filed is missing once the due date has passed, and not due before. A report
    imported from the old system was filed there, when tidtam cannot tell."""
    if filed_on is None and imported:
        return IMPORTED
    if filed_on is not None:
        return ON_TIME if filed_on <= due_date else LATE
    return MISSING if today > due_date else NOT_DUE


def monthly_periods(fiscal_year: int, due_day: int) -> list[tuple[dt.date, dt.date, dt.date]]:
    """Twelve (period start, period end, due date) from October to September; the due date is
    ``due_day`` of the month after the period (the month's last day when it is shorter)."""
    first, _last = fiscal_year_bounds(fiscal_year)
    periods = []
    year, month = first.year, first.month
    for _i in range(12):
        start = dt.date(year, month, 1)
        end = dt.date(year, month, calendar.monthrange(year, month)[1])
        next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
        due = dt.date(
            next_year, next_month, min(due_day, calendar.monthrange(next_year, next_month)[1])
        )
        periods.append((start, end, due))
        year, month = next_year, next_month
    return periods
