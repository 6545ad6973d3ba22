import datetime as dt
from decimal import Decimal

from tidtam.lib.thai import fiscal_year_bounds
from tidtam.projects.services import project_create
from tidtam.reports.services import report_add


def project_fields(unit, **overrides) -> dict:
    """A new project's fields (``projects.services.NewProject``), in ``unit``, over the whole
    of its fiscal year (FY2566 unless given)."""
    start, end = fiscal_year_bounds(overrides.get("fiscal_year", 2566))
    fields = {
        "name": "โครงการทดสอบ",
        "fiscal_year": 2566,
        "start_date": start,
        "end_date": end,
        "budget_received": Decimal("100000.00"),
        "responsible_unit": unit,
        "responsible_person": "ฝ่ายปกครอง",
    }
    return {**fields, **overrides}


def make_project(actor, unit, **overrides):
    return project_create(actor=actor, **project_fields(unit, **overrides))


def add_report(actor, project, **overrides):
    fields = {
        "date": dt.date(2023, 1, 16),
        "narrative": "<p>ดำเนินการแล้ว</p>",
        "progress_percent": Decimal("20.00"),
        "budget_disbursed": Decimal("0"),
        "plan_status": "on_plan",
        "target_status": "on_target",
    }
    return report_add(actor=actor, project=project, **{**fields, **overrides})
