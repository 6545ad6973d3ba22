"""The S-curve of a group of projects (an agency, or every project a user follows): month by
month, planned against actual cumulative disbursement (baht and % of the group's budget
received) and progress weighted by budget.

Progress weighted by budget: each project's cumulative progress at the end of the month
(planned: its plan in force's figure for the month, 100 after the plan's last month, 0 before
its first; actual: its latest report dated in the month or before, 0 before the first) times
its budget received, summed over the group and divided by the group's budget received. A
project without a plan plans nothing, so the planned curve of a group where some projects have
no plan stays below 100. Disbursement: planned, the months of the plans in force; actual, what
the reports disbursed (as ``ProjectFigures.budget_used``), by the month of the report's date.

Four queries whatever the group's size: everything is summed by the database. The actual
progress adds up each report's change from the project's previous report (by number), so a
month's sum carried on from the months before is the latest progress of every project."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce, TruncMonth

from tidtam.lib.money import round_half_up
from tidtam.lib.thai import fiscal_year_bounds
from tidtam.projects.models import Project
from tidtam.reports.models import ProgressReport
from tidtam.workplans.models import PlanMonth, WorkPlan
from tidtam.workplans.rules import months_between
from tidtam.workplans.selectors import CurveMonth

ZERO = Decimal("0")
HUNDRED = Decimal("100")
WIDE = DecimalField(max_digits=24, decimal_places=4)


@dataclass(frozen=True)
class GroupMonth(CurveMonth):
    budget: Decimal = ZERO

    def _rate(self, amount: Decimal | None) -> Decimal | None:
        if amount is None or not self.budget:
            return None
        return round_half_up(amount * HUNDRED / self.budget)

    @property
    def planned_spent_rate(self):
        return self._rate(self.planned_spent)

    @property
    def actual_spent_rate(self):
        return self._rate(self.actual_spent)


def _by_month(rows, key: str, *columns: str) -> dict:
    return {row[key].replace(day=1): [row[c] or ZERO for c in columns] for row in rows}


def group_curve(
    projects: QuerySet[Project], *, fiscal_year: int, today: dt.date
) -> list[GroupMonth]:
    """The S-curve of the year's projects among ``projects``, over the fiscal year's months
    (and any month of their plans or reports outside it)."""
    mine = projects.filter(fiscal_year=fiscal_year)
    ids = mine.values("pk")
    budget = mine.aggregate(total=Sum("budget_received"))["total"] or ZERO
    in_force = {"plan__state": WorkPlan.State.IN_FORCE, "plan__project__in": ids}
    planned = _by_month(
        PlanMonth.objects.filter(**in_force)
        .values("month")
        .annotate(
            spent=Sum("disbursement"),
            weighted=Sum(
                ExpressionWrapper(
                    F("progress") * F("plan__project__budget_received"), output_field=WIDE
                )
            ),
        ),
        "month",
        "spent",
        "weighted",
    )
    last_month = PlanMonth.objects.filter(plan=OuterRef("pk")).order_by("-month")
    ended = _by_month(  # the budget of the projects whose plan ends with each month
        WorkPlan.objects.filter(state=WorkPlan.State.IN_FORCE, project__in=ids)
        .annotate(last=Subquery(last_month.values("month")[:1]))
        .filter(last__isnull=False)
        .values("last")
        .annotate(budget=Sum("project__budget_received")),
        "last",
        "budget",
    )
    previous = ProgressReport.objects.filter(
        project=OuterRef("project"), number__lt=OuterRef("number")
    ).order_by("-number")
    actual = _by_month(
        ProgressReport.objects.filter(project__in=ids)
        .annotate(m=TruncMonth("date"))
        .values("m")
        .annotate(
            spent=Sum("budget_disbursed"),
            weighted=Sum(
                ExpressionWrapper(
                    F("project__budget_received")
                    * (
                        F("progress_percent")
                        - Coalesce(Subquery(previous.values("progress_percent")[:1]), ZERO)
                    ),
                    output_field=WIDE,
                )
            ),
        ),
        "m",
        "spent",
        "weighted",
    )
    first, last = fiscal_year_bounds(fiscal_year)
    found = {*planned, *ended, *actual}
    months = months_between(min([first, *found]), max([last, *found]))
    reached = today.replace(day=1)
    curve, plan_spent, spent, done, finished = [], ZERO, ZERO, ZERO, ZERO
    for month in months:
        month_spent, weighted = planned.get(month, (ZERO, ZERO))
        plan_spent += month_spent
        plan_progress = weighted + finished * HUNDRED  # before adding this month's ends
        finished += ended.get(month, [ZERO])[0]
        got, change = actual.get(month, (ZERO, ZERO))
        spent += got
        done += change
        curve.append(
            GroupMonth(
                month,
                round_half_up(plan_progress / budget) if budget and planned else None,
                round_half_up(done / budget) if budget and month <= reached else None,
                plan_spent if planned else None,
                spent if month <= reached else None,
                budget,
            )
        )
    return curve
