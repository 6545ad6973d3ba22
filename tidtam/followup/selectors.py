"""Reads of the follow-up, always starting from the acting user."""

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from tidtam.orgs import access
from tidtam.orgs.models import Membership, User
from tidtam.projects.models import Project
from tidtam.projects.selectors import with_figures
from tidtam.reports.models import ProgressReport, ReviewStatus
from tidtam.rounds.models import ReportingRound

Role = Membership.Role


def followed_agencies_q(user: User, field: str = "agency") -> Q:
    """The agencies a coordinator follows (all for an admin)."""
    if access.is_admin(user):
        return Q()
    ids = [m.unit_id for m in access.memberships(user) if m.role == Role.COORDINATOR]
    return Q(**{f"{field}_id__in": ids})


def dashboard_projects(user: User) -> QuerySet[Project]:
    """An executive's subtree and a coordinator's agencies; an admin sees every project."""
    if access.is_admin(user):
        return Project.objects.all()
    paths = access.paths_in_role(user, access.DASHBOARD_ROLES)
    return Project.objects.filter(access.subtree_q(paths, "responsible_unit__path"))


def review_queue(user: User) -> QuerySet[ProgressReport]:
    """Submitted reports of the agencies the coordinator follows, oldest submission first."""
    return (
        ProgressReport.objects.filter(followed_agencies_q(user, "project__agency"))
        .filter(status=ReviewStatus.SUBMITTED)
        .select_related("project__agency", "project__responsible_unit", "submitted_by")
        .only(  # what the queue shows: not the narratives nor the projects' long texts
            "number",
            "date",
            "progress_percent",
            "plan_status",
            "submitted_at",
            "project__code",
            "project__name",
            "project__fiscal_year",
            "project__agency__name",
            "project__responsible_unit__name",
            "submitted_by__username",
            "submitted_by__full_name",
        )
        .order_by("submitted_at", "pk")
    )


def reports_to_work_on(user: User) -> QuerySet[ProgressReport]:
    """Returned and draft reports of the units the user reports for: returned ones first."""
    return (
        ProgressReport.objects.filter(
            access.editable_units_q(user, "project__responsible_unit__path"),
            status__in=[ReviewStatus.RETURNED, ReviewStatus.DRAFT],
        )
        .select_related("project__responsible_unit", "reviewed_by")
        .annotate(
            returned_first=Case(
                When(status=ReviewStatus.RETURNED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("returned_first", "-reviewed_at", "project__code", "number")
    )


@dataclass(frozen=True)
class Period:
    """The round the dashboards call "this round": its period and due date."""

    start: dt.date
    end: dt.date
    due: dt.date | None
    round: ReportingRound | None


def current_period(today: dt.date) -> Period:
    """The round whose period holds today; the calendar month when there is no calendar."""
    found = (
        ReportingRound.objects.select_related("calendar")
        .filter(period_start__lte=today, period_end__gte=today)
        .first()
    )
    if found is not None:
        return Period(found.period_start, found.period_end, found.due_date, found)
    last = calendar.monthrange(today.year, today.month)[1]
    return Period(today.replace(day=1), today.replace(day=last), None, None)


def round_projects(user: User, round_: ReportingRound) -> QuerySet[Project]:
    """The projects the user follows that run during the round, each with the moment its first
    report dated in the round was first submitted (``filed_at``, None when not filed) and
    whether one was imported from the old system (``imported_in_round``)."""
    filed = (
        ProgressReport.objects.filter(
            project=OuterRef("pk"),
            date__gte=round_.period_start,
            date__lte=round_.period_end,
            first_submitted_at__isnull=False,
        )
        .order_by("first_submitted_at")
        .values("first_submitted_at")[:1]
    )
    imported = ProgressReport.objects.filter(
        project=OuterRef("pk"),
        date__gte=round_.period_start,
        date__lte=round_.period_end,
        imported=True,
    )
    return (
        dashboard_projects(user)
        .filter(start_date__lte=round_.period_end, end_date__gte=round_.period_start)
        .annotate(filed_at=Subquery(filed), imported_in_round=Exists(imported))
        .select_related("agency", "responsible_unit")
        .order_by("agency__agency_code", "code")
    )


def round_reopenings(user: User, round_: ReportingRound) -> QuerySet:
    """The reopenings of a round for the units and projects the user follows."""
    reopenings = round_.reopenings.select_related("unit", "project", "reopened_by")
    if access.is_admin(user):
        return reopenings
    paths = access.paths_in_role(user, access.DASHBOARD_ROLES)
    return reopenings.filter(
        access.subtree_q(paths, "unit__path")
        | access.subtree_q(paths, "project__responsible_unit__path")
    )


def followed_without_report(user: User, today: dt.date) -> QuerySet[Project]:
    """Running projects of the coordinator's agencies with no report dated this month."""
    month_start = today.replace(day=1)
    reported = ProgressReport.objects.filter(
        project=OuterRef("pk"), date__gte=month_start, date__lte=today
    )
    agencies = access.followed_agencies(user)
    if access.is_admin(user):
        agencies = None
    projects = (
        Project.objects.all() if agencies is None else Project.objects.filter(agency__in=agencies)
    )
    return (
        with_figures(projects)
        .filter(start_date__lte=today, end_date__gte=month_start)
        .exclude(Exists(reported))
        .select_related("responsible_unit", "agency")
        .order_by("agency__agency_code", "code")
    )
