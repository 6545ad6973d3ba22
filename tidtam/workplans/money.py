"""Planned against actual disbursement per agency and for the city, the agencies' rates against
the city's quarterly targets, and the forecast at each project's pace so far: its progress and
disbursement at the end of the quarter under way and on 30 September, and the agencies and
projects that will miss them, with the gap in baht.

Every figure is summed by the database (``projects.ProjectFigures`` and the plans in force), so
a page costs the same few queries for one agency or the whole city: the targets, the agencies'
sums, their planned disbursement to date and the projects that will miss (the first
``shown``). ``at_pace`` is the rule in plain Decimals; ``_at_pace`` says the same in SQL."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least, Round

from tidtam.lib.money import round_half_up
from tidtam.lib.thai import fiscal_year_bounds
from tidtam.projects.models import Project
from tidtam.workplans.models import PlanMonth, QuarterTargets, WorkPlan

ZERO = Decimal("0")
HUNDRED = Decimal("100")
EPOCH = dt.date(2000, 1, 1)
BAHT = DecimalField(max_digits=17, decimal_places=2)


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


def quarter_ends(fiscal_year: int) -> list[dt.date]:
    """The last days of the year's four quarters."""
    last = fiscal_year_bounds(fiscal_year)[1]
    year = last.year
    return [dt.date(year - 1, 12, 31), dt.date(year, 3, 31), dt.date(year, 6, 30), last]


class DayNumber(Func):
    """A date as days since 2000-01-01 (a number both databases subtract and divide)."""

    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="(julianday(%(expressions)s) - 2451544.5)"
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(%(expressions)s - DATE '2000-01-01')")


def _at_pace(value, end: dt.date):
    """``at_pace`` in SQL, for a project's ``value`` carried on to ``end``."""
    start, seen = DayNumber("start_date"), DayNumber("figures__latest_filed_on")
    day = (end - EPOCH).days
    as_is = Q(figures__latest_filed_on__isnull=True) | Q(
        figures__latest_filed_on__lt=F("start_date")
    )
    return Case(
        When(as_is | Q(figures__latest_filed_on__gte=end), then=value),
        default=Round(
            ExpressionWrapper(
                value * (Value(day) - start + 1) / (seen - start + 1), output_field=BAHT
            ),
            2,
        ),
        output_field=BAHT,
    )


def _share(rate: Decimal) -> Round:
    """The budget received times a rate (%), in baht."""
    return Round(
        ExpressionWrapper(F("budget_received") * Value(rate) / HUNDRED, output_field=BAHT),
        2,
        output_field=BAHT,
    )


@dataclass
class ProjectMoney:
    project: Project
    spent: Decimal
    progress: Decimal
    forecast_progress: Decimal
    forecast_spent: Decimal  # on 30 September
    forecast_next: Decimal  # at the end of the quarter under way
    year_gap: Decimal  # the year-end target less the forecast (baht; > 0: short)
    next_gap: Decimal | None  # the quarter's target less its forecast; None without targets

    @property
    def gap(self) -> Decimal:
        return self.year_gap


@dataclass
class AgencyMoney:
    key: int | None
    label: str
    next_rate: Decimal | None = None
    year_rate: Decimal = HUNDRED
    projects: int = 0
    budget: Decimal = ZERO
    planned_to_date: Decimal = ZERO
    spent: Decimal = ZERO
    forecast_spent: Decimal = ZERO
    forecast_next: Decimal = ZERO
    missing: int = 0  # projects that will miss the year-end

    def add(self, other: "AgencyMoney") -> None:
        self.projects += other.projects
        self.budget += other.budget
        self.planned_to_date += other.planned_to_date
        self.spent += other.spent
        self.forecast_spent += other.forecast_spent
        self.forecast_next += other.forecast_next
        self.missing += other.missing

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

    @property
    def forecast_next_rate(self):
        return self.rate(self.forecast_next)

    @property
    def behind_target(self) -> bool:
        """Its rate to date is below the target of the quarter under way."""
        rate = self.spent_rate
        return self.next_rate is not None and rate is not None and rate < self.next_rate

    @property
    def next_gap(self) -> Decimal | None:
        """The quarter's target (baht) less the forecast at its end; > 0: short."""
        if self.next_rate is None:
            return None
        return round_half_up(self.budget * self.next_rate / HUNDRED) - self.forecast_next

    @property
    def year_gap(self) -> Decimal:
        return round_half_up(self.budget * self.year_rate / HUNDRED) - self.forecast_spent


@dataclass
class Money:
    fiscal_year: int
    as_of: dt.date
    forecasting: bool  # from the second quarter on: before it, a pace says little
    targets: QuarterTargets | None
    quarter: int  # the quarter under way, 1–4
    quarter_end: dt.date
    agencies: list[AgencyMoney] = field(default_factory=list)
    city: AgencyMoney = field(default_factory=lambda: AgencyMoney(None, ""))
    missing: list[ProjectMoney] = field(default_factory=list)  # the first ``shown``
    missing_count: int = 0

    @property
    def target_rate(self) -> Decimal | None:
        return self.targets.rates[self.quarter - 1] if self.targets else None

    @property
    def agencies_missing_next(self) -> list[AgencyMoney]:
        return [a for a in self.agencies if a.next_gap is not None and a.next_gap > 0]

    @property
    def agencies_missing_year(self) -> list[AgencyMoney]:
        return [a for a in self.agencies if a.year_gap > 0]

    @property
    def agencies_missing(self) -> list[AgencyMoney]:
        """Short of the quarter's target or of the year-end's, at their pace."""
        return [a for a in self.agencies if a.year_gap > 0 or (a.next_gap or 0) > 0]


