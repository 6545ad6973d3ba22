"""Printouts that differ from the sample in the ways real ones do."""

import pytest

from tidtam.legacy.htmltext import fragment_lines
from tidtam.legacy.parser import parse
from tidtam.legacy.tests.helpers import covered, sample_text
from tidtam.legacy.values import restore_dashes


def parsed(name: str) -> dict:
    result = parse(sample_text(name))
    assert covered(result)
    return result.to_dict()


def codes(data: dict) -> list[str]:
    return [w["code"] for w in data["warnings"]]


def test_thai_digits_wrapped_values_and_crlf():
    data = parsed("variant-b-thai-digits-crlf.txt")
    project = data["project"]
    assert project["code"] == "50300000-0012"
    assert project["fiscal_year"] == 2566
    assert project["name"] == ("โครงการปรับปรุงทางเท้าถนนพหลโยธิน ช่วงห้าแยกลาดพร้าวถึงแยกรัชโยธิน (ระยะที่ ๒)")
    assert project["budget_received"] == "2450000.00"
    assert project["budget_used"] == "770000.50"
    assert project["unit_path"] == ["สำนักงานเขตจตุจักร", "ฝ่ายโยธา", "งานก่อสร้างและบูรณะ"]
    assert project["objectives"] == "๑. เพื่อให้ประชาชนสัญจรได้อย่างปลอดภัย\n๒. เพื่อปรับภูมิทัศน์ให้สวยงาม"
    plan = project["plan_alignment"]
    assert plan["strategy"] == {"code": "2", "title": "มหานครปลอดภัย"}
    assert plan["target"] == {"code": "2.1.3", "title": "ทางเท้ามีคุณภาพได้มาตรฐาน"}
    assert plan["kpi"].endswith("ตามที่กำหนดตามแผนปฏิบัติราชการประจำปี")
    reports = data["reports"]
    assert [r["date"] for r in reports] == ["2022-11-25", "2022-12-23", "2023-01-27"]
    assert [r["budget_disbursed"] for r in reports] == ["0.00", "350000.00", "420000.50"]
    assert reports[2]["plan_status"] == "behind_plan"
    assert reports[2]["target_status"] == "off_target"
    assert reports[1]["narrative"] == "ลงนามในสัญญาจ้าง\nเริ่มรื้อถอนทางเท้าเดิม"
    assert codes(data) == ["dash_restored"]
    assert data["unparsed"] == []


def test_lists_no_percent_no_colons_and_cuts_inside_a_list_and_a_paragraph():
    data = parsed("variant-c-lists-page-break.txt")
    project = data["project"]
    assert project["code"] == "11000000-345"
    assert (project["start_date"], project["end_date"]) == ("2022-10-01", "2023-09-30")
    assert project["rationale"] == "ประชาชนสองฝั่งคลองต้องเดินทางอ้อม\nการก่อสร้างสะพานช่วยลดระยะทาง"
    assert project["objectives"] == "1. ลดระยะการเดินทาง\n2. เชื่อมโยงชุมชน"
    assert project["targets"] == "- สะพาน 1 แห่ง"
    reports = data["reports"]
    assert [r["progress_percent"] for r in reports] == ["15.00", "40.00", "60.00"]
    assert [r["date"] for r in reports] == ["2022-12-30", "2023-02-28", "2023-03-31"]
    assert reports[0]["narrative"] == "- ส่งมอบพื้นที่\n- ผู้รับจ้างเริ่มงานเสาเข็ม"
    assert reports[1]["narrative"] == (
        "1. งานเสาเข็มแล้วเสร็จ\n2. งานฐานรากแล้วเสร็จก่อนกำหนด\n3. เริ่มงานตอม่อ"
    )
    assert reports[1]["plan_status"] == "ahead_of_plan"
    assert reports[2]["narrative"] == "งานตอม่อคืบหน้าตามแผน ผู้รับจ้างเร่งงานคานสะพาน"
    assert codes(data) == ["report_joined", "report_joined"]


def test_plain_lines_two_columns_and_a_closing_line_split_over_lines():
    data = parsed("variant-d-plain-columns.txt")
    project = data["project"]
    assert project["code"] == "50310000-3010"
    assert project["fiscal_year"] == 2567
    assert (project["start_date"], project["end_date"]) == ("2023-10-01", "2024-09-30")
    assert (project["budget_received"], project["budget_used"]) == ("95000.00", "1000.00")
    assert project["rationale"] == "ขยะในชุมชนเพิ่มขึ้นทุกปี (ปี 2560–2566)"
    reports = data["reports"]
    assert [r["date"] for r in reports] == ["2023-11-16", "2023-12-20"]
    assert reports[1] == {
        "number": 2,
        "date": "2023-12-20",
        "progress_percent": "55.50",
        "budget_disbursed": "1000.00",
        "plan_status": "behind_plan",
        "target_status": "off_target",
        "narrative": "แจกถังคัดแยกขยะ 12 ชุมชน\nอบรมแกนนำชุมชน",
    }
    assert data["unparsed"] == [{"line": 3, "text": "หมายเหตุ พิมพ์ซ้ำจากสำเนา"}]
    assert codes(data) == ["dash_restored", "dash_restored"]


