"""Dashboard figures: per agency and per plan strategy, from one query of projects.

Each project counts once in its agency. Status is the one the project list filters on (the
latest report's plan status; "completed" at 100 %, "not started" without a report), so every
figure drills down to a list with the same number of rows. Average progress counts a project
without a report as 0 %. "Waiting" counts projects with a report submitted and not yet
reviewed. Arithmetic is Decimal, rounded half up to two places.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    Sum,
    Window,
)
from django.db.models.functions import RowNumber

from tidtam.followup.selectors import Period, current_period, dashboard_projects
from tidtam.lib.money import round_half_up
from tidtam.lib.thai import fiscal_year_bounds
from tidtam.orgs.models import User
from tidtam.projects.models import Project
from tidtam.projects.selectors import STATUS_COMPLETED, STATUS_NOT_STARTED
from tidtam.reports.models import DelayCategory, PlanStatus, ProgressReport, ReviewStatus

STATUSES = [
    PlanStatus.ON_PLAN,
    PlanStatus.BEHIND_PLAN,
    PlanStatus.AHEAD_OF_PLAN,
    STATUS_COMPLETED,
    STATUS_NOT_STARTED,
]
ZERO = Decimal("0")
HUNDRED = Decimal("100")


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
    review_time: dt.timedelta = dt.timedelta(0)

    def add(self, project: dict) -> None:
        self.projects += 1
        self.progress_total += project["latest_progress"] or ZERO
        self.by_status[project["status"]] += 1
        self.budget_received += project["budget_received"]
        self.budget_used += project["budget_used_total"]
        if project["waiting"]:
            self.waiting += 1
        self.reviewed += project["reviewed"]
        self.review_time += project["review_time"]
        if project["running"]:
            self.running += 1
            if not project["reported"]:
                self.missing += 1

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
        seconds = Decimal(self.review_time.days * 86400 + self.review_time.seconds)
        return round_half_up(seconds / Decimal(86400) / self.reviewed)

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


def dashboard(user: User, *, fiscal_year: int, today: dt.date) -> Dashboard:
    """The dashboard of the projects the user follows in a fiscal year, as of ``today``."""
    first, last = fiscal_year_bounds(fiscal_year)
    # "this round" of a past (or future) year is its last (or first) round
    period = current_period(min(max(today, first), last))
    projects = dashboard_projects(user).filter(fiscal_year=fiscal_year)
    total = Row(None, "")
    agencies: dict[int, Row] = {}
    by_pk: dict[int, dict] = {}
    for project in _project_figures(projects, period):
        by_pk[project["pk"]] = project
        total.add(project)
        agency = agencies.get(project["agency_id"])
        if agency is None:
            agency = agencies[project["agency_id"]] = Row(
                project["agency_id"], project["agency__name"]
            )
        agency.add(project)
    return Dashboard(
        fiscal_year=fiscal_year,
        period=period,
        total=total,
        agencies=list(agencies.values()),
        strategies=_by_strategy(projects, by_pk),
        delays=_delays(projects),
    )


def _project_figures(projects, period: Period) -> list[dict]:
    """One dict per project with the figures the rows add up, from three set-wise queries
    (projects; their reports grouped by project; each project's latest report) rather than
    correlated subqueries per project. Status follows ``projects.selectors.with_figures``."""
    rows = list(
        projects.annotate(
            running=ExpressionWrapper(
                Q(start_date__lte=period.end, end_date__gte=period.start),
                output_field=BooleanField(),
            )
        )
        .values(
            "pk", "agency_id", "agency__name", "agency__agency_code", "budget_received", "running"
        )
        .order_by("agency__agency_code", "code")
    )
    reports = ProgressReport.objects.filter(project__in=projects.values("pk"))
    reviewed = Q(reviewed_at__isnull=False, first_submitted_at__isnull=False)
    sums = {
        row["project_id"]: row
        for row in reports.values("project_id")
        .annotate(
            used=Sum("budget_disbursed"),
            reported=Count(
                "pk",
                filter=Q(
                    date__gte=period.start,
                    date__lte=period.end,
                    first_submitted_at__isnull=False,
                ),
            ),
            waiting=Count("pk", filter=Q(status=ReviewStatus.SUBMITTED)),
            reviewed=Count("pk", filter=reviewed),
            review_time=Sum(
                ExpressionWrapper(
                    F("reviewed_at") - F("first_submitted_at"), output_field=DurationField()
                ),
                filter=reviewed,
            ),
        )
        .order_by()
    }
    latest = {
        row["project_id"]: row
        for row in reports.annotate(
            rank=Window(RowNumber(), partition_by=[F("project_id")], order_by=F("number").desc())
        )
        .filter(rank=1)
        .values("project_id", "progress_percent", "plan_status")
    }
    for row in rows:
        summed = sums.get(row["pk"], {})
        last = latest.get(row["pk"])
        row["budget_used_total"] = summed.get("used") or ZERO
        row["reported"] = bool(summed.get("reported"))
        row["waiting"] = bool(summed.get("waiting"))
        row["reviewed"] = summed.get("reviewed") or 0
        row["review_time"] = summed.get("review_time") or dt.timedelta(0)
        if last is None:
            row["latest_progress"], row["status"] = None, STATUS_NOT_STARTED
        else:
            row["latest_progress"] = last["progress_percent"]
            row["status"] = (
                STATUS_COMPLETED if last["progress_percent"] >= HUNDRED else last["plan_status"]
            )
    return rows


def _by_strategy(projects, by_pk: dict[int, dict]) -> list[Row]:
    """A project aligned with targets under two strategies counts in both, once in each."""
    links = (
        Project.plan_targets.through.objects.filter(project__in=projects.values("pk"))
        .values_list(
            "project_id",
            "plannode__parent__parent_id",
            "plannode__parent__parent__code",
            "plannode__parent__parent__title",
        )
        .order_by("plannode__parent__parent__code_key", "project_id")
    )
    strategies: dict[int, Row] = {}
    seen: set[tuple[int, int]] = set()
    for project_id, strategy_id, code, title in links:
        if strategy_id is None or (project_id, strategy_id) in seen:
            continue
        seen.add((project_id, strategy_id))
        row = strategies.get(strategy_id)
        if row is None:
            row = strategies[strategy_id] = Row(strategy_id, f"{code} {title}".strip())
        row.add(by_pk[project_id])
    return list(strategies.values())


def _delays(projects) -> list[tuple[str, str, int]]:
    """Reports giving each reason for delay: (category, its label, count), most frequent first."""
    counts = (
        ProgressReport.objects.filter(project__in=projects.values("pk"))
        .exclude(delay_category="")
        .values("delay_category")
        .annotate(n=Count("pk"))
        .order_by("-n", "delay_category")
    )
    labels = dict(DelayCategory.choices)
    return [
        (row["delay_category"], str(labels.get(row["delay_category"], "")), row["n"])
        for row in counts
    ]
