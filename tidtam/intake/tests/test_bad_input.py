"""Every kind of bad spreadsheet is refused with its row, column and message, in Thai (English
on request), and nothing is written."""

import io

import pytest
from django.utils import translation
from openpyxl import Workbook

from tidtam.core.models import AuditEntry
from tidtam.core.spreadsheets import Refused
from tidtam.intake.services import import_setup
from tidtam.intake.tests.helpers import csv_bytes, project_row, workbook
from tidtam.orgs.models import Membership, Unit, User
from tidtam.plans.models import KPI, PlanNode
from tidtam.projects.models import Project

MODELS = (Unit, User, Membership, PlanNode, KPI, Project, AuditEntry)


def refused(actor, name: str, data: bytes, language: str = "th") -> list:
    """The problems of importing the file, checking that nothing was written."""
    counts = {model: model.objects.count() for model in MODELS}
    with translation.override(language), pytest.raises(Refused) as caught:
        import_setup(actor=actor, files=[(name, data)])
    assert {model: model.objects.count() for model in MODELS} == counts
    return [(p.row, p.column, p.message) for p in caught.value.problems]


def test_thai_digits_are_digits(cast):
    outcome = import_setup(
        actor=cast.root, files=[("p.xlsx", workbook({"projects": [project_row()]}))]
    )
    project = Project.objects.get(name="โครงการทดสอบนำเข้า")
    assert outcome.applied.created == 1
    assert str(project.budget_received) == "120000.50" and project.fiscal_year == 2566
    assert project.code == "50310000-1" and project.end_date.isoformat() == "2023-09-30"


def test_wrong_and_missing_headers(cast):
    headers = list(project_headers())
    headers[2] = "ชื่อโครงการใหม่"
    problems = refused(
        cast.root, "p.xlsx", workbook({"projects": [project_row()]}, {"projects": headers})
    )
    assert (1, "C (ชื่อโครงการใหม่)", "หัวตารางนี้ไม่ใช่หัวตารางของแม่แบบ") in problems
    assert (1, "ชื่อโครงการ", "ไม่มีคอลัมน์ “ชื่อโครงการ”") in problems


def test_not_a_template_at_all(cast):
    problems = refused(cast.root, "x.csv", b"a,b,c\n1,2,3\n")
    assert problems[0][0] == 1 and "แม่แบบ" in problems[0][2]


def test_wrong_types(cast):
    row = project_row(budget_received="หนึ่งแสน", fiscal_year="ปี66", start_date="31/02/2566")
    problems = refused(cast.root, "p.xlsx", workbook({"projects": [row]}))
    assert (2, "B (ปีงบประมาณ)", "“ปี66” ไม่ใช่จำนวนเต็ม") in problems
    assert (2, "E (งบประมาณที่ได้รับ (บาท))", "“หนึ่งแสน” ไม่ใช่จำนวนเงินบาท") in problems
    assert any(p[:2] == (2, "F (วันเริ่มต้น)") for p in problems)


def test_english_on_request(cast):
    row = project_row(budget_received="หนึ่งแสน")
    problems = refused(cast.root, "p.xlsx", workbook({"projects": [row]}), language="en")
    assert problems == [(2, "E (งบประมาณที่ได้รับ (บาท))", "“หนึ่งแสน” is not an amount in baht.")]


def test_duplicate_codes(cast):
    units = [
        ["BKK", "กรุงเทพมหานคร", "กรุงเทพมหานคร", ""],  # the city, which gets a code
        ["70000001", "สำนักใหม่", "หน่วยงาน", "BKK"],
        ["70000001", "สำนักซ้ำ", "หน่วยงาน", "BKK"],
    ]
    problems = refused(cast.root, "u.xlsx", workbook({"units": units}))
    assert problems == [(4, "A (รหัสหน่วยงาน)", "“70000001” ซ้ำ: มีแล้วในแถว 3")]


