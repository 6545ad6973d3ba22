"""Reads of projects, always starting from the acting user."""

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.http import Http404

from tidtam.lib.thai import search_key
from tidtam.orgs import access
from tidtam.orgs.models import User
from tidtam.projects.models import Project, SupportedStrategy


def with_figures(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Add the project's figures (kept by the report services): the latest progress and the
    status as fields to filter on, budget used through ``Project.budget_used``."""
    return projects.select_related("figures").annotate(
        latest_progress=F("figures__latest_progress"), status=F("figures__status")
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
        supports = SupportedStrategy.objects.filter(project=OuterRef("pk"), strategy_id=strategy_id)
        projects = projects.filter(Exists(supports))
    if status:
        projects = projects.filter(status=status)
    if search:
        # any part of the code or the name, however its digits and sara am were typed; a
        # trigram index serves it on PostgreSQL, and the page's count uses the same filter
        projects = projects.filter(search__contains=search_key(search))
    return projects.order_by("-fiscal_year", "code")


# what a list of projects never shows: the form's long texts and the search column
LONG_TEXTS = ["rationale", "objectives", "targets", "search"]


def get_project_for_user(user: User, code: str) -> tuple[Project, bool]:
    """The project and whether the user may change it; a project they may not read is a 404,
    the same answer as one that does not exist."""
    project = (
        with_figures(projects_for_user(user))
        .select_related("responsible_unit", "coordinator")
        .filter(code=code)
        .first()
    )
    if project is None:
        raise Http404
    unit = project.responsible_unit
    unit.read_ancestors()
    if unit.agency is not None and unit.agency.pk == project.agency_id:
        project.agency = unit.agency
    can_edit = access.can_edit_unit(user, project.responsible_unit)
    return project, can_edit


def alignment(project: Project) -> list[dict]:
    """Form section 1.6: for each plan target, its strategy and sub-strategy, and the KPIs."""
    # up to the plan itself, whose parent is none: chain() then reads nothing more
    nodes = project.plan_targets.select_related("parent__parent__parent")
    rows = [node.chain() for node in nodes]
    kpis = list(project.kpis.all())
    return [{**row, "kpis": kpis} for row in rows] or ([{"kpis": kpis}] if kpis else [])