def test_second_printout_differs_in_two_places():
    first = parsed("legacy-printout-a.txt")["project"]
    second = parsed("variant-e-second-printout.txt")["project"]
    assert second["coordinator"] == "นางสาวอรณิชา ศาลิคุปต์"
    assert second["plan_alignment"]["target"]["code"] == "๗.๓.๑"
    different = {k for k in first if first[k] != second[k]}
    assert different == {"coordinator", "plan_alignment"}


def test_warnings_for_broken_rules():
    text = sample_text().replace("= 45.00 %", "= 35.00 %").replace("ครั้งที่ 7)", "ครั้งที่ 70)")
    text = text.replace("งบประมาณที่ใช้ไป : 0 บาท", "งบประมาณที่ใช้ไป : 10 บาท")
    data = parse(text).to_dict()
    assert {"progress_down", "report_numbers", "budget_used"} <= set(codes(data))


@pytest.mark.parametrize(
    ("markup", "lines"),
    [
        ("<p>a</p> <p>b &amp; c</p>", ["a", "b & c"]),
        ('<ul style="x: y"><li>a</li><li>- b</li></ul>', ["- a", "- b"]),
        ("<ol><li>a<br>b</li><li>c</li></ol>", ["1. a", "b", "2. c"]),
        ("<p><strong>a</strong> b</p>", ["a b"]),
    ],
)
def test_fragments(markup, lines):
    assert fragment_lines(markup) == lines


def test_a_table_layout_without_colons_and_with_thai_month_dates():
    """Label and value as table cells (pdftotext -layout of a newer form), dates like
    ``1 ต.ค. 2565``, a bare row number, labelled status lines, the column titles repeated."""
    data = parsed("variant-f-table-layout.txt")
    project = data["project"]
    assert project["code"] == "50300000-7"
    assert (project["start_date"], project["end_date"]) == ("2022-10-01", "2023-09-30")
    assert (project["budget_received"], project["budget_used"]) == ("180000.00", "75000.00")
    assert project["unit_path"] == ["สำนักงานเขตจตุจักร", "ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม"]
    assert project["plan_alignment"]["sub_strategy"] == {"code": "๓.๑", "title": "สุขภาวะของประชาชน"}
    first, second = data["reports"]
    assert first["narrative"] == "จัดกิจกรรมออกกำลังกายผู้สูงอายุ 12 ชุมชน"
    assert second == {
        "number": 2,
        "date": "2023-03-15",
        "progress_percent": "55.00",
        "budget_disbursed": "30000.00",
        "plan_status": "behind_plan",
        "target_status": "on_target",
        "narrative": "ตรวจสุขภาพผู้สูงอายุ\n- วัดความดัน\n- ตรวจน้ำตาลในเลือด",
    }
    assert data["warnings"] == [] and data["unparsed"] == []


def test_a_project_without_reports():
    text = sample_text()
    start, end = text.index("รายงานครั้งที่1 ::"), text.index("ขอรับรองว่า")
    data = parse(text[:start] + text[end:]).to_dict()
    assert data["reports"] == [] and data["unparsed"] == []
    assert data["project"]["code"] == "50310000-2961"


@pytest.mark.parametrize(
    ("text", "restored"),
    [
        ("พ.ศ. 2561 ? 2580", "พ.ศ. 2561 – 2580"),
        ("2561?2580", "2561–2580"),
        ("? ดำเนินการ", "– ดำเนินการ"),
        ("<p>? ดำเนินการ</p>", "<p>– ดำเนินการ</p>"),
        ("ทำไม?", "ทำไม?"),
        ("https://x.th/?a=1", "https://x.th/?a=1"),
    ],
)
def test_question_marks_that_were_dashes(text, restored):
    assert restore_dashes(text)[0] == restored


def test_reports_without_their_section_heading():
    text = sample_text().replace("2. รายงานความก้าวหน้าของโครงการและการใช้จ่ายงบประมาณ", "")
    data = parse(text).to_dict()
    assert len(data["reports"]) == 10
    assert "reports_heading_missing" in codes(data)
    assert data["project"]["plan_alignment"]["kpi"].endswith("ระดับ A")