def annotated(projects: QuerySet[Project], money: Money) -> QuerySet[Project]:
    """The year's projects with their forecasts, gaps and whether they will miss."""
    last = fiscal_year_bounds(money.fiscal_year)[1]
    year_rate = money.targets.q4 if money.targets else HUNDRED
    rows = projects.filter(fiscal_year=money.fiscal_year).annotate(
        spent=F("figures__budget_used"),
        progress=Coalesce(F("figures__latest_progress"), Value(ZERO)),
        forecast_spent=Least(F("budget_received"), _at_pace(F("figures__budget_used"), last)),
        forecast_progress=Least(Value(HUNDRED), _at_pace(F("progress"), last)),
        forecast_next=Least(
            F("budget_received"), _at_pace(F("figures__budget_used"), money.quarter_end)
        ),
        year_gap=ExpressionWrapper(_share(year_rate) - F("forecast_spent"), output_field=BAHT),
    )
    miss = Q(forecast_progress__lt=HUNDRED) | Q(year_gap__gt=0)
    rows = rows.annotate(
        misses_year=Case(When(miss, then=1), default=0, output_field=IntegerField())
    )
    if money.forecasting and money.targets:
        next_share = _share(money.target_rate)
        rows = rows.annotate(
            next_gap=ExpressionWrapper(next_share - F("forecast_next"), output_field=BAHT)
        )
        miss |= Q(next_gap__gt=0)
    return rows.annotate(misses=Case(When(miss, then=1), default=0, output_field=IntegerField()))


def money(
    projects: QuerySet[Project], *, fiscal_year: int, today: dt.date, shown: int = 100
) -> Money:
    """The year's projects among ``projects``: per agency and in all, planned to date (the
    months of the plans in force up to this month) against disbursed, the rate against the
    quarter's target, the forecasts; the first ``shown`` projects that will miss the year-end
    or (with targets) the quarter's target, largest year-end gap first."""
    last = fiscal_year_bounds(fiscal_year)[1]
    as_of = min(today, last)
    ends = quarter_ends(fiscal_year)
    quarter = next((i for i, end in enumerate(ends, 1) if as_of <= end), 4)
    result = Money(
        fiscal_year,
        as_of,
        forecasting=as_of >= ends[0] + dt.timedelta(days=1),
        targets=QuarterTargets.objects.filter(fiscal_year=fiscal_year).first(),
        quarter=quarter,
        quarter_end=ends[quarter - 1],
    )
    rows = annotated(projects, result)
    next_rate = result.target_rate
    year_rate = result.targets.q4 if result.targets else HUNDRED
    planned = dict(
        PlanMonth.objects.filter(
            plan__project__in=rows.values("pk"),
            plan__state=WorkPlan.State.IN_FORCE,
            month__lte=as_of.replace(day=1),
        )
        .values("plan__project__agency_id")
        .annotate(total=Sum("disbursement"))
        .values_list("plan__project__agency_id", "total")
    )
    sums = (
        rows.values("agency_id", "agency__name", "agency__agency_code")
        .annotate(
            n=Count("pk"),
            budget=Sum("budget_received"),
            spent_sum=Sum("spent"),
            forecast_sum=Sum("forecast_spent"),
            next_sum=Sum("forecast_next"),
            missing=Sum("misses_year"),
            listed=Sum("misses"),
        )
        .order_by("agency__agency_code", "agency__name")
    )
    for row in sums:
        agency = AgencyMoney(
            row["agency_id"],
            row["agency__name"],
            next_rate,
            year_rate,
            row["n"],
            row["budget"] or ZERO,
            planned.get(row["agency_id"]) or ZERO,
            row["spent_sum"] or ZERO,
            row["forecast_sum"] or ZERO,
            row["next_sum"] or ZERO,
            row["missing"] or 0,
        )
        result.agencies.append(agency)
        if result.forecasting:
            result.missing_count += row["listed"] or 0
        result.city.add(agency)
    result.city.next_rate, result.city.year_rate = next_rate, year_rate
    if result.forecasting:
        result.missing = _missing(rows, shown)
    return result


def _missing(rows, shown: int) -> list[ProjectMoney]:
    found = (
        rows.filter(misses=1)
        .select_related("agency")
        .only("code", "name", "budget_received", "agency__name")
        .order_by("-year_gap", "code")[:shown]
    )
    return [
        ProjectMoney(
            p,
            p.spent,
            p.progress,
            p.forecast_progress,
            p.forecast_spent,
            p.forecast_next,
            p.year_gap,
            getattr(p, "next_gap", None),
        )
        for p in found
    ]
