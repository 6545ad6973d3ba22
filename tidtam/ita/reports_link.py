"""OIT items that tidtam's own monitoring data produces (O11–O13 in FY2566): the annual
operating and budget plan, the 6-month monitoring report and the annual results report of
an agency, published at a public address the agency can give as evidence."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum
from django.urls import reverse

from tidtam.ita.models import Assessment, OitItem
from tidtam.lib.thai import fiscal_year_bounds
from tidtam.projects.models import Project
from tidtam.reports.models import ProgressReport

KINDS = {choice for choice, _label in OitItem.Source.choices if choice}


def tidtam_report_url(assessment: Assessment, kind: str) -> str:
    path = reverse("ita:open_report", args=[assessment.token, kind])
    return settings.SITE_URL.rstrip("/") + path


def cutoff(fiscal_year: int, kind: str) -> dt.date | None:
    """The day the report speaks of: none for the plan, 31 March for the 6-month report,
    30 September for the annual one."""
    _start, end = fiscal_year_bounds(fiscal_year)
    if kind == OitItem.Source.SIX_MONTH:
        return dt.date(end.year, 3, 31)
    if kind == OitItem.Source.ANNUAL:
        return end
    return None


def report_rows(assessment: Assessment, kind: str) -> list[dict]:
    """Each project of the agency in the year with its budget, and (for the monitoring
    reports) its progress and spending up to the cut-off day."""
    year = assessment.framework.fiscal_year
    until = cutoff(year, kind)
    rows = []
    projects = Project.objects.filter(agency=assessment.agency, fiscal_year=year).order_by("code")
    for project in projects:
        row = {"project": project, "progress": None, "spent": None, "status": ""}
        if until is not None:
            reports = ProgressReport.objects.filter(project=project, date__lte=until)
            latest = reports.order_by("-number").first()
            row["spent"] = reports.aggregate(s=Sum("budget_disbursed"))["s"] or Decimal(0)
            if latest is not None:
                row["progress"] = latest.progress_percent
                row["status"] = latest.get_plan_status_display()
        rows.append(row)
    return rows
