"""Dashboard figures: per agency and per plan strategy, aggregated by the database from each
project's figures (``reports.ProjectFigures``, kept by the report services), so the cost
grows with the projects of the year, not with their reports.

Each project counts once in its agency and once in each strategy it is aligned with. Status is
the one the project list filters on (the latest report's plan status; "completed" at 100 %,
"not started" without a report), so every figure drills down to a list with the same number of
rows. A project running in the round misses its report when it has filed none dated in the round
or later. Average progress counts a project without a report as 0 %. "Waiting" counts projects with
a report submitted and not yet reviewed. Reasons for delay are those of each project's latest
report. Arithmetic is Decimal, rounded half up to two places.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Count,
    F,
    Q,
    Sum,
)

from tidtam.followup.computed import filter_computed
from tidtam.followup.selectors import Period, current_period, dashboard_projects
from tidtam.lib.money import round_half_up
from tidtam.lib.thai import fiscal_year_bounds
from tidtam.orgs.models import User
from tidtam.projects.models import ProjectStatus
from tidtam.reports.models import DelayCategory

# the order of the charts and their tables
STATUSES = [
    ProjectStatus.ON_PLAN,
    ProjectStatus.BEHIND_PLAN,
    ProjectStatus.AHEAD_OF_PLAN,
    ProjectStatus.COMPLETED,
    ProjectStatus.NOT_STARTED,
]
ZERO = Decimal("0")


@dataclass
class Row:
    """The figures of one group of projects (an agency, a strategy, or all)."""

    key: int | None
    label: str
    projects: int = 0
    progress_total: Decimal = ZERO
    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    budget_received: Decimal = ZERO
    budget_used: Decimal = ZERO
    running: int = 0
    missing: int = 0
    waiting: int = 0
    reviewed: int = 0
    review_seconds: int = 0

    @classmethod
    def from_figures(cls, key: int | None, label: str, figures: dict) -> "Row":
        """A row from one group of ``_figures`` as the database summed it."""
        return cls(
            key=key,
            label=label,
            projects=figures["projects"],
            progress_total=figures["progress_total"] or ZERO,
            by_status={status: figures[f"status_{status}"] for status in STATUSES},
            budget_received=figures["budget_received"] or ZERO,
            budget_used=figures["budget_used"] or ZERO,
            running=figures["running"],
            missing=figures["missing"],
            waiting=figures["waiting"],
            reviewed=figures["reviewed"] or 0,
            review_seconds=figures["review_seconds"] or 0,
        )

    def add(self, other: "Row") -> None:
        self.projects += other.projects
        self.progress_total += other.progress_total
        for status in STATUSES:
            self.by_status[status] += other.by_status[status]
        self.budget_received += other.budget_received
        self.budget_used += other.budget_used
        self.running += other.running
        self.missing += other.missing
        self.waiting += other.waiting
        self.reviewed += other.reviewed
        self.review_seconds += other.review_seconds

    @property
    def average_progress(self) -> Decimal | None:
        if not self.projects:
            return None
        return round_half_up(self.progress_total / self.projects)

    @property
    def review_days(self) -> Decimal | None:
        """Average days from a report's first submission to its review."""
        if not self.reviewed:
            return None
        return round_half_up(Decimal(self.review_seconds) / Decimal(86400) / self.reviewed)

    @property
    def used_percent(self) -> Decimal | None:
        if not self.budget_received:
            return None
        return round_half_up(self.budget_used * 100 / self.budget_received)

    def status_count(self, status: str) -> int:
        return self.by_status[status]

    @property
    def status_cells(self) -> list[tuple[str, int]]:
        return [(status, self.by_status[status]) for status in STATUSES]


@dataclass
class Dashboard:
    fiscal_year: int
    period: Period
    total: Row
    agencies: list[Row]
    strategies: list[Row]
    delays: list[tuple[str, str, int]]
    # when the user follows no project in the year: the latest year they follow some in
    latest_year: int | None = None
    computed: str = ""  # the filter on the status computed from the plan (``computed``)


