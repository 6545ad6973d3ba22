"""Reads of projects, always starting from the acting user."""

import datetime as dt
from decimal import Decimal

from django.db.models import DecimalField, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from tidtam.orgs import access
from tidtam.orgs.models import User
from tidtam.projects.models import Project
from tidtam.reports.models import STATUS_NOT_STARTED, ProgressReport


def with_figures(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Add budget used, the latest progress and the status from the project's figures (kept
    by the report services; a project without a row has no report yet)."""
    zero = Value(Decimal("0.00"), output_field=DecimalField(max_digits=15, decimal_places=2))
    return projects.annotate(
        budget_used_total=Coalesce(F("figures__budget_used"), zero),
        latest_progress=F("figures__latest_progress"),
        status=Coalesce(F("figures__status"), Value(STATUS_NOT_STARTED)),
    )


def projects_for_user(user: User) -> QuerySet[Project]:
    """Every project the user may read."""
    return Project.objects.filter(access.readable_units_q(user, "responsible_unit__path"))


def project_list(
    user: User,
    *,
    fiscal_year: int | None = None,
    unit_id: int | None = None,
    strategy_id: int | None = None,
    status: str | None = None,
    search: str = "",
) -> QuerySet[Project]:
    projects = with_figures(projects_for_user(user)).select_related("responsible_unit", "agency")
    if fiscal_year:
        projects = projects.filter(fiscal_year=fiscal_year)
    if unit_id:
        projects = projects.filter(
            Q(responsible_unit_id=unit_id) | Q(responsible_unit__path__contains=f"/{unit_id}/")
        )
    if strategy_id:
        aligned = Project.plan_targets.through.objects.filter(
            project=OuterRef("pk"), plannode__parent__parent_id=strategy_id
        )
        projects = projects.filter(Exists(aligned))
    if status:
        projects = projects.filter(status=status)
    if search:
        projects = projects.filter(Q(code__icontains=search) | Q(name__icontains=search))
    return projects.order_by("-fiscal_year", "code")


def get_project_for_user(user: User, code: str) -> tuple[Project, bool]:
    """The project and whether the user may change it; a project they may not read is a 404,
    the same answer as one that does not exist."""
    project = (
        with_figures(projects_for_user(user))
        .select_related("responsible_unit__parent__parent", "agency", "coordinator")
        .filter(code=code)
        .first()
    )
    if project is None:
        raise Http404
    can_edit = access.can_edit_unit(user, project.responsible_unit)
    return project, can_edit


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


def alignment(project: Project) -> list[dict]:
    """Form section 1.6: for each plan target, its strategy and sub-strategy, and the KPIs."""
    rows = [node.chain() for node in project.plan_targets.select_related("parent__parent")]
    kpis = list(project.kpis.all())
    return [{**row, "kpis": kpis} for row in rows] or ([{"kpis": kpis}] if kpis else [])