def test_unknown_parent_and_unit_codes(cast):
    units = [["70000001", "สำนักใหม่", "หน่วยงาน", "99999999"]]
    projects = [project_row(unit="12345678")]
    problems = refused(cast.root, "s.xlsx", workbook({"units": units, "projects": projects}))
    assert (2, "D (รหัสหน่วยงานต้นสังกัด)", "ไม่รู้จักรหัส “99999999”: ไม่มีทั้งในไฟล์และใน tidtam") in problems
    assert (2, "D (รหัสหน่วยงานที่รับผิดชอบ)", "ไม่รู้จักรหัส “12345678”: ไม่มีทั้งในไฟล์และใน tidtam") in problems


def test_a_cycle_in_the_unit_tree(cast):
    units = [["X1", "ฝ่ายหนึ่ง", "ฝ่าย/กอง", "X2"], ["X2", "ฝ่ายสอง", "ฝ่าย/กอง", "X1"]]
    problems = refused(cast.root, "u.xlsx", workbook({"units": units}))
    assert problems == [
        (2, "D (รหัสหน่วยงานต้นสังกัด)", "หน่วยงานวนเป็นวง: X1 อยู่ใต้ตัวเอง"),
        (3, "D (รหัสหน่วยงานต้นสังกัด)", "หน่วยงานวนเป็นวง: X2 อยู่ใต้ตัวเอง"),
    ]


def test_a_project_period_outside_its_fiscal_year(cast):
    problems = refused(
        cast.root, "p.csv", csv_bytes("projects", [project_row(start_date="01/09/2565")])
    )
    assert problems == [
        (2, "F (วันเริ่มต้น)", "ระยะเวลาโครงการอยู่นอกปีงบประมาณ 2566 (01/10/2565–30/09/2566)")
    ]


def test_formula_cells(cast):
    row = project_row()
    row[4] = "=100000+20000"
    problems = refused(cast.root, "p.xlsx", workbook({"projects": [row]}))
    assert problems == [(2, "E", "ไม่รับสูตรคำนวณ: พิมพ์ค่าลงในช่องเอง")]
    problems = refused(cast.root, "p.csv", csv_bytes("projects", [row]))
    assert problems == [(2, "E", "ไม่รับสูตรคำนวณ: พิมพ์ค่าลงในช่องเอง")]


def test_merged_cells(cast):
    book = Workbook()
    sheet = book.active
    sheet.title = "โครงการ"
    sheet.append(project_headers())
    sheet.append(project_row())
    sheet.merge_cells("G2:H2")
    buffer = io.BytesIO()
    book.save(buffer)
    problems = refused(cast.root, "p.xlsx", buffer.getvalue())
    assert problems == [(2, "G2:H2", "ไม่รับเซลล์ที่ผสานกัน: หนึ่งช่องหนึ่งค่า")]


def test_a_macro_workbook(cast):
    data = workbook({"projects": [project_row()]})
    assert refused(cast.root, "p.xlsm", data) == [(None, "", "ไม่รับสมุดงานที่มีแมโคร (.xlsm)")]


def test_a_20_mb_file(cast):
    assert refused(cast.root, "big.xlsx", b"x" * (20 * 1024 * 1024)) == [
        (None, "", "ไฟล์ใหญ่เกิน 10 MB")
    ]


def test_a_csv_in_tis620(cast):
    data = csv_bytes("projects", [project_row()], encoding="tis-620")
    [(row, column, message)] = refused(cast.root, "p.csv", data)
    assert (row, column) == (1, "A") and "TIS-620" in message and "UTF-8" in message


def test_a_file_that_is_no_workbook(cast):
    assert refused(cast.root, "p.xlsx", b"PK\x03\x04 not really") == [
        (None, "", "ไฟล์นี้ไม่ใช่สมุดงาน Excel (.xlsx)")
    ]


def project_headers() -> list[str]:
    from tidtam.intake.columns import PROJECTS

    return PROJECTS.headers


def test_a_workbook_that_unpacks_to_too_much(cast, monkeypatch):
    from tidtam.core import spreadsheets

    monkeypatch.setattr(spreadsheets, "MAX_UNPACKED", 1000)
    assert refused(cast.root, "p.xlsx", workbook({"projects": [project_row()]})) == [
        (None, "", "ไฟล์ใหญ่เกิน 10 MB")
    ]
