"""The pages and downloads: who reads an agency's documents, the XLSX cells, the printed PDF
(its Thai text, its recorded copy, hash and audit, the verify page), pinned query counts."""

import datetime as dt
import hashlib
import io
import json
import zipfile
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from tidtam.annual import printing
from tidtam.annual.tests.helpers import NAMES, accepted, make_documents_data
from tidtam.core.models import AuditEntry
from tidtam.core.testing import page_of
from tidtam.documents.actions import FORM_PRINTED
from tidtam.documents.models import PrintedForm
from tidtam.documents.tests.helpers import fold, pdf_text
from tidtam.projects.tests.factories import add_report, make_project

pytestmark = pytest.mark.django_db
A, YEAR = "50310000", 2566


@pytest.fixture
def made(cast):
    return make_documents_data(cast)


def _url(name, kind=None, agency=A, year=YEAR):
    kwargs = {"agency": agency, "year": year, **({"kind": kind} if kind else {})}
    return reverse(f"annual:{name}", kwargs=kwargs)


def test_who_reads_an_agency_documents(client, cast, made):
    for user in (cast.alice, cast.ed, cast.carol, cast.chief, cast.root):
        client.force_login(user)
        page = page_of(client.get(_url("year")))
        assert "แผนปฏิบัติราชการประจำปี" in page, user
        assert client.get(_url("xlsx", "six_month")).status_code == 200
    for user in (cast.bob, cast.cody, cast.bert, cast.olive):  # another agency, or none
        client.force_login(user)
        assert client.get(_url("year")).status_code == 404, user
        assert client.get(_url("xlsx", "annual")).status_code == 404
        assert client.post(_url("pdf", "annual")).status_code == 404
    assert not PrintedForm.objects.exists()
    client.force_login(cast.alice)
    assert client.get(_url("year", agency="50300000")).status_code == 404
    assert client.get(_url("year", agency="99999999")).status_code == 404
    assert client.get(_url("year", year=3000)).status_code == 404
    assert client.get(_url("xlsx", "other")).status_code == 404
    index = page_of(client.get(reverse("annual:index")))
    assert "สำนักงานเขตบางซื่อ" in index and "สำนักงานเขตจตุจักร" not in index
    client.logout()
    assert client.get(_url("year")).status_code == 302


def test_the_xlsx_holds_thai_headings_and_exact_numbers(client, cast, made):
    client.force_login(cast.alice)
    answer = client.get(_url("xlsx", "six_month"))
    assert answer["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "tidtam-50310000-2566-6m.xlsx" in answer["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(answer.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "รายงานความก้าวหน้ารอบ 6 เดือน ปีงบประมาณ พ.ศ. 2566"
    assert "31 มีนาคม 2566" in rows[2][0]
    header = next(i for i, row in enumerate(rows) if row[0] == "รหัสโครงการ")
    assert rows[header][2] == "งบประมาณที่ได้รับ (บาท)"
    p1 = rows[header + 1]
    assert p1[:5] == [made.p1.code, NAMES["p1"], 100000, 2, "31/03/2566"]
    assert p1[9:] == ["เป็นไปตามแผน", "ล่าช้ากว่าแผน"]
    assert rows[header + 2][3] is None  # P2: its returned report is not counted
    assert rows[-1][0] == "รวม"
    # Decimal written exactly, not through a float
    with zipfile.ZipFile(io.BytesIO(answer.content)) as book:
        xml = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<v>30000.75</v>" in xml and "<v>400000</v>" in xml
    cell = sheet.cell(header + 2, 9)
    assert cell.number_format == "#,##0.00"
    plan = load_workbook(io.BytesIO(client.get(_url("xlsx", "operating_plan")).content))
    assert plan.sheetnames == [
        "โครงการและงบประมาณ",
        "แผนการใช้จ่ายงบประมาณรายเดือน",
        "แผนรายเดือนของแต่ละโครงการ",
    ]


def test_the_printed_pdf_reads_back_the_exact_thai_and_is_recorded(client, cast, made):
    client.force_login(cast.alice)
    answer = client.post(_url("pdf", "annual"))
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert "tidtam-12m-50310000-2566-" in answer["Content-Disposition"]
    text = pdf_text(answer.content)
    folded = fold(text)
    assert "รายงานผลการดำเนินงานประจำปี" in text
    assert "ณ วันที่ 30 กันยายน 2566" in text
    for name in NAMES.values():
        assert fold(name) in folded
    assert "35,000.75" in text and "85,000.75" in text and "55.00" in text
    assert "ล่าช้ากว่าแผน" not in text  # P1 computes on plan a day into April
    printed = PrintedForm.objects.get()
    assert printed.kind == "annual" and printed.project_code == "50310000/2566/12m"
    assert printed.code in text and printed.sha256 in folded
    (attached,) = PdfReader(io.BytesIO(answer.content)).attachments.values()
    assert attached[0] == printed.data.encode()
    assert hashlib.sha256(attached[0]).hexdigest() == printed.sha256
    snapshot = json.loads(printed.data)
    assert snapshot["schema"] == printing.SCHEMA
    assert snapshot["annual"][f"{made.p1.code}.budget_disbursed"] == "35000.75"
    entry = AuditEntry.objects.get(action=FORM_PRINTED.name)
    assert entry.actor == cast.alice and entry.unit == cast.a
    assert entry.changes["sha256"] == [None, printed.sha256]
    assert client.get(_url("pdf", "annual")).status_code == 405  # a link followed prints nothing
    page = page_of(client.get(_url("year")))
    assert printed.code in page and printed.get_absolute_url() in page


def test_the_verify_page_finds_the_copy_and_names_what_changed(client, cast, made):
    client.force_login(cast.alice)
    client.post(_url("pdf", "six_month"))
    printed = PrintedForm.objects.get()
    verify = reverse("documents:verify", kwargs={"code": printed.code})
    client.logout()
    html = page_of(client.get(verify))
    assert "50310000/2566/6m" in html and "รายงานความก้าวหน้ารอบ 6 เดือน" in html
    assert 'id="unchanged"' in html
    later = dict(date=dt.date(2023, 2, 15), progress_percent=D("30"), budget_disbursed=D("7.5"))
    accepted(cast, add_report(cast.alice, made.p2, **later))
    html = page_of(client.get(verify))
    assert 'id="changed"' in html
    assert f"โครงการ {made.p2.code}: เบิกจ่ายแล้ว (บาท)" in html
    assert "7.50" not in html  # the values only for a reader of the agency
    client.force_login(cast.bob)
    assert "7.50" not in page_of(client.get(verify))
    client.force_login(cast.ed)
    assert "7.50" in page_of(client.get(verify))


def test_the_page_reads_the_same_queries_however_many_projects_and_copies(client, cast, made):
    client.force_login(cast.chief)
    client.post(_url("pdf", "operating_plan"))
    with CaptureQueriesContext(connection) as few:
        client.get(_url("year"))
    for index in range(3):
        make_project(cast.alice, cast.a_admin, name=f"โครงการเพิ่ม {index}")
        client.post(_url("pdf", "annual"))
    with CaptureQueriesContext(connection) as more:
        client.get(_url("year"))
    assert len(few) == len(more) == 5
