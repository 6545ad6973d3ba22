"""The rules of indicators as plain functions: no database, easy to test."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from tidtam.lib.thai import fiscal_year_bounds, fiscal_year_of

HIGHER = "higher"
DUE_DAY = 15  # a quarter's result is due on this day of the month after it, without a calendar


def on_target(result: Decimal | None, target: Decimal | None, direction: str) -> bool | None:
    """Whether a result meets its target: at least the target when higher is better, at most
    it when lower is better; None when either is missing."""
    if result is None or target is None:
        return None
    return result >= target if direction == HIGHER else result <= target


def quarter_of(value: dt.date) -> tuple[int, int]:
    """(fiscal year, quarter) of a date: October–December is quarter 1 of the next year."""
    return fiscal_year_of(value), (value.month - 10) % 12 // 3 + 1


def quarter_bounds(fiscal_year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a quarter of a fiscal year."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"no quarter {quarter}")
    first, _last = fiscal_year_bounds(fiscal_year)
    month = first.month + 3 * (quarter - 1)
    year = first.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    start = dt.date(year, month, 1)
    after = dt.date(year + (month + 2) // 12, (month + 2) % 12 + 1, 1)
    return start, after - dt.timedelta(days=1)


def default_due_date(fiscal_year: int, quarter: int) -> dt.date:
    """``DUE_DAY`` of the month after the quarter."""
    return quarter_bounds(fiscal_year, quarter)[1] + dt.timedelta(days=DUE_DAY)


def is_open(*, fiscal_year: int, quarter: int, today: dt.date, lock_date: dt.date) -> bool:
    """A quarter takes results from its first day up to and including its lock date."""
    return quarter_bounds(fiscal_year, quarter)[0] <= today <= lock_date


def share(count: int, total: int) -> Decimal | None:
    """``count`` of ``total`` as a percentage with two decimals; None of nothing."""
    if not total:
        return None
    return (Decimal(100) * count / total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
