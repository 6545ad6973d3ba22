"""Reads of plans: the plan in force, the status computed for a report, the S-curve."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from tidtam.projects.models import PlanStatus, Project
from tidtam.workplans import rules
from tidtam.workplans.models import (
    DEFAULT_TOLERANCE,
    PlanMonth,
    Tolerance,
    WorkPlan,
    tolerance_for,
)
from tidtam.workplans.services import row_of


def in_force_rows(project: Project) -> list[rules.Row]:
    """The months of the project's plan in force (empty without one), read in one query once
    per project object."""
    cached = getattr(project, "_plan_rows", None)
    if cached is None:
        months = PlanMonth.objects.filter(
            plan__project=project, plan__state=WorkPlan.State.IN_FORCE
        ).order_by("month")
        cached = project._plan_rows = [row_of(month) for month in months]
    return cached


def keep_rows(projects: list[Project]) -> None:
    """Read the plans in force of many projects at once, and the tolerances of their years
    (for a list of reports: two queries, plain values rather than model objects)."""
    by_project: dict[int, list[rules.Row]] = {project.pk: [] for project in projects}
    months = (
        PlanMonth.objects.filter(
            plan__project__in=list(by_project), plan__state=WorkPlan.State.IN_FORCE
        )
        .order_by("plan__project_id", "month")
        .values_list("plan__project_id", "month", "progress", "disbursement", "activities")
    )
    for project_id, *row in months:
        by_project[project_id].append(rules.Row(*row))
    years = {project.fiscal_year for project in projects}
    tolerances = dict(
        Tolerance.objects.filter(fiscal_year__in=years).values_list("fiscal_year", "points")
    )
    for project in projects:
        project._plan_rows = by_project[project.pk]
        project._plan_tolerance = tolerances.get(project.fiscal_year, DEFAULT_TOLERANCE)


NO_PLAN, DISAGREES = "no_plan", "disagrees"


def filter_reports(reports: list, wanted: str) -> list:
    """The reports whose computed status is ``wanted`` (a PlanStatus value), that disagree
    with their declared status (``DISAGREES``), or whose project has no plan (``NO_PLAN``);
    each report is given its ``plan_check``."""
    keep_checks(reports)
    if wanted == NO_PLAN:
        return [r for r in reports if r.plan_check is None]
    if wanted == DISAGREES:
        return [r for r in reports if r.plan_check is not None and r.plan_check.disagrees]
    return [r for r in reports if r.plan_check is not None and r.plan_check.computed == wanted]


def keep_checks(reports) -> None:
    """Give each report its ``plan_check`` (None without a plan), reading the plans at once."""
    keep_rows(list({r.project_id: r.project for r in reports}.values()))
    for report in reports:
        report.plan_check = check_report(
            report.project, report.date, report.progress_percent, report.plan_status
        )


def _tolerance(project: Project) -> Decimal:
    cached = getattr(project, "_plan_tolerance", None)
    if cached is None:
        cached = project._plan_tolerance = tolerance_for(project.fiscal_year)
    return cached


@dataclass(frozen=True)
class Check:
    planned: Decimal
    tolerance: Decimal
    computed: str  # a PlanStatus value
    declared: str

    @property
    def computed_label(self) -> str:
        return PlanStatus(self.computed).label

    @property
    def disagrees(self) -> bool:
        return self.computed != self.declared


def check_report(project: Project, date: dt.date, progress: Decimal, declared: str) -> Check | None:
    """The status a report's progress on its date computes to against the plan in force, next
    to the status declared; None without a plan."""
    planned = rules.planned_progress_on(in_force_rows(project), date)
    if planned is None:
        return None
    tolerance = _tolerance(project)
    return Check(planned, tolerance, rules.computed_status(progress, planned, tolerance), declared)


@dataclass(frozen=True)
class CurveMonth:
    month: dt.date
    planned_progress: Decimal | None
    actual_progress: Decimal | None
    planned_spent: Decimal | None  # cumulative
    actual_spent: Decimal | None  # cumulative

    @property
    def label(self) -> str:
        return rules.month_label(self.month)


def s_curve(project: Project, reports) -> list[CurveMonth]:
    """Month by month over the project's period: planned against actual cumulative progress
    and disbursement. The actual progress of a month is its latest report's (none before the
    first report, nor after the latest); the actual disbursement adds up the reports' amounts."""
    plan = {row.month: row for row in in_force_rows(project)}
    reports = sorted(reports, key=lambda r: (r.date, r.number))
    last_date = reports[-1].date if reports else None
    months, planned_spent, progress = [], Decimal("0"), None
    for month in rules.months_between(project.start_date, project.end_date):
        row = plan.get(month)
        end = (month + dt.timedelta(days=32)).replace(day=1)
        if row is not None:
            planned_spent += row.disbursement
        done = [r for r in reports if r.date < end]
        if done:
            progress = done[-1].progress_percent
        reached = last_date is not None and month <= last_date
        months.append(
            CurveMonth(
                month,
                row.progress if row else None,
                progress if reached and done else None,
                planned_spent if plan else None,
                sum((r.budget_disbursed for r in done), Decimal("0")) if reached else None,
            )
        )
    return months


def chart_figures(curve: list[CurveMonth]) -> dict:
    """The S-curve as ``static/workplans/scurve.js`` reads it (``json_script``): Decimals go
    to the chart as exact numeric strings, which Chart.js's linear scale reads as numbers."""
    return {
        "labels": [month.label for month in curve],
        "progress": {
            "planned": [m.planned_progress for m in curve],
            "actual": [m.actual_progress for m in curve],
        },
        "spent": {
            "planned": [m.planned_spent for m in curve],
            "actual": [m.actual_spent for m in curve],
        },
    }


def versions(project: Project) -> list[WorkPlan]:
    """Every version of the project's plan, newest first, with its months."""
    return list(
        project.work_plans.select_related("created_by", "approved_by").prefetch_related(
            Prefetch("months", queryset=PlanMonth.objects.order_by("month"))
        )
    )
