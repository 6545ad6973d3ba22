"""The plan as a spreadsheet: the template to download (the project's months, with the figures
of the plan shown on the page) and an upload of it read back into the grid's rows.

The template has one row per month of the project's period under two header rows, Thai then
English; either header row is enough to read a file back, and the columns may come in any
order (the activities may be left out). A cell is read by the grid's own field
(``forms.month_fields``: Thai digits, thousands commas), and the rows then go through the
grid's service (``services.plan_save``) and so through the same rules, versions and audit;
an error of a rule lands on the file's row and column."""

import datetime as dt
import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tidtam.core.spreadsheets import (
    CSV,
    XLSX,
    Problem,
    Refused,
    SheetOut,
    csv_bytes,
    match_headers,
    read_tables,
    text_of,
    xlsx,
)
from tidtam.lib.thai import BE_OFFSET, MONTHS_LONG, MONTHS_SHORT, be_year, to_arabic_digits
from tidtam.orgs.models import User
from tidtam.projects.models import Project
from tidtam.workplans import rules, services
from tidtam.workplans.forms import MAX_UPLOAD_BYTES, month_fields
from tidtam.workplans.models import WorkPlan

MAX_ROWS = 500  # a plan of ten years has 120 months
MAX_UNPACKED = 20 * 1024 * 1024  # what an uploaded workbook may unpack to


@dataclass(frozen=True)
class Column:
    key: str
    thai: str
    english: str
    width: int
    required: bool = True


COLUMNS = (
    Column("month", "เดือน", "Month", 12),
    Column("progress", "ผลการดำเนินงานสะสมตามแผน (%)", "Planned cumulative progress (%)", 20),
    Column("disbursement", "เบิกจ่ายตามแผน (บาท)", "Planned disbursement (baht)", 20),
    Column("activities", "กิจกรรมตามแผน", "Planned activities", 60, required=False),
)
SHEET_TITLE = "แผนการดำเนินงาน"


def month_short(month: dt.date) -> str:
    """A month as the template writes it: ต.ค. 2569."""
    return f"{MONTHS_SHORT[month.month - 1]} {be_year(month.year)}"


def template(project: Project, rows: list[rules.Row], fmt: str) -> tuple[str, str, bytes]:
    """``(filename, content_type, bytes)``: the project's months, each with the figures of
    ``rows`` (the plan shown on the page), empty without."""
    by_month = {row.month: row for row in rows}
    lines = []
    for month in rules.months_between(project.start_date, project.end_date):
        row = by_month.get(month)
        if row is None:
            lines.append([month_short(month), None, None, None])
        elif fmt == "csv":
            lines.append(
                [
                    month_short(month),
                    f"{row.progress.normalize():f}",
                    f"{row.disbursement:f}",
                    row.activities,
                ]
            )
        else:
            lines.append([month_short(month), row.progress, row.disbursement, row.activities])
    headers = [[c.thai for c in COLUMNS], [c.english for c in COLUMNS]]
    name = f"plan-{project.code}"
    if fmt == "csv":
        return f"{name}.csv", CSV, csv_bytes(headers, lines)
    sheet = SheetOut(SHEET_TITLE, headers, lines, [c.width for c in COLUMNS])
    return f"{name}.xlsx", XLSX, xlsx([sheet])


@dataclass
class Upload:
    """A plan read from a file: its rows in the order of the months, each row's line in the
    file, and the columns as messages name them."""

    where: str
    rows: list[rules.Row]
    lines: list[int]
    columns: dict[str, str]

    def problems(self, errors: dict[str, list[str]]) -> list[Problem]:
        """The rules' errors (named by grid cell: ``progress_3``) on the file's rows and
        columns."""
        found = []
        for key, messages in errors.items():
            name, _sep, index = key.rpartition("_")
            if name in self.columns and index.isdigit() and int(index) < len(self.lines):
                place = (self.lines[int(index)], self.columns[name])
            else:
                place = (None, "")
            found.extend(Problem(self.where, *place, message) for message in messages)
        return found


class PlanRefused(Refused):
    """The upload is not saved: the problems of the file, and what is wrong with the reason
    for a revision (said next to its field)."""

    def __init__(self, problems: list[Problem], reason: list[str] = ()):
        super().__init__(problems)
        self.reason = list(reason)


def plan_upload(
    *, actor: User, project: Project, name: str, data: bytes, version: int | None, reason: str
) -> WorkPlan:
    """Enter or revise the project's plan from an uploaded template, as the grid does
    (``services.plan_save``, the file's name kept in the audit log); ``PlanRefused`` with every
    problem, nothing saved. ``concurrency.StaleEdit`` when the plan was saved since ``version``
    was loaded."""
    upload = read_plan(name, data, rules.months_between(project.start_date, project.end_date))
    try:
        return services.plan_save(
            actor=actor,
            project=project,
            rows=upload.rows,
            version=version,
            reason=reason,
            source_file=name,
        )
    except ValidationError as error:
        errors = dict(error.message_dict)
        reason_errors = errors.pop("reason", [])
        raise PlanRefused(upload.problems(errors), reason_errors) from None


