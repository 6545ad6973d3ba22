"""Spreadsheets in and out (XLSX or CSV), for every app that reads or offers one: the setup
import (``intake``), the operating plan's upload (``workplans``).

In: an uploaded file becomes its tables of raw cell values, or ``Refused`` with every problem,
each placed by file, sheet, row and column. Refused outright: a file over the size given, a
macro workbook (.xlsm), a CSV that is not UTF-8 (TIS-620 is named; a BOM is fine) or holds a
NUL, a workbook that is not one or unpacks to too much (a zip bomb), formula cells and merged
cells (a value must be typed, not computed or spread over cells), too many rows. What the
cells mean is the caller's business (``text_of`` reads one as text).

Out: ``xlsx`` and ``csv_bytes`` write header rows and rows, each cell through
``lib.spreadsheet.neutralise`` (no formula injection); a CSV starts with a BOM so that Excel
reads it as UTF-8."""

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from tidtam.lib.spreadsheet import neutralise
from tidtam.lib.thai import BE_OFFSET

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 100_000
MAX_UNPACKED = 200 * 1024 * 1024  # what a workbook may unpack to (a zip bomb is refused)
# the key under which the audit log keeps the name of the file a change came from
SOURCE_FILE = "source_file"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"


@dataclass(frozen=True)
class Problem:
    where: str  # the file, and its sheet for a workbook
    row: int | None  # the spreadsheet's row number (1 is the header row)
    column: str  # the column's letter and header, or ""
    message: str

    def __str__(self) -> str:
        place = self.where
        if self.row is not None:
            place += " " + _("row %(row)s") % {"row": self.row}
        if self.column:
            place += " " + _("column %(column)s") % {"column": self.column}
        return f"{place}: {self.message}"


