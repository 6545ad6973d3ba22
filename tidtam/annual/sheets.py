"""An annual document as an XLSX workbook: one sheet per table, the document's title, agency,
year and cut-off above Thai column headings, the values as numbers (Decimal written exactly,
formatted with separators), dates in the Buddhist Era, a totals row. Every cell goes through
``lib.spreadsheet.neutralise``."""

import datetime as dt
import io
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from tidtam.annual import build
from tidtam.annual import tables as tabled
from tidtam.lib.spreadsheet import neutralise
from tidtam.lib.thai import format_date_full, format_date_short

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {tabled.MONEY: "#,##0.00", tabled.PERCENT: "0.00"}
WIDTHS = {tabled.LONG: 48, tabled.TEXT: 18, tabled.CODE: 16, tabled.DATE: 14}


def _value(value):
    if isinstance(value, dt.date):
        return format_date_short(value)
    return neutralise(value)


def _heading(data: dict) -> list[str]:
    lines = [
        _("%(title)s, fiscal year %(year)s")
        % {"title": build.TITLES[data["document"]], "year": data["fiscal_year"]},
        f"{_('Agency')}: {data['agency']} ({data['agency_code']})",
    ]
    if data["cutoff"]:
        day = format_date_full(tabled.as_date(data["cutoff"]))
        lines.append(
            _("As of %(date)s, from the progress reports the coordinators accepted") % {"date": day}
        )
    return lines


def workbook(data: dict) -> tuple[str, str, bytes]:
    """The document's workbook, with Thai headings whatever the reader's language."""
    from openpyxl import Workbook  # ~0.3 s to import: not at every process's start
    from openpyxl.styles import Alignment, Font

    with translation.override(settings.LANGUAGE_CODE):
        book = Workbook()
        book.remove(book.active)
        heading = _heading(data)
        for table in tabled.tables(data):
            sheet = book.create_sheet(table.title[:31])
            for line in [*heading, table.title]:
                sheet.append([neutralise(line)])
                sheet.cell(sheet.max_row, 1).font = Font(bold=True)
            sheet.append([])
            sheet.append([neutralise(column.header) for column in table.columns])
            header = sheet.max_row
            for cell in sheet[header]:
                cell.font = Font(bold=True)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            for row in [*table.rows, *([table.total] if table.total else [])]:
                sheet.append([_value(value) for value in row])
            if table.total:
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True)
            for index, column in enumerate(table.columns, start=1):
                letter = sheet.cell(header, index).column_letter
                sheet.column_dimensions[letter].width = WIDTHS.get(column.kind, 16)
                for (cell,) in sheet.iter_rows(min_row=header + 1, min_col=index, max_col=index):
                    if isinstance(cell.value, Decimal) and column.kind in FORMATS:
                        cell.number_format = FORMATS[column.kind]
                    if column.kind == tabled.LONG:
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
            sheet.freeze_panes = sheet.cell(header + 1, 1)
    buffer = io.BytesIO()
    book.save(buffer)
    filename = "tidtam-{}.xlsx".format(data["code"].replace("/", "-"))
    return filename, CONTENT_TYPE, buffer.getvalue()
