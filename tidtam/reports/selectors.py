"""Reads of progress reports, always starting from the acting user."""

from django.shortcuts import get_object_or_404

from tidtam.orgs import access
from tidtam.orgs.models import User
from tidtam.reports.models import ProgressReport


def get_report_for_user(user: User, code: str, number: int) -> ProgressReport:
    """A report of a project the user may read, with its project, in one query; a 404 otherwise,
    the same answer as for a project they may not read."""
    reports = ProgressReport.objects.select_related(
        "project__responsible_unit", "project__agency"
    ).filter(access.readable_units_q(user, "project__responsible_unit__path"))
    return get_object_or_404(reports, project__code=code, number=number)
