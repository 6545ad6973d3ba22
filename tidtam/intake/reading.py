"""Reading uploaded setup files (XLSX or CSV) into typed rows, or every problem found.

The file itself is read by ``core.spreadsheets`` (size, macros, encoding, formulas and merged
cells refused there); here each table's headers must be a template's, and each cell is read
for its column (``cells``)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tidtam.core.spreadsheets import Problem, Refused, column_label, match_headers, read_tables
from tidtam.intake.cells import CellError, read
from tidtam.intake.columns import KINDS, SheetKind

MAX_BYTES = 10 * 1024 * 1024  # a city's whole setup is well under 2 MB


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
        return column_label(index, self.kind.column(key).header)


def read_file(name: str, data: bytes) -> list[Sheet]:
    """The file's sheets with their typed rows; ``Refused`` with every problem otherwise."""
    sheets, problems = [], []
    for table in read_tables(name, data, max_bytes=MAX_BYTES):
        if table.problems:
            problems.extend(table.problems)
            continue  # its values are not what they look like: no use reading them
        try:
            sheets.append(_sheet(table.where, table.rows, kind_hint=table.title))
        except Refused as refused:
            problems.extend(refused.problems)
    if problems:
        raise Refused(problems)
    return sheets


def _kind_of(headers: list[str], hint: str | None) -> SheetKind | None:
    """The template these headers are: the one sharing most headers (the sheet's name breaks
    a tie); none when fewer than two match."""
    present = set(headers)
    scored = [(len(present & set(kind.headers)), kind.title == hint, kind) for kind in KINDS]
    best = max(scored, key=lambda item: item[:2])
    return best[2] if best[0] >= 2 else None


def _sheet(where: str, rows: list[list], kind_hint: str | None) -> Sheet:
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
    index_of, _labels, problems = match_headers(where, headers, kind.columns)
    if problems:
        raise Refused(problems)
    sheet = Sheet(kind, where)
    for number, raw in enumerate(rows[1:], start=2):
        if all(value in (None, "") for value in raw):
            continue
        values, columns = {}, {}
        for column in kind.columns:
            index = index_of.get(column.key)
            label = column_label(index, column.header) if index is not None else column.header
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
