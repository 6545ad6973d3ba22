"""Reading uploaded setup files (XLSX or CSV) into typed rows, or every problem found.

Refused outright: a macro workbook (.xlsm), a file over ``MAX_BYTES``, a CSV that is not UTF-8
(TIS-620 is named), a workbook that is not one, formula cells and merged cells (a value must be
typed, not computed or spread over cells), headers that are not a template's."""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from tidtam.intake.cells import CellError, read
from tidtam.intake.columns import KINDS, SheetKind
from tidtam.intake.problems import Problem, Refused

MAX_BYTES = 10 * 1024 * 1024  # a city's whole setup is well under 2 MB
MAX_ROWS = 100_000
MAX_UNPACKED = 200 * 1024 * 1024  # what a workbook may unpack to (a zip bomb is refused)


@dataclass
class Row:
    number: int
    values: dict
    columns: dict  # key → "C (ชื่อหน่วยงาน)", for messages


@dataclass
class Sheet:
    kind: SheetKind
    where: str  # "file.xlsx, sheet หน่วยงาน" or "file.csv"
    rows: list[Row] = field(default_factory=list)

    def column_label(self, key: str) -> str:
        index = self.kind.columns.index(self.kind.column(key))
        return _column_label(index, self.kind.column(key).header)


def _column_label(index: int, header: str) -> str:
    return f"{get_column_letter(index + 1)} ({header})"


def read_file(name: str, data: bytes) -> list[Sheet]:
    """The file's sheets with their typed rows; ``Refused`` with every problem otherwise."""
    lower = name.lower()
    if len(data) > MAX_BYTES:
        raise Refused([Problem(name, None, "", _("The file is larger than 10 MB."))])
    if lower.endswith(".csv"):
        return [_sheet(name, _csv_rows(name, data), kind_hint=None)]
    if lower.endswith(".xlsx") and _unpacked_size(data) > MAX_UNPACKED:
        raise Refused([Problem(name, None, "", _("The file is larger than 10 MB."))])
    if lower.endswith((".xlsm", ".xltm")) or _has_macros(data):
        raise Refused(
            [Problem(name, None, "", _("A workbook with macros (.xlsm) is not accepted."))]
        )
    if lower.endswith(".xlsx"):
        return _workbook(name, data)
    raise Refused([Problem(name, None, "", _("Upload an .xlsx or .csv file."))])


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
    rows = list(csv.reader(io.StringIO(text, newline="")))
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


def _workbook(name: str, data: bytes) -> list[Sheet]:
    try:
        book = load_workbook(io.BytesIO(data), data_only=False, keep_vba=False)
    except Exception:
        raise Refused(
            [Problem(name, None, "", _("The file is not an Excel workbook (.xlsx)."))]
        ) from None
    sheets, problems = [], []
    for worksheet in book.worksheets:
        where = _("%(file)s, sheet %(sheet)s") % {"file": name, "sheet": worksheet.title}
        found = len(problems)
        for merged in worksheet.merged_cells.ranges:
            problems.append(
                Problem(
                    where,
                    merged.min_row,
                    str(merged.coord),
                    _("Merged cells are not accepted: one value in each cell."),
                )
            )
        rows = []
        for number, row in enumerate(worksheet.iter_rows(), start=1):
            if number > MAX_ROWS:
                problems.append(Problem(where, number, "", _("Too many rows.")))
                break
            for index, cell in enumerate(row):
                if cell.data_type == "f":
                    problems.append(_formula(where, number, index))
            rows.append([cell.value for cell in row])
        if len(problems) > found:
            continue  # its values are not what they look like: no use reading them
        if any(any(value not in (None, "") for value in row) for row in rows):
            try:
                sheets.append(_sheet(where, rows, kind_hint=worksheet.title))
            except Refused as refused:
                problems.extend(refused.problems)
    if problems:
        raise Refused(problems)
    if not sheets:
        raise Refused([Problem(name, None, "", _("The workbook is empty."))])
    return sheets


def _kind_of(headers: list[str], hint: str | None) -> SheetKind | None:
    """The template these headers are: the one sharing most headers (the sheet's name breaks
    a tie); none when fewer than two match."""
    present = set(headers)
    scored = [(len(present & set(kind.headers)), kind.title == hint, kind) for kind in KINDS]
    best = max(scored, key=lambda item: item[:2])
    return best[2] if best[0] >= 2 else None


def _sheet(where: str, rows: list[list], kind_hint: str | None) -> Sheet:
    if not rows:
        raise Refused([Problem(where, None, "", _("The file is empty."))])
    headers = [str(value).strip() if value is not None else "" for value in rows[0]]
    kind = _kind_of(headers, kind_hint)
    if kind is None:
        names = "; ".join(f"{k.title}: {', '.join(k.headers)}" for k in KINDS)
        raise Refused(
            [
                Problem(
                    where,
                    1,
                    "",
                    _("The headers are not those of a template (%(templates)s).")
                    % {"templates": names},
                )
            ]
        )
    problems, index_of = _check_headers(where, kind, headers)
    if problems:
        raise Refused(problems)
    sheet = Sheet(kind, where)
    for number, raw in enumerate(rows[1:], start=2):
        if all(value in (None, "") for value in raw):
            continue
        values, columns = {}, {}
        for column in kind.columns:
            index = index_of.get(column.key)
            label = _column_label(index, column.header) if index is not None else column.header
            columns[column.key] = label
            cell = raw[index] if index is not None and index < len(raw) else None
            try:
                values[column.key] = read(kind.key, column, cell)
            except CellError as error:
                problems.append(Problem(where, number, label, str(error)))
        sheet.rows.append(Row(number, values, columns))
    if problems:
        raise Refused(problems)
    return sheet


def _check_headers(where: str, kind: SheetKind, headers: list[str]):
    problems, index_of = [], {}
    by_header = {column.header: column for column in kind.columns}
    for index, header in enumerate(headers):
        if not header:
            continue
        column = by_header.get(header)
        label = _column_label(index, header)
        if column is None:
            problems.append(
                Problem(where, 1, label, _("This header is not one of the template's."))
            )
        elif column.key in index_of:
            problems.append(Problem(where, 1, label, _("This header appears twice.")))
        else:
            index_of[column.key] = index
    for column in kind.columns:
        if column.required and column.key not in index_of:
            problems.append(
                Problem(
                    where,
                    1,
                    column.header,
                    _("The column “%(header)s” is missing.") % {"header": column.header},
                )
            )
    return problems, index_of