class Refused(Exception):
    """The file cannot be used: every problem found, nothing written."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class Table:
    """One sheet of a workbook, or a CSV file: its rows of raw values (strings for a CSV;
    numbers, dates and strings for a workbook)."""

    where: str  # "file.xlsx, sheet หน่วยงาน" or "file.csv"
    title: str | None  # the sheet's name; None for a CSV
    rows: list[list] = field(default_factory=list)
    # formulas and merged cells: its values are not what they look like
    problems: list[Problem] = field(default_factory=list)


def column_label(index: int, header: str) -> str:
    """A column as messages name it: "C (ชื่อหน่วยงาน)" (``index`` from 0)."""
    return f"{get_column_letter(index + 1)} ({header})"


def match_headers(
    where: str, cells: list, columns, names=lambda column: (column.header,), key=str
) -> tuple[dict[str, int], dict[str, str], list[Problem]]:
    """A template's header row as read: each column's place (by its ``key``), its label for
    messages (``column_label``), and what is wrong — a header that is none of the template's,
    one seen twice, a required column missing (named by its first name). A column is found by
    any of its ``names``, compared through ``key`` (e.g. ignoring case and spacing)."""
    known = {key(name): column for column in columns for name in names(column)}
    index_of: dict[str, int] = {}
    labels: dict[str, str] = {}
    problems: list[Problem] = []
    for index, cell in enumerate(cells):
        text = "" if cell is None else str(cell).strip()
        if not text:
            continue
        column = known.get(key(text))
        label = column_label(index, text[:100])
        if column is None:
            problems.append(
                Problem(where, 1, label, _("This header is not one of the template's."))
            )
        elif column.key in index_of:
            problems.append(Problem(where, 1, label, _("This header appears twice.")))
        else:
            index_of[column.key], labels[column.key] = index, label
    for column in columns:
        if column.required and column.key not in index_of:
            header = names(column)[0]
            message = _("The column “%(header)s” is missing.") % {"header": header}
            problems.append(Problem(where, 1, header, message))
    return index_of, labels, problems


def read_tables(
    name: str,
    data: bytes,
    *,
    max_bytes: int = MAX_BYTES,
    max_rows: int = MAX_ROWS,
    max_unpacked: int | None = None,
) -> list[Table]:
    """The file's tables (the sheets holding something, each with its own problems); ``Refused``
    for a file that cannot be read at all. ``max_unpacked``: what a workbook may unpack to
    (``MAX_UNPACKED`` unless given)."""
    lower = name.lower()
    too_large = _("The file is larger than %(size)s MB.") % {"size": _megabytes(max_bytes)}
    if len(data) > max_bytes:
        raise Refused([Problem(name, None, "", too_large)])
    if lower.endswith(".csv"):
        rows = _csv_rows(name, data)
        if not rows:
            raise Refused([Problem(name, None, "", _("The file is empty."))])
        if len(rows) > max_rows:
            raise Refused([Problem(name, max_rows + 1, "", _("Too many rows."))])
        return [Table(name, None, rows)]
    if lower.endswith(".xlsx") and _unpacked_size(data) > (max_unpacked or MAX_UNPACKED):
        raise Refused([Problem(name, None, "", too_large)])
    if lower.endswith((".xlsm", ".xltm")) or _has_macros(data):
        raise Refused(
            [Problem(name, None, "", _("A workbook with macros (.xlsm) is not accepted."))]
        )
    if lower.endswith(".xlsx"):
        return _workbook(name, data, max_rows)
    raise Refused([Problem(name, None, "", _("Upload an .xlsx or .csv file."))])


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"


def _unpacked_size(data: bytes) -> int:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError):
        return 0


def _has_macros(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, EOFError):
        return False
    return any(n.lower().endswith("vbaproject.bin") for n in names) or b"macroEnabled" in types


def _csv_rows(name: str, data: bytes) -> list[list]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        start = data.rfind(b"\n", 0, error.start) + 1
        column = data[start : error.start].count(b",")
        message = _("The CSV file is not UTF-8 text")
        if _looks_tis620(data):
            message += " " + _("(it looks like TIS-620)")
        message += ": " + _("save it again as “CSV UTF-8”.")
        raise Refused([Problem(name, line, get_column_letter(column + 1), message)]) from None
    if "\x00" in text:
        raise Refused([Problem(name, None, "", _("The CSV file holds a NUL character."))])
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:  # a field over the csv module's limit (128 kB)
        raise Refused([Problem(name, None, "", _("A cell of the file is too long."))]) from None
    for number, row in enumerate(rows, start=1):
        for index, value in enumerate(row):
            if value.startswith("="):
                raise Refused([_formula(name, number, index)])
    return rows


def _looks_tis620(data: bytes) -> bool:
    """Thai letters of TIS-620 are bytes 0xA1–0xFB; decoded so, the text reads as Thai."""
    try:
        text = data.decode("tis-620")
    except UnicodeDecodeError:
        return False
    thai = sum(1 for char in text if "\u0e01" <= char <= "\u0e5b")
    return thai > 0 and thai * 2 >= sum(1 for byte in data if byte >= 0x80)


def _formula(where: str, row: int, index: int) -> Problem:
    return Problem(
        where,
        row,
        get_column_letter(index + 1),
        _("A formula is not accepted: type the value itself."),
    )


def _workbook(name: str, data: bytes, max_rows: int) -> list[Table]:
    try:
        book = load_workbook(io.BytesIO(data), data_only=False, keep_vba=False)
    except Exception:
        raise Refused(
            [Problem(name, None, "", _("The file is not an Excel workbook (.xlsx)."))]
        ) from None
    tables = []
    for worksheet in book.worksheets:
        where = _("%(file)s, sheet %(sheet)s") % {"file": name, "sheet": worksheet.title}
        table = Table(where, worksheet.title)
        for merged in worksheet.merged_cells.ranges:
            table.problems.append(
                Problem(
                    where,
                    merged.min_row,
                    str(merged.coord),
                    _("Merged cells are not accepted: one value in each cell."),
                )
            )
        for number, row in enumerate(worksheet.iter_rows(), start=1):
            if number > max_rows:
                table.problems.append(Problem(where, number, "", _("Too many rows.")))
                break
            for index, cell in enumerate(row):
                if cell.data_type == "f":
                    table.problems.append(_formula(where, number, index))
            table.rows.append([cell.value for cell in row])
        if table.problems or any(any(v not in (None, "") for v in row) for row in table.rows):
            tables.append(table)
    if not tables:
        raise Refused([Problem(name, None, "", _("The workbook is empty."))])
    return tables


def text_of(raw) -> str:
    """A cell as text: a whole number without ``.0``, a date as its B.E. dd/mm/yyyy, an
    exported cell's neutralising apostrophe taken off. ``ValueError`` for a yes/no cell."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        raise ValueError(_("A yes/no value is not expected here."))
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, dt.datetime | dt.date):
        return f"{raw.day:02d}/{raw.month:02d}/{be_year_of(raw)}"
    text = str(raw).replace("\r\n", "\n").strip()
    if text.startswith("'") and text[1:2] in ("=", "+", "-", "@"):
        text = text[1:]  # an export's neutralised cell (lib.spreadsheet)
    return text


def be_year_of(value: dt.date) -> int:
    """A date cell's B.E. year; a date typed as 16/01/2566 into a spreadsheet is already in it."""
    return value.year if value.year >= 2400 else value.year + BE_OFFSET


@dataclass
class SheetOut:
    title: str
    headers: list[list[str]]  # one or more header rows, written bold and kept in view
    rows: list[list]
    widths: list[int] = field(default_factory=list)  # of the columns, in characters


def xlsx(sheets: list[SheetOut]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for out in sheets:
        sheet = book.create_sheet(out.title)
        for header in out.headers:
            sheet.append(header)
        for row in sheet.iter_rows(min_row=1, max_row=len(out.headers)):
            for cell in row:
                cell.font = Font(bold=True)
        for index, width in enumerate(out.widths):
            sheet.column_dimensions[get_column_letter(index + 1)].width = width
        for row in out.rows:
            sheet.append([neutralise(value) for value in row])
        sheet.freeze_panes = f"A{len(out.headers) + 1}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(headers: list[list[str]], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(headers)
    for row in rows:
        writer.writerow(["" if value is None else neutralise(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
