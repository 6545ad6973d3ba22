"""Planned against actual disbursement per agency and for the city, and the forecast at each
project's pace so far: its progress and disbursement on 30 September and the projects that will
miss the year-end. One query for a whole city: the projects with their figures
(``projects.ProjectFigures``) and the planned disbursement to date summed by the database."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from tidtam.lib.money import round_half_up
from tidtam.lib.thai import fiscal_year_bounds
from tidtam.projects.models import Project
from tidtam.workplans.models import PlanMonth, WorkPlan

ZERO = Decimal("0")
HUNDRED = Decimal("100")


def at_pace(value: Decimal, start: dt.date, as_of: dt.date | None, end: dt.date) -> Decimal:
    """``value`` reached from ``start`` to ``as_of`` (both days counted), carried on at the same
    pace per day to ``end``. Without a date reached (no report yet), the value as it is."""
    if as_of is None or as_of < start:
        return value
    if as_of >= end:
        return value
    done = Decimal((as_of - start).days + 1)
    total = Decimal((end - start).days + 1)
    return round_half_up(value * total / done)


def forecast_progress(progress: Decimal | None, start, as_of, end) -> Decimal:
    return min(HUNDRED, at_pace(progress or ZERO, start, as_of, end))


def forecast_spent(spent: Decimal, budget: Decimal, start, as_of, end) -> Decimal:
    return min(budget, at_pace(spent, start, as_of, end))


@dataclass
class ProjectMoney:
    project: Project
    planned_to_date: Decimal
    spent: Decimal
    progress: Decimal
    forecast_progress: Decimal
    forecast_spent: Decimal

    @property
    def will_miss(self) -> bool:
        """Short of 100 % or of its budget on 30 September at its pace."""
        return (
            self.forecast_progress < HUNDRED or self.forecast_spent < self.project.budget_received
        )

    @property
    def gap(self) -> Decimal:
        """The budget left undisbursed on 30 September at its pace (baht)."""
        return self.project.budget_received - self.forecast_spent


@dataclass
class AgencyMoney:
    label: str
    projects: int = 0
    budget: Decimal = ZERO
    planned_to_date: Decimal = ZERO
    spent: Decimal = ZERO
    forecast_spent: Decimal = ZERO
    missing: int = 0

    def add(self, row: ProjectMoney) -> None:
        self.projects += 1
        self.budget += row.project.budget_received
        self.planned_to_date += row.planned_to_date
        self.spent += row.spent
        self.forecast_spent += row.forecast_spent
        self.missing += row.will_miss

    def rate(self, amount: Decimal) -> Decimal | None:
        return round_half_up(amount * HUNDRED / self.budget) if self.budget else None

    @property
    def planned_rate(self):
        return self.rate(self.planned_to_date)

    @property
    def spent_rate(self):
        return self.rate(self.spent)

    @property
    def forecast_rate(self):
        return self.rate(self.forecast_spent)


@dataclass
class Money:
    fiscal_year: int
    as_of: dt.date
    forecasting: bool  # from the second quarter on: before it, a pace says little
    agencies: list[AgencyMoney] = field(default_factory=list)
    city: AgencyMoney = field(default_factory=lambda: AgencyMoney(""))
    missing: list[ProjectMoney] = field(default_factory=list)


def money(projects: QuerySet[Project], *, fiscal_year: int, today: dt.date) -> Money:
    """The year's projects among ``projects``: per agency and in all, planned to date (the
    months of the plans in force up to this month) against disbursed, and the forecast on 30
    September; the projects that will miss, largest gap first."""
    first, last = fiscal_year_bounds(fiscal_year)
    as_of = min(today, last)
    planned = (
        PlanMonth.objects.filter(
            plan__project=OuterRef("pk"),
            plan__state=WorkPlan.State.IN_FORCE,
            month__lte=as_of.replace(day=1),
        )
        .values("plan__project")
        .annotate(total=Sum("disbursement"))
        .values("total")
    )
    rows = (
        projects.filter(fiscal_year=fiscal_year)
        .select_related("figures", "agency")
        .annotate(
            planned_to_date=Coalesce(
                Subquery(planned), ZERO, output_field=DecimalField(max_digits=15, decimal_places=2)
            )
        )
        .order_by("agency__name", "code")
    )
    result = Money(
        fiscal_year, as_of, forecasting=as_of >= first.replace(year=first.year + 1, month=1)
    )
    agencies: dict[int, AgencyMoney] = {}
    for project in rows:
        figures = project.figures
        seen = figures.latest_filed_on
        row = ProjectMoney(
            project,
            project.planned_to_date,
            figures.budget_used,
            figures.latest_progress or ZERO,
            forecast_progress(figures.latest_progress, project.start_date, seen, last),
            forecast_spent(
                figures.budget_used, project.budget_received, project.start_date, seen, last
            ),
        )
        agency = agencies.setdefault(project.agency_id, AgencyMoney(project.agency.name))
        agency.add(row)
        result.city.add(row)
        if row.will_miss:
            result.missing.append(row)
    result.agencies = list(agencies.values())
    result.missing.sort(key=lambda r: (-r.gap, r.project.code))
    return result
