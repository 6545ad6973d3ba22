"""Operating plans for the demo city's projects of this fiscal year (``tidtam plans_demo``,
after ``tidtam demo_city``): a quarter follow their plan (the plan drawn through their reports),
a quarter are behind it (the plan runs 15 points ahead of their reports), a quarter are
spending late (progress on plan, disbursement well behind the plan's), a quarter have none.
A project whose report was accepted has its plan frozen (``plan_save`` does it).
The year's quarterly disbursement targets are set too (``DEMO_TARGETS``) when an admin has
not."""

import calendar
import datetime as dt
import zlib
from decimal import ROUND_DOWN, Decimal

from django.utils import timezone

from tidtam.lib.thai import fiscal_year_of
from tidtam.orgs.models import User
from tidtam.projects.models import Project
from tidtam.workplans.models import QuarterTargets
from tidtam.workplans.rules import Row, months_between
from tidtam.workplans.services import plan_save, targets_set

CENT = Decimal("0.01")
DEMO_TARGETS = [Decimal("30"), Decimal("52"), Decimal("77"), Decimal("100")]
HUNDRED = Decimal("100")
BEHIND_BY = Decimal("15")  # points: three times the default tolerance
SPENDING_LATE_BY = Decimal("2")  # the plan disburses twice what the reports did


FOLLOWED, BEHIND, SPENDING_LATE, NO_PLAN = "followed", "behind", "spending_late", "none"
KINDS = (FOLLOWED, BEHIND, SPENDING_LATE, NO_PLAN)


def kind_of(project: Project) -> str:
    """Which plan the demo gives the project, from its code (stable whatever ran before; the
    codes' numbers do not spread evenly over four, their checksums do)."""
    return KINDS[zlib.crc32(project.code.encode()) % len(KINDS)]


def even_plan(
    project: Project,
    *,
    reached: dict[dt.date, Decimal] | None = None,
    spent: dict[dt.date, Decimal] | None = None,
) -> list[Row]:
    """A plan that passes through ``reached`` (month → progress) and grows evenly to 100 in
    the months after. The budget: ``spent`` (month → amount) in the months reached, as much as
    the budget allows, and the rest spread evenly over the months after; without ``spent``,
    spread evenly over every month."""
    months = months_between(project.start_date, project.end_date)
    reached = reached or {}
    rows, last, last_index = [], Decimal("0"), -1
    for index, month in enumerate(months):
        if month in reached:
            last, last_index = max(last, reached[month]), index
    for index, month in enumerate(months):
        if index <= last_index:
            progress = max([v for m, v in reached.items() if m <= month] or [Decimal("0")])
        else:
            left = len(months) - 1 - last_index
            progress = last + (Decimal("100") - last) * (index - last_index) / left
        rows.append(Row(month, min(progress, Decimal("100")).quantize(CENT), Decimal("0")))
    rows[-1] = Row(rows[-1].month, Decimal("100"), Decimal("0"))
    amounts = _spread(project.budget_received, months, spent, last_index)
    return [Row(r.month, r.progress, amount) for r, amount in zip(rows, amounts, strict=True)]


def _spread(budget, months, spent, last_index) -> list[Decimal]:
    count = len(months)
    if spent is None:
        return [(budget / count).quantize(CENT, rounding=ROUND_DOWN)] * count
    done, total = [], Decimal("0")
    for month in months[: last_index + 1]:
        amount = min(spent.get(month, Decimal("0")), budget - total)
        done.append(amount)
        total += amount
    left = count - 1 - last_index
    share = (budget - total) / left if left > 0 else Decimal("0")
    return done + [share.quantize(CENT, rounding=ROUND_DOWN)] * left


def _reached(
    project: Project, lead: Decimal
) -> tuple[dict[dt.date, Decimal], dict[dt.date, Decimal]]:
    """Month → the plan's figure at its end, such that the planned progress on each report's
    date is its progress plus ``lead`` (at most 100; the plan grows evenly through a month:
    ``rules.planned_progress_on``); and month → the amounts disbursed in it.

    A report from the second half of its month sets that month's end a little above it. One
    from the first half (the 1st, for a round just begun) would make its month climb steeply:
    the month before ends at its progress instead, and its own month stays there."""
    first = project.start_date.replace(day=1)
    reached: dict[dt.date, Decimal] = {}
    spent: dict[dt.date, Decimal] = {}
    for report in project.reports.order_by("date", "number"):
        month, day = report.date.replace(day=1), report.date.day
        days = calendar.monthrange(month.year, month.month)[1]
        wanted = min(HUNDRED, report.progress_percent + lead)
        before = max((v for m, v in reached.items() if m < month), default=Decimal("0"))
        previous = (month - dt.timedelta(days=1)).replace(day=1)
        if day * 2 < days and previous >= first:
            reached[previous] = max(reached.get(previous, before), wanted)
            reached[month] = max(reached.get(month, wanted), wanted)
        else:
            end = before + (wanted - before) * days / day
            reached[month] = min(HUNDRED, max(before, end)).quantize(CENT)
        spent[month] = spent.get(month, Decimal("0")) + report.budget_disbursed
    return reached, spent


def load_plans_demo(*, today: dt.date | None = None) -> int:
    """Write the plans still missing; how many (none the second time). A quarter of the
    projects follow their plan (it passes through their reports' progress and disbursements), a
    quarter are behind it (the same plan 15 points higher), a quarter are spending late (their
    progress on plan, twice their disbursements planned), a quarter have none."""
    year = fiscal_year_of(today or timezone.localdate())
    admin = User.objects.get(username="admin")
    if not QuarterTargets.objects.filter(fiscal_year=year).exists():
        targets_set(actor=admin, fiscal_year=year, rates=DEMO_TARGETS)
    projects = (
        Project.objects.filter(fiscal_year=year)
        .exclude(work_plans__isnull=False)
        .select_related("responsible_unit")
        .order_by("code")
    )
    written = 0
    for project in projects:
        kind = kind_of(project)
        if kind == NO_PLAN:
            continue
        reached, spent = _reached(project, BEHIND_BY if kind == BEHIND else Decimal("0"))
        if kind == SPENDING_LATE:
            spent = {month: amount * SPENDING_LATE_BY for month, amount in spent.items()}
        rows = even_plan(project, reached=reached, spent=spent)
        # a project whose report was accepted has its plan frozen at once (plan_save)
        plan_save(actor=admin, project=project, rows=rows)
        written += 1
    return written
