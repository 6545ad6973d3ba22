"""The plan's rules and the status computed from it, as plain functions of plain values.

A plan's rows are ``Row``s, one per month of the project's period, in order. Errors are given
per cell, named as the grid names its inputs: ``progress_3`` is the fourth month's planned
progress (``cell``)."""

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from tidtam.projects.models import PlanStatus
from tidtam.workplans.models import month_label

HUNDRED = Decimal("100")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Row:
    month: dt.date  # the first day of the month
    progress: Decimal  # planned cumulative progress at the end of the month (%)
    disbursement: Decimal  # planned disbursement in the month (baht)
    activities: str = ""


def cell(name: str, index: int) -> str:
    return f"{name}_{index}"


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first days of the months from the one holding ``start`` to the one holding ``end``."""
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def plan_errors(
    rows: Sequence[Row], *, start: dt.date, end: dt.date, budget: Decimal
) -> dict[str, list[str]]:
    """What is wrong with a plan for a project running from ``start`` to ``end`` with
    ``budget`` baht received, per cell; empty when the plan holds."""
    errors: dict[str, list[str]] = {}
    allowed = set(months_between(start, end))
    spent = Decimal("0")
    previous = Decimal("0")
    over = False
    for index, row in enumerate(rows):
        if row.month not in allowed:
            errors[cell("month", index)] = [
                _("%(month)s lies outside the project's period.")
                % {"month": month_label(row.month)}
            ]
        if row.progress < previous:
            errors[cell("progress", index)] = [
                _(
                    "The planned progress never goes down: at least %(previous)s %% "
                    "(the month before)."
                )
                % {"previous": f"{previous.normalize():f}"}
            ]
        previous = max(previous, row.progress)
        spent += row.disbursement
        if spent > budget and not over:  # said once, on the month the sum passes the budget
            over = True
            errors[cell("disbursement", index)] = [
                _(
                    "The planned disbursements add up to %(spent)s baht by this month, more than "
                    "the %(budget)s baht received."
                )
                % {"spent": f"{spent:,.2f}", "budget": f"{budget:,.2f}"}
            ]
    if rows and rows[-1].progress != HUNDRED:
        errors.setdefault(cell("progress", len(rows) - 1), []).append(
            _("The plan ends at 100 in its last month.")
        )
    if not rows:
        errors["__all__"] = [_("The plan has no month.")]
    return errors


def planned_progress_on(rows: Sequence[Row], date: dt.date) -> Decimal | None:
    """The planned cumulative progress on ``date``: each month's figure is reached on its last
    day, and between the end of one month and the end of the next it grows evenly day by day
    (from 0 at the start of the first month). None without a plan."""
    if not rows:
        return None
    previous = Decimal("0")
    for row in rows:
        if date < row.month:
            return previous
        days = calendar.monthrange(row.month.year, row.month.month)[1]
        if date.year == row.month.year and date.month == row.month.month:
            share = Decimal(date.day) / Decimal(days)
            return (previous + (row.progress - previous) * share).quantize(CENT)
        previous = row.progress
    return previous


def computed_status(actual: Decimal, planned: Decimal, tolerance: Decimal) -> str:
    """On plan while the actual lies within ``tolerance`` points of the planned (the bounds
    included), behind below, ahead above."""
    if actual < planned - tolerance:
        return PlanStatus.BEHIND_PLAN
    if actual > planned + tolerance:
        return PlanStatus.AHEAD_OF_PLAN
    return PlanStatus.ON_PLAN
