"""The real printout parses to the values of the domain README, nothing lost."""

import json
from pathlib import Path

import pytest

from tidtam.legacy.parser import parse
from tidtam.legacy.tests.helpers import covered, sample_text
from tidtam.lib.richtext import to_plain_text

DEMO = Path(__file__).parents[2] / "devdata" / "demo_data" / "bangsue-ita-2566.json"


@pytest.fixture(scope="module")
def result():
    return parse(sample_text())


@pytest.fixture(scope="module")
def data(result):
    return json.loads(json.dumps(result.to_dict(), ensure_ascii=False))


def test_project_header(data):
    project = data["project"]
    assert project["code"] == "50310000-2961"
    assert project["name"] == (
        "กิจกรรมการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)"
    )
    assert project["fiscal_year"] == 2566
    assert (project["start_date"], project["end_date"]) == ("2022-10-01", "2023-09-30")
    assert (project["budget_received"], project["budget_used"]) == ("0.00", "0.00")
    assert project["unit_path"] == ["สำนักงานเขตบางซื่อ", "ฝ่ายปกครอง", "ฝ่ายปกครอง"]
    assert project["responsible"] == "ฝ่ายปกครอง"
    assert project["coordinator"] == "นางสาวอรนิชา ศาลิคุปต์"


def test_plan_alignment(data):
    plan = data["project"]["plan_alignment"]
    assert plan["strategy"] == {
        "code": "๗",
        "title": "การสร้างความเป็นมืออาชีพในการบริหารจัดการมหานคร",
    }
    assert plan["sub_strategy"] == {"code": "๗.๓", "title": "การบริหารทรัพยากรบุคคล"}
    assert plan["target"]["code"] == "๗.๓.๒"
    assert plan["kpi"].startswith("มิติที่1 (2566) ระดับความสำเร็จ")
    assert plan["kpi"].endswith(
        "(Integrity and Transparency Assessment : ITA) มีคะแนนไม่น้อยกว่าระดับ A"
    )


def test_reports(data):
    reports = data["reports"]
    assert [r["number"] for r in reports] == list(range(1, 11))
    assert [r["date"] for r in reports] == [
        "2023-01-16", "2023-01-21", "2023-02-22", "2023-03-22", "2023-04-21",
        "2023-05-23", "2023-06-22", "2023-07-24", "2023-08-24", "2023-09-07",
    ]  # fmt: skip
    assert [r["progress_percent"] for r in reports] == [
        "20.00", "30.00", "40.00", "45.00", "60.00", "80.00", "90.00", "94.00", "95.00", "100.00"
    ]  # fmt: skip
    assert {r["budget_disbursed"] for r in reports} == {"0.00"}
    assert {r["plan_status"] for r in reports} == {"on_plan"}
    assert {r["target_status"] for r in reports} == {"on_target"}


def test_report_cut_at_the_page_break_is_whole(data):
    second, third = data["reports"][1], data["reports"][2]
    assert second["narrative"].startswith("6. ดำเนินการเก็บรวบรวมข้อมูลแบบวัดการรับรู้")
    assert "ข้าราชการ จำนวน 12 คน จากจำนวน 226 คน" in second["narrative"]
    assert second["narrative"].endswith("คิดเป็น 1.78%")
    assert "ข้าราชการ จำนวน 12 คน" not in third["narrative"]
    assert third["narrative"].startswith("- ดำเนินการเก็บรวบรวมข้อมูล")
    assert third["narrative"].endswith("บันทึกข้อมูลรายชื่อคู่ค้าคู่สัญญาลงในระบบ จำนวน 53 ราย")
    assert any(w["code"] == "report_joined" and w["line"] == 113 for w in data["warnings"])


def test_no_html_no_closing_lines_in_texts(data):
    texts = [r["narrative"] for r in data["reports"]]
    texts += [data["project"][k] for k in ("rationale", "objectives", "targets")]
    for text in texts:
        assert "<" not in text and ">" not in text
        assert "ความก้าวหน้าของงาน" not in text
        assert "::" not in text
        assert text == text.strip() and "\n\n" not in text


def test_long_texts_complete_as_in_the_demo_data(data):
    """The lead's demo data was typed from the same printout: every text must agree."""
    demo = json.loads(DEMO.read_text(encoding="utf-8"))
    for name in ("rationale", "objectives", "targets"):
        assert data["project"][name] == to_plain_text(demo[name])
    for parsed, typed in zip(data["reports"], demo["reports"], strict=True):
        assert parsed["narrative"] == to_plain_text(typed["narrative"])


def test_dash_restored_with_a_warning(data):
    assert "(พ.ศ. 2561 – 2580)" in data["project"]["rationale"]
    assert "?" not in data["project"]["rationale"]
    dashes = [w["line"] for w in data["warnings"] if w["code"] == "dash_restored"]
    assert dashes == [41, 61]


def test_nothing_lost(result, data):
    assert data["unparsed"] == []
    assert covered(result)
    assert result.line_fields[13] == ["code"]
    assert result.line_fields[5] == ["page_header"]
    assert "report 2" in result.line_fields[113] and "report 3" in result.line_fields[113]


def test_only_expected_warnings(data):
    assert {w["code"] for w in data["warnings"]} == {"dash_restored", "report_joined"}
