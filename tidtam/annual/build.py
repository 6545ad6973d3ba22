"""Each annual document of an agency and fiscal year, built from the database as plain JSON
data (Decimal as strings, dates ISO): the snapshot that is printed, hashed and compared on the
verify page, and what the XLSX and the pages show (``tables.py``).

- the annual operating plan (แผนปฏิบัติราชการประจำปี): the projects of the agency and year, their
  budget received, their alignment with the 20-year plan and the months of the plan in force;
- the 6-month progress report (to 31 March) and the annual results report (to 30 September):
  per project its latest **accepted** report dated on or before the cut-off (progress, declared
  status, the status computed against the plan in force), what the accepted reports up to the
  cut-off disbursed, and what the plan meant to disburse by then. A report submitted, returned
  or still a draft counts for nothing.

The data is flat (``<project code>.<field>``), so that the verify page names each field that
changed since a print. Six queries, however many projects.
"""

import datetime as dt
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from tidtam.lib.thai import fiscal_year_bounds
from tidtam.orgs.models import Unit
from tidtam.plans.models import PlanNode
from tidtam.projects.models import Project
from tidtam.reports.models import ProgressReport, ReviewStatus
from tidtam.workplans import selectors as plans

PLAN, SIX_MONTH, ANNUAL = "operating_plan", "six_month", "annual"
KINDS = (PLAN, SIX_MONTH, ANNUAL)
TITLES = {
    PLAN: _("Annual operating plan"),
    SIX_MONTH: _("6-month progress report"),
    ANNUAL: _("Annual results report"),
}
SHORT = {PLAN: "plan", SIX_MONTH: "6m", ANNUAL: "12m"}  # in the document's code
ZERO = Decimal("0.00")


def cutoff(fiscal_year: int, kind: str) -> dt.date | None:
    """The day a report speaks of: 31 March of the fiscal year, or its last day; none for
    the plan."""
    _first, last = fiscal_year_bounds(fiscal_year)
    return {SIX_MONTH: dt.date(last.year, 3, 31), ANNUAL: last}.get(kind)


def code(agency_code: str, fiscal_year: int, kind: str) -> str:
    """The document's code, as printed and as the verify page names it: 50310000/2566/6m."""
    return f"{agency_code}/{fiscal_year}/{SHORT[kind]}"


def _alignment(project: Project) -> list[str]:
    """Each plan target of the project with its strategy and sub-strategy (form section 1.6)."""
    lines = []
    for node in project.plan_targets.all():
        chain = node.chain()
        nodes = [chain.get(kind) for kind in ("strategy", "sub_strategy", "target")]
        lines.append(" – ".join(str(n) for n in nodes if n is not None))
    return lines


def _projects(agency: Unit, fiscal_year: int) -> list[Project]:
    projects = list(
        Project.objects.filter(agency=agency, fiscal_year=fiscal_year)
        .select_related("responsible_unit")
        .prefetch_related(
            Prefetch("plan_targets", PlanNode.objects.select_related("parent__parent__parent"))
        )
        .order_by("code")
    )
    plans.keep_rows(projects)  # the plans in force and the year's tolerance, at once
    return projects


def _plan_fields(project: Project) -> dict:
    return {
        "unit": project.responsible_unit.name,
        "start_date": project.start_date.isoformat(),
        "end_date": project.end_date.isoformat(),
        "alignment": _alignment(project),
        "months": [
            [row.month.isoformat(), str(row.progress), str(row.disbursement), row.activities]
            for row in plans.in_force_rows(project)
        ],
    }


def accepted_reports(projects: list[Project], until: dt.date) -> dict[int, list[ProgressReport]]:
    """The accepted reports of each project dated on or before ``until``, in order."""
    found: dict[int, list[ProgressReport]] = {}
    reports = (
        ProgressReport.objects.filter(
            project__in=projects, status=ReviewStatus.ACCEPTED, date__lte=until
        )
        .only("project_id", "number", "date", "progress_percent", "budget_disbursed", "plan_status")
        .order_by("project_id", "date", "number")
    )
    for report in reports:
        found.setdefault(report.project_id, []).append(report)
    return found


def _report_fields(project: Project, reports: list[ProgressReport], until: dt.date) -> dict:
    planned_spent = sum(
        (row.disbursement for row in plans.in_force_rows(project) if row.month <= until),
        ZERO,
    )
    fields = {
        "report": None,
        "report_date": None,
        "progress_percent": None,
        "plan_status": None,
        "planned_progress": None,
        "computed_status": None,
        "budget_disbursed": str(sum((r.budget_disbursed for r in reports), ZERO)),
        "planned_disbursed": str(planned_spent) if plans.in_force_rows(project) else None,
    }
    if reports:
        latest = reports[-1]
        check = plans.check_report(
            project, latest.date, latest.progress_percent, latest.plan_status
        )
        fields.update(
            report=latest.number,
            report_date=latest.date.isoformat(),
            progress_percent=str(latest.progress_percent),
            plan_status=latest.plan_status,
            planned_progress=str(check.planned) if check else None,
            computed_status=check.computed if check else None,
        )
    return fields


def document(agency: Unit, fiscal_year: int, kind: str) -> dict:
    """The document's data (see the module's docstring)."""
    until = cutoff(fiscal_year, kind)
    projects = _projects(agency, fiscal_year)
    reports = accepted_reports(projects, until) if until else {}
    data = {
        "document": kind,
        "code": code(agency.agency_code, fiscal_year, kind),
        "agency_code": agency.agency_code,
        "agency": agency.name,
        "fiscal_year": fiscal_year,
        "cutoff": until.isoformat() if until else None,
        "projects": [project.code for project in projects],
    }
    for project in projects:
        fields = {"name": project.name, "budget_received": str(project.budget_received)}
        if until is None:
            fields.update(_plan_fields(project))
        else:
            fields.update(_report_fields(project, reports.get(project.pk, []), until))
        data.update({f"{project.code}.{name}": value for name, value in fields.items()})
    return data


def agency_document(agency_code: str, fiscal_year: int, kind: str) -> dict | None:
    """The document of the agency with this code now; None when there is no such agency."""
    agency = Unit.objects.filter(kind=Unit.Kind.AGENCY, agency_code=agency_code).first()
    return document(agency, fiscal_year, kind) if agency is not None else None
