"""Tables out as XLSX, CSV or JSON behind one contract: ``(filename, content_type, bytes)``.

Every exporter takes the acting user and reuses the selectors the pages use, so an export
never shows more than its page. Dates are written in the Buddhist Era (ISO in JSON), amounts
stay numbers (Decimal, never float), CSV starts with a BOM so Excel reads Thai.
"""

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.translation import gettext as _

from tidtam.followup.dashboard import STATUSES, Dashboard, Row
from tidtam.lib.spreadsheet import neutralise
from tidtam.lib.thai import format_date_short
from tidtam.orgs.models import User
from tidtam.projects import selectors as project_selectors

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
Export = tuple[str, str, bytes]
PROGRESS_EVERY = 1000


@dataclass
class Column:
    key: str  # the JSON name
    header: str  # the translated heading of XLSX and CSV


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[list]


def _text(value) -> str:
    value = neutralise(value)
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_date_short(value)
    return str(value)


def _json_value(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def render(tables: list[Table], fmt: str, basename: str) -> Export:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format: {fmt}")
    filename = f"{basename}.{fmt}"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        for index, table in enumerate(tables):
            if index:
                writer.writerow([])
            if len(tables) > 1:
                writer.writerow([_text(table.title)])
            writer.writerow([_text(c.header) for c in table.columns])
            writer.writerows([_text(v) for v in row] for row in table.rows)
        return filename, FORMATS[fmt], ("\ufeff" + out.getvalue()).encode("utf-8")
    if fmt == "json":
        data = {
            table.title: [
                {c.key: _json_value(v) for c, v in zip(table.columns, row, strict=True)}
                for row in table.rows
            ]
            for table in tables
        }
        body = json.dumps(data if len(tables) > 1 else data[tables[0].title], ensure_ascii=False)
        return filename, FORMATS[fmt], body.encode("utf-8")
    from openpyxl import Workbook  # ~0.3 s to import: not at every process's start
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(table.title[:31])
        sheet.append([neutralise(c.header) for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            # numbers stay numbers; dates become พ.ศ. text as the form prints them
            sheet.append(
                [format_date_short(v) if isinstance(v, dt.date) else neutralise(v) for v in row]
            )
        for index, column in enumerate(sheet.iter_cols(min_row=2), start=1):
            for cell in column:
                if isinstance(cell.value, Decimal):
                    cell.number_format = "#,##0.00"
            sheet.column_dimensions[column[0].column_letter if column else "A"].width = (
                14 if index > 2 else 40
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return filename, FORMATS[fmt], buffer.getvalue()


def projects_table(user: User, *, fiscal_year: int | None, on_progress=None, **filters) -> Table:
    projects = project_selectors.project_list(user, fiscal_year=fiscal_year, **filters).defer(
        *project_selectors.LONG_TEXTS
    )
    status_labels = _status_labels()
    columns = [
        Column("code", _("Project code")),
        Column("name", _("Project / activity name")),
        Column("fiscal_year", _("Fiscal year (B.E.)")),
        Column("agency", _("Agency")),
        Column("unit", _("Responsible unit")),
        Column("start_date", _("Start date")),
        Column("end_date", _("End date")),
        Column("budget_received", _("Budget received (baht)")),
        Column("budget_used", _("Budget used (baht)")),
        Column("progress_percent", _("Progress (%)")),
        Column("status", _("Status")),
    ]
    rows = []
    for p in projects.iterator(chunk_size=2000):
        rows.append(
            [
                p.code,
                p.name,
                p.fiscal_year,
                p.agency.name,
                p.responsible_unit.name,
                p.start_date,
                p.end_date,
                p.budget_received,
                p.budget_used,
                p.latest_progress,
                status_labels.get(p.status, p.status),
            ]
        )
        if on_progress is not None and len(rows) % PROGRESS_EVERY == 0:
            on_progress(len(rows))
    return Table(_("Projects"), columns, rows)


def export_projects(
    user: User, *, fiscal_year: int | None, fmt: str, on_progress=None, **filters
) -> Export:
    table = projects_table(user, fiscal_year=fiscal_year, on_progress=on_progress, **filters)
    return render([table], fmt, f"projects-{fiscal_year or 'all'}")


def _status_labels() -> dict[str, str]:
    from tidtam.projects.forms import ProjectFilterForm

    return {key: str(label) for key, label in ProjectFilterForm.STATUS_CHOICES if key}


def _figures_table(title: str, label: str, rows: list[Row]) -> Table:
    labels = _status_labels()
    columns = [
        Column("name", label),
        Column("projects", _("Projects")),
        Column("average_progress", _("Average progress (%)")),
        *[Column(status, labels[status]) for status in STATUSES],
        Column("budget_received", _("Budget received (baht)")),
        Column("budget_used", _("Budget disbursed (baht)")),
        Column("used_percent", _("Disbursed (%)")),
        Column("missing", _("Reports missing this round")),
        Column("waiting", _("Waiting for review")),
        Column("review_days", _("Review turnaround (days)")),
    ]
    body = [
        [
            row.label,
            row.projects,
            row.average_progress,
            *[row.status_count(status) for status in STATUSES],
            row.budget_received,
            row.budget_used,
            row.used_percent,
            row.missing,
            row.waiting,
            row.review_days,
        ]
        for row in rows
    ]
    return Table(title, columns, body)


def export_dashboard(board: Dashboard, fmt: str) -> Export:
    total = replace(board.total, label=_("All projects"))
    tables = [
        _figures_table(_("By agency"), _("Agency"), [*board.agencies, total]),
        _figures_table(_("By plan strategy"), _("Strategic issue"), board.strategies),
    ]
    return render(tables, fmt, f"dashboard-{board.fiscal_year}")
