"""Spreadsheets for the tests, written as a person would fill in the templates."""

import io

from openpyxl import Workbook

from tidtam.intake.columns import BY_KEY


def workbook(sheets: dict[str, list[list]], headers: dict[str, list] | None = None) -> bytes:
    """An XLSX of these sheets (by kind key), each under its template's headers unless
    ``headers`` gives others."""
    book = Workbook()
    book.remove(book.active)
    for key, rows in sheets.items():
        kind = BY_KEY[key]
        sheet = book.create_sheet(kind.title)
        sheet.append((headers or {}).get(key, kind.headers))
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(key: str, rows: list[list], encoding: str = "utf-8") -> bytes:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(BY_KEY[key].headers)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def project_row(**changes) -> list:
    """A projects row of Bang Sue's ฝ่ายปกครอง (the cast's and the demo's) in FY2566."""
    row = {
        "code": "",
        "fiscal_year": "๒๕๖๖",
        "name": "โครงการทดสอบนำเข้า",
        "unit": "50310000",
        "budget_received": "๑๒๐,๐๐๐.๕๐",
        "start_date": "01/11/2565",
        "end_date": "๓๐/๐๙/๒๕๖๖",
        "responsible_person": "ฝ่ายปกครอง",
        "coordinator": "",
        "plan_targets": "",
        "kpis": "",
        "rationale": "",
        "objectives": "",
        "targets": "",
    }
    row.update(changes)
    return list(row.values())
