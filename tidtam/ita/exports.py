"""The comparison of all agencies for a year as XLSX: (filename, content_type, bytes)."""

import io
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from tidtam.lib.spreadsheet import neutralise

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def comparison_xlsx(framework, rows: list[dict]) -> tuple[str, str, bytes]:
    from openpyxl import Workbook  # ~0.3 s to import: not at every process's start

    book = Workbook()
    sheet = book.active
    sheet.title = str(framework.fiscal_year)
    codes = [tool.code for tool in framework.tools.all()]
    sheet.append(
        [_("Agency code"), _("Agency"), *codes, _("Total"), _("Level"), _("Previous"), _("Change")]
    )
    for row in rows:
        agency, result = row["agency"], row["result"]
        if result is None:
            sheet.append([neutralise(agency.agency_code), neutralise(agency.name)])
            continue
        scores = [result["scores"].get(code) for code in codes]
        values = [*scores, result["total"], result["level"], result["previous"], result["change"]]
        cells = [agency.agency_code, agency.name, *[_cell(v) for v in values]]
        sheet.append([neutralise(cell) for cell in cells])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, int | Decimal):
                cell.number_format = "0.00"
    buffer = io.BytesIO()
    book.save(buffer)
    return f"ita-{framework.fiscal_year}.xlsx", XLSX, buffer.getvalue()


def _cell(value):
    """Scores go in as exact decimal numbers rounded for display; text stays text."""
    if value is None:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return value
