"""Reads of progress reports, always starting from the acting user."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from tidtam.orgs import access
from tidtam.orgs.models import User
from tidtam.projects.models import Project
from tidtam.projects.selectors import projects_for_user
from tidtam.reports.models import ProgressReport, ReviewStatus


def has_accepted_report(project: Project) -> bool:
    return ProgressReport.objects.filter(project=project, status=ReviewStatus.ACCEPTED).exists()


def get_project_to_report_on(user: User, code: str) -> Project:
    """The project whose reports the user adds or edits, with its unit and nothing more (the
    report pages show its code and name): a 404 when they may not read it, as for a project
    that does not exist, and PermissionDenied when they may read but not change it."""
    project = get_object_or_404(
        projects_for_user(user).select_related("responsible_unit"), code=code
    )
    if not access.can_edit_unit(user, project.responsible_unit):
        raise PermissionDenied
    return project


def get_report_for_user(user: User, code: str, number: int) -> ProgressReport:
    """A report of a project the user may read, with its project, in one query; a 404 otherwise,
    the same answer as for a project they may not read."""
    reports = ProgressReport.objects.select_related(
        "project__responsible_unit", "project__agency"
    ).filter(access.readable_units_q(user, "project__responsible_unit__path"))
    return get_object_or_404(reports, project__code=code, number=number)