def dashboard(user: User, *, fiscal_year: int, today: dt.date, computed: str = "") -> Dashboard:
    """The dashboard of the projects the user follows in a fiscal year, as of ``today``; only
    those whose status computed from the plan is ``computed`` when given."""
    first, last = fiscal_year_bounds(fiscal_year)
    # "this round" of a past (or future) year is its last (or first) round
    period = current_period(min(max(today, first), last))
    projects = dashboard_projects(user).filter(fiscal_year=fiscal_year)
    if computed:
        projects = filter_computed(projects, computed, fiscal_year)
    by_agency = list(
        projects.values("agency_id", "agency__name", "agency__agency_code")
        .annotate(**_figures(period), **_delay_counts())
        .order_by("agency__agency_code")
    )
    agencies = [Row.from_figures(row["agency_id"], row["agency__name"], row) for row in by_agency]
    total = Row(None, "")
    for row in agencies:
        total.add(row)
    latest_year = None
    if not total.projects and not computed:
        latest_year = (
            dashboard_projects(user)
            .order_by("-fiscal_year")
            .values_list("fiscal_year", flat=True)
            .first()
        )
    return Dashboard(
        fiscal_year=fiscal_year,
        period=period,
        total=total,
        agencies=agencies,
        strategies=_by_strategy(projects, period),
        delays=_delays(by_agency),
        latest_year=latest_year,
        computed=computed,
    )


def _figures(period: Period) -> dict:
    """The aggregates of a row, over projects joined to their figures."""
    running = Q(start_date__lte=period.end, end_date__gte=period.start)
    # nothing filed for this round or a later one (report dates only move forward)
    not_filed = Q(figures__latest_filed_on__lt=period.start) | Q(
        figures__latest_filed_on__isnull=True
    )
    by_status = {status: Q(figures__status=status) for status in STATUSES}
    return {
        "projects": Count("pk"),
        "progress_total": Sum("figures__latest_progress"),
        **{f"status_{s}": Count("pk", filter=q) for s, q in by_status.items()},
        "budget_received": Sum("budget_received"),
        "budget_used": Sum("figures__budget_used"),
        "running": Count("pk", filter=running),
        "missing": Count("pk", filter=running & not_filed),
        "waiting": Count("pk", filter=Q(figures__waiting__gt=0)),
        "reviewed": Sum("figures__reviewed"),
        "review_seconds": Sum("figures__review_seconds"),
    }


def _by_strategy(projects, period: Period) -> list[Row]:
    """A project aligned with targets under two strategies counts in both; with two targets
    under one strategy, once (``projects.SupportedStrategy`` holds each pair once)."""
    strategy = "supported_strategies__strategy"
    rows = (
        projects.annotate(  # one join to the strategies, shared by every column below
            strategy_id=F(f"{strategy}__id"),
            strategy_code=F(f"{strategy}__code"),
            strategy_title=F(f"{strategy}__title"),
            strategy_key=F(f"{strategy}__code_key"),
        )
        .filter(strategy_id__isnull=False)
        .values("strategy_id", "strategy_code", "strategy_title", "strategy_key")
        .annotate(**_figures(period))
        .order_by("strategy_key")
    )
    return [
        Row.from_figures(
            row["strategy_id"], f"{row['strategy_code']} {row['strategy_title']}".strip(), row
        )
        for row in rows
    ]


def _delay_counts() -> dict:
    """Per agency, the projects whose latest report gives each reason for delay (counted in
    the agencies' query: one pass over the year's projects less than a query of their own)."""
    return {
        f"delay_{category}": Count("pk", filter=Q(figures__latest_delay_category=category))
        for category in DelayCategory.values
    }


def _delays(by_agency: list[dict]) -> list[tuple[str, str, int]]:
    """Projects whose latest report gives each reason for delay: (category, its label,
    count), most frequent first."""
    counts = [
        (category, sum(row[f"delay_{category}"] for row in by_agency))
        for category in DelayCategory.values
    ]
    labels = dict(DelayCategory.choices)
    return [
        (category, str(labels[category]), n)
        for category, n in sorted(counts, key=lambda pair: (-pair[1], pair[0]))
        if n
    ]
