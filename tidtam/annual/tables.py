"""A document's data (``build.py``) as tables of typed values — Decimal, dates, text — with
their headings: the one shape the PDF, the XLSX and the pages show, each formatting the values
its own way (``shown`` for the PDF and the pages)."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tidtam.annual.build import PLAN
from tidtam.lib.money import format_baht, format_percent, round_half_up
from tidtam.lib.thai import format_date_long
from tidtam.projects.models import PlanStatus
from tidtam.workplans.models import month_label

TEXT, CODE, LONG = "text", "code", "long"
MONEY, PERCENT, DATE, NUMBER = "money", "percent", "date", "number"
ZERO = Decimal("0")


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = TEXT


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    total: list | None = None  # the totals row, aligned on the columns


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def as_date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _status(value: str | None) -> str | None:
    return None if value is None else str(PlanStatus(value).label)


def shown(value, kind: str) -> str:
    """A value as the PDF and the pages print it: baht with separators, percent with two
    decimals, dates in the Buddhist Era, a dash for nothing."""
    if value is None or value == "":
        return "–"
    if kind == MONEY:
        return format_baht(value)
    if kind == PERCENT:
        return format_percent(value)
    if kind == DATE:
        return format_date_long(value)
    return str(value)


def _project(data: dict, code: str, name: str):
    return data[f"{code}.{name}"]


def plan_tables(data: dict) -> list[Table]:
    projects = Table(
        _("Projects and budget"),
        [
            Column(_("Project code"), CODE),
            Column(_("Project / activity"), LONG),
            Column(_("Responsible unit")),
            Column(_("Start"), DATE),
            Column(_("End"), DATE),
            Column(_("Budget received (baht)"), MONEY),
            Column(_("Support of the 20-year development plan"), LONG),
        ],
    )
    months = Table(
        _("Monthly plan of each project"),
        [
            Column(_("Project code"), CODE),
            Column(_("Month")),
            Column(_("Planned progress by the month's end (%)"), PERCENT),
            Column(_("Planned disbursement (baht)"), MONEY),
            Column(_("Planned activities"), LONG),
        ],
    )
    by_month: dict[str, Decimal] = {}
    budget = ZERO
    for code in data["projects"]:
        received = _decimal(_project(data, code, "budget_received"))
        budget += received
        projects.rows.append(
            [
                code,
                _project(data, code, "name"),
                _project(data, code, "unit"),
                as_date(_project(data, code, "start_date")),
                as_date(_project(data, code, "end_date")),
                received,
                "\n".join(_project(data, code, "alignment")),
            ]
        )
        for month, progress, disbursement, activities in _project(data, code, "months"):
            first = dt.date.fromisoformat(month)
            months.rows.append(
                [code, month_label(first), Decimal(progress), Decimal(disbursement), activities]
            )
            by_month[month] = by_month.get(month, ZERO) + Decimal(disbursement)
    projects.total = [pgettext("sum of a column", "Total"), "", "", None, None, budget, ""]
    spending = Table(
        _("Planned disbursement of the agency by month"),
        [
            Column(_("Month")),
            Column(_("Planned disbursement (baht)"), MONEY),
            Column(_("Cumulative (baht)"), MONEY),
            Column(_("Cumulative share of the budget (%)"), PERCENT),
        ],
    )
    running = ZERO
    for month in sorted(by_month):
        running += by_month[month]
        share = round_half_up(running * 100 / budget) if budget else None
        spending.rows.append(
            [month_label(dt.date.fromisoformat(month)), by_month[month], running, share]
        )
    return [projects, spending, months]


def report_tables(data: dict) -> list[Table]:
    table = Table(
        _("Progress and disbursement of each project"),
        [
            Column(_("Project code"), CODE),
            Column(_("Project / activity"), LONG),
            Column(_("Budget received (baht)"), MONEY),
            Column(_("Accepted report no."), NUMBER),
            Column(_("Report date"), DATE),
            Column(_("Planned progress on that date (%)"), PERCENT),
            Column(_("Progress (%)"), PERCENT),
            Column(_("Planned disbursement by the cut-off (baht)"), MONEY),
            Column(_("Disbursed (baht)"), MONEY),
            Column(_("Status declared")),
            Column(_("Status against the plan")),
        ],
    )
    totals = {"budget": ZERO, "planned": ZERO, "spent": ZERO}
    for code in data["projects"]:
        row = [
            code,
            _project(data, code, "name"),
            _decimal(_project(data, code, "budget_received")),
            _project(data, code, "report"),
            as_date(_project(data, code, "report_date")),
            _decimal(_project(data, code, "planned_progress")),
            _decimal(_project(data, code, "progress_percent")),
            _decimal(_project(data, code, "planned_disbursed")),
            _decimal(_project(data, code, "budget_disbursed")),
            _status(_project(data, code, "plan_status")),
            _status(_project(data, code, "computed_status")),
        ]
        totals["budget"] += row[2]
        totals["planned"] += row[7] or ZERO
        totals["spent"] += row[8]
        table.rows.append(row)
    table.total = [
        pgettext("sum of a column", "Total"),
        "",
        totals["budget"],
        "",
        None,
        None,
        None,
        totals["planned"],
        totals["spent"],
        "",
        "",
    ]
    return [table]


def tables(data: dict) -> list[Table]:
    return plan_tables(data) if data["document"] == PLAN else report_tables(data)


def summary(data: dict) -> Table:
    """The table a reader sees first (the public OIT page shows it)."""
    return tables(data)[0]


def _css(column: Column, index: int) -> str:
    """A cell's class on a page: figures right, long text given room, codes and dates whole."""
    if column.kind in (MONEY, PERCENT, NUMBER):
        return "num"
    if column.kind == LONG:
        return "long"
    return "nowrap" if column.kind in (CODE, DATE) or index == 0 else ""


def display(table: Table) -> dict:
    """The table as a page shows it: each cell's text and its class (``_css``)."""
    css = [_css(column, index) for index, column in enumerate(table.columns)]
    return {
        "title": table.title,
        "headers": list(zip([c.header for c in table.columns], css, strict=True)),
        "rows": [
            [(shown(v, c.kind), k) for v, c, k in zip(row, table.columns, css, strict=True)]
            for row in table.rows
        ],
        "total": [
            ("" if v in ("", None) else shown(v, c.kind), k)
            for v, c, k in zip(table.total or [], table.columns, css, strict=True)
        ],
    }
