"""Operating plans for the demo city's projects of this fiscal year (``tidtam plans_demo``,
after ``tidtam demo_city``): a third follow their plan (the plan drawn through their reports),
a third are behind it (the plan runs two months ahead of their reports), a third have none.
A project whose report was accepted has its plan frozen, as the review would have done. The
year's quarterly disbursement targets are set too (``DEMO_TARGETS``) when an admin has not."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from tidtam.lib.thai import fiscal_year_of
from tidtam.orgs.models import User
from tidtam.projects.models import Project
from tidtam.workplans.models import QuarterTargets
from tidtam.workplans.rules import Row, months_between
from tidtam.workplans.services import plan_freeze, plan_save, targets_set

CENT = Decimal("0.01")
DEMO_TARGETS = [Decimal("30"), Decimal("52"), Decimal("77"), Decimal("100")]


def even_plan(project: Project, *, reached: dict[dt.date, Decimal] | None = None) -> list[Row]:
    """A plan that passes through ``reached`` (month → progress) and grows evenly to 100 in
    the months after; the budget spread evenly over the months."""
    months = months_between(project.start_date, project.end_date)
    reached = reached or {}
    share = (project.budget_received / len(months)).quantize(CENT, rounding="ROUND_DOWN")
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
        rows.append(Row(month, min(progress, Decimal("100")).quantize(CENT), share))
    rows[-1] = Row(rows[-1].month, Decimal("100"), rows[-1].disbursement)
    return rows


def _reached(project: Project, ahead: int) -> dict[dt.date, Decimal]:
    """The latest progress reported in each month, ``ahead`` months earlier than reported."""
    reached: dict[dt.date, Decimal] = {}
    for report in project.reports.order_by("date", "number"):
        month = report.date.replace(day=1)
        for _ in range(ahead):
            month = (month - dt.timedelta(days=1)).replace(day=1)
        if month >= project.start_date.replace(day=1):
            reached[month] = report.progress_percent
    return reached


def load_plans_demo(*, today: dt.date | None = None) -> int:
    """Write the plans still missing; how many (none the second time)."""
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
        kind = int(project.code.rsplit("-", 1)[-1]) % 3  # stable whatever ran before
        if kind == 2:
            continue
        with transaction.atomic():
            plan_save(
                actor=admin,
                project=project,
                rows=even_plan(project, reached=_reached(project, 2 * kind)),
            )
            if project.reports.filter(status="accepted").exists():
                plan_freeze(actor=admin, project=project)
        written += 1
    return written