def read_plan(name: str, data: bytes, months: list[dt.date]) -> Upload:
    """The plan in the file for a project of these ``months``; ``Refused`` with every problem
    of the file (an unreadable cell, a month twice or missing, columns missing)."""
    tables = read_tables(
        name, data, max_bytes=MAX_UPLOAD_BYTES, max_rows=MAX_ROWS, max_unpacked=MAX_UNPACKED
    )
    table = tables[0]  # the template has one sheet; a second is not looked at
    if table.problems:
        raise Refused(table.problems)
    if not table.rows:
        raise Refused([Problem(table.where, None, "", _("The file is empty."))])
    index_of, labels, problems = _headers(table.where, table.rows[0])
    if problems:
        raise Refused(problems)
    first = 2
    if len(table.rows) > 1 and _is_header_row(table.rows[1]):
        first = 3  # the template's second header row
    fields = month_fields("")
    read: list[tuple[int, rules.Row]] = []
    seen: dict[dt.date, int] = {}
    for line, raw in enumerate(table.rows[first - 1 :], start=first):
        cells = {key: raw[i] if i < len(raw) else None for key, i in index_of.items()}
        if all(value in (None, "") for value in cells.values()):
            continue
        values, wrong = {}, []
        for key, value in cells.items():
            try:
                values[key] = _month(value) if key == "month" else fields[key].clean(text_of(value))
            except (forms.ValidationError, ValueError) as error:
                messages = getattr(error, "messages", None) or [str(error)]
                wrong.extend(Problem(table.where, line, labels[key], m) for m in messages)
        month = values.get("month")
        if month is not None and month in seen:
            wrong.append(
                Problem(
                    table.where,
                    line,
                    labels["month"],
                    _("%(month)s is already on row %(row)s.")
                    % {"month": rules.month_label(month), "row": seen[month]},
                )
            )
        elif month is not None:
            seen[month] = line
        problems.extend(wrong)
        if not wrong:
            row = rules.Row(
                month, values["progress"], values["disbursement"], values.get("activities") or ""
            )
            read.append((line, row))
    missing = [month for month in months if month not in seen]
    if missing:
        problems.append(
            Problem(
                table.where,
                None,
                labels["month"],
                _("The file has no row for %(months)s: one row per month of the project.")
                % {"months": ", ".join(rules.month_label(m) for m in missing)},
            )
        )
    if problems:
        raise Refused(problems)
    read.sort(key=lambda item: item[1].month)
    return Upload(table.where, [row for _line, row in read], [line for line, _row in read], labels)


def _key(text) -> str:
    return " ".join(str(text).split()).casefold() if text is not None else ""


HEADERS = {_key(header): c for c in COLUMNS for header in (c.thai, c.english)}


def _is_header_row(raw: list) -> bool:
    cells = [_key(value) for value in raw if value not in (None, "")]
    return bool(cells) and all(cell in HEADERS for cell in cells)


def _headers(where: str, raw: list) -> tuple[dict[str, int], dict[str, str], list[Problem]]:
    """Each column's place in the file, its label for messages, and what is wrong with the
    header row: the Thai or the English header, in any case and spacing."""
    return match_headers(where, raw, COLUMNS, lambda c: (c.thai, c.english), _key)


MONTH_NAMES = {
    re.sub(r"[.\s]", "", name): number
    for names in (MONTHS_SHORT, MONTHS_LONG)
    for number, name in enumerate(names, start=1)
}
NAMED_MONTH = re.compile(r"^(\D+?)\s*(\d{4})$")
NUMBERED_MONTH = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{4})$")


def _month(raw) -> dt.date:
    """The month of a cell: ต.ค. 2569, ตุลาคม 2569, 10/2569 (Thai digits welcome), or a date
    typed into the spreadsheet; ``ValueError`` otherwise."""
    if isinstance(raw, dt.datetime | dt.date):
        year = raw.year - BE_OFFSET if raw.year >= 2400 else raw.year
        return dt.date(year, raw.month, 1)
    text = to_arabic_digits(text_of(raw)).strip()
    number = year = None
    if found := NAMED_MONTH.match(text):
        number = MONTH_NAMES.get(re.sub(r"[.\s]", "", found.group(1)))
        year = int(found.group(2))
    elif found := NUMBERED_MONTH.match(text):
        number, year = int(found.group(1)), int(found.group(2))
    if not text:
        raise ValueError(_("This cell is required."))
    if number is None or not 1 <= number <= 12 or not 2400 <= year <= 2700:
        raise ValueError(
            _("“%(text)s” is not a month: write it as in the template, e.g. ต.ค. 2569.")
            % {"text": text[:50]}
        )
    return dt.date(year - BE_OFFSET, number, 1)
