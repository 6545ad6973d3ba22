"""Exports: one contract, Thai headers, dates in B.E., numbers as numbers, scoped by the user."""

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from tidtam.core.testing import Page, page_of
from tidtam.followup.exports import export_projects
from tidtam.projects.tests.factories import add_report, make_project


@pytest.fixture
def projects(cast):
    a = make_project(
        cast.alice, cast.a_admin, name="โครงการขุดลอกคลอง", budget_received=Decimal("1234.50")
    )
    add_report(cast.alice, a, progress_percent=Decimal("45.25"), budget_disbursed=Decimal("100"))
    b = make_project(cast.bob, cast.b_admin, name="โครงการของจตุจักร")
    return a, b


def test_xlsx_has_thai_headers_be_dates_and_numbers(cast, projects):
    filename, content_type, body = export_projects(cast.carol, fiscal_year=2566, fmt="xlsx")
    assert filename == "projects-2566.xlsx"
    assert content_type.startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(body)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "รหัสโครงการ"
    assert len(rows) == 2  # carol follows agency A only
    row = rows[1]
    assert row[1] == "โครงการขุดลอกคลอง"
    assert row[5] == "01/10/2565"
    assert isinstance(row[7], int | float) and row[7] == 1234.5  # a number cell
    assert row[9] == 45.25
    assert sheet.cell(row=2, column=8).number_format == "#,##0.00"


def test_an_export_reads_no_long_text_of_its_projects(cast, projects):
    """The export's columns are codes, names, units, dates and figures: a city's year of
    projects is read without their rationale, objectives and targets."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        export_projects(cast.chief, fiscal_year=2566, fmt="csv")
    rows = [q["sql"] for q in queries if '"projects_project"."code"' in q["sql"]]
    assert rows and not [sql for sql in rows if '"projects_project"."rationale"' in sql]


def test_csv_is_utf8_with_bom(cast, projects):
    _name, _content_type, body = export_projects(cast.chief, fiscal_year=2566, fmt="csv")
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][0] == "รหัสโครงการ"
    assert len(rows) == 3
    assert "1234.50" in rows[2] or "1234.50" in rows[1]


def test_json_keeps_decimals_exact(cast, projects):
    _name, content_type, body = export_projects(cast.alice, fiscal_year=2566, fmt="json")
    data = json.loads(body)
    assert content_type == "application/json"
    assert [row["code"] for row in data] == [projects[0].code]
    assert data[0]["budget_received"] == "1234.50"
    assert data[0]["start_date"] == "2022-10-01"


def test_export_from_the_list_page_keeps_its_filters_and_scope(client, cast, projects):
    client.force_login(cast.bob)
    url = reverse("followup:projects_export", kwargs={"fmt": "csv"})
    response = client.get(url + "?fiscal_year=2566")
    assert response.status_code == 200
    assert 'filename="projects-2566.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert "โครงการของจตุจักร" in text
    assert "โครงการขุดลอกคลอง" not in text
    assert client.get(reverse("followup:projects_export", kwargs={"fmt": "pdf"})).status_code == 404


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_dashboard_export(client, cast, projects, fmt):
    client.force_login(cast.chief)
    url = reverse("followup:dashboard_export", kwargs={"fmt": fmt})
    response = client.get(url + "?fy=2566")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'dashboard-2566.{fmt}"')
    client.force_login(cast.alice)
    assert client.get(url + "?fy=2566").status_code == 403


def test_export_command(cast, projects, tmp_path):
    out = tmp_path / "p.json"
    call_command("export_projects", fy=2566, format="json", output=str(out), verbosity=0)
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 2
    call_command(
        "export_projects", fy=2566, format="xlsx", output=str(tmp_path / "p.xlsx"), user="bob"
    )
    sheet = load_workbook(tmp_path / "p.xlsx").active
    assert sheet.max_row == 2


FORMULA = '=HYPERLINK("http://evil.example/","เปิด")'


def _cells(fmt: str, body: bytes) -> list:
    if fmt == "csv":
        return [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for cell in row]
    book = load_workbook(io.BytesIO(body))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert not [cell for cell in cells if cell.data_type == "f"]  # no formula anywhere
    return [cell.value for cell in cells]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_project_export_writes_a_formula_name_as_plain_text(cast, fmt):
    make_project(cast.alice, cast.a_admin, name=FORMULA)
    _name, _type, body = export_projects(cast.alice, fiscal_year=2566, fmt=fmt)
    cells = _cells(fmt, body)
    assert "'" + FORMULA in cells and FORMULA not in cells


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_dashboard_export_writes_a_formula_label_as_plain_text(client, cast, projects, fmt):
    cast.a.name = "@SUM(1+1)*cmd|' /C calc'!A0"
    cast.a.save()
    client.force_login(cast.chief)
    url = reverse("followup:dashboard_export", kwargs={"fmt": fmt})
    cells = _cells(fmt, client.get(url + "?fy=2566").content)
    assert "'" + cast.a.name in cells and cast.a.name not in cells


@pytest.mark.parametrize("fy", ["99999", "-1", "1", "๑", "2499", "2701"])
def test_a_fiscal_year_out_of_range_is_a_message_not_an_error(client, cast, fy):
    client.force_login(cast.chief)
    for url in [
        reverse("followup:dashboard"),
        *[reverse("followup:dashboard_export", kwargs={"fmt": fmt}) for fmt in ["xlsx", "csv"]],
    ]:
        response = client.get(url, {"fy": fy})
        assert response.status_code == 400
        assert "Content-Disposition" not in response
        error = re.search(r'id="id_fy_error">(.*?)</span>\n', page_of(response)).group(1)
        assert "ไม่เกิน 2700" in Page(error) or "ไม่น้อยกว่า 2500" in Page(error)
