"""An indicator's quarter in headless Chromium at 360 px: the reporter files the result, the
coordinator returns it with a comment, the reporter fixes and resubmits, the coordinator
accepts and assesses it; the indicator's page shows the assessment line and the agency's
results page the result."""

import os
import re
from decimal import Decimal

import pytest

from tidtam.core.testing import log_in
from tidtam.indicators import services
from tidtam.indicators.models import QuarterResult
from tidtam.indicators.tests.helpers import now_quarter
from tidtam.orgs.models import Unit, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCREENSHOTS")  # a folder to keep the pages in, to look at them


@pytest.fixture
def page(demo, phone_page):
    return phone_page


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_file_return_fix_accept_assess(page):
    fiscal_year, quarter = now_quarter()
    agency = Unit.objects.get(agency_code="50310000")
    year = services.indicator_create(
        actor=User.objects.get(username="admin"),
        agency=agency,
        fiscal_year=fiscal_year,
        name="ร้อยละของเรื่องร้องเรียนที่ได้รับการแก้ไข",
        responsible_unit=Unit.objects.get(parent=agency, name="ฝ่ายปกครอง"),
        unit_of_measure="ร้อยละ",
        target=Decimal(80),
        **{f"q{q}_target": Decimal(20 * q) for q in (1, 2, 3, 4)},
    )
    code = year.indicator.code
    detail = f"{page.base_url}/kpis/{code}/"
    quarter_box = f"#quarter-{quarter}"

    log_in(page, "reporter")
    page.goto(detail)
    page.locator(quarter_box).get_by_role("button", name="รายงานผล").click()
    page.get_by_label("ผลงานสะสม").fill(str(20 * quarter - 1))  # below the quarter's target
    page.get_by_label("ผลการดำเนินงานในไตรมาสนี้").fill("แก้ไขเรื่องร้องเรียนแล้ว")
    page.get_by_role("button", name="บันทึกร่าง").click()
    assert page.locator(".error-summary").is_visible()  # off target: a reason is needed
    page.get_by_label("เหตุผลที่ผลงานไม่เป็นไปตามเป้าหมายของไตรมาส").fill("เรื่องร้องเรียนเพิ่มขึ้น")
    page.get_by_role("button", name="บันทึกร่าง").click()
    page.wait_for_url(re.compile(rf"/kpis/{code}/"))
    page.locator(quarter_box).get_by_role("button", name="ส่งให้ตรวจ").click()
    page.wait_for_url(re.compile(rf"/kpis/{code}/"))
    assert QuarterResult.objects.get().status == "submitted"

    log_in(page, "coordinator")
    page.goto(detail)
    page.locator(quarter_box).get_by_label("ความเห็นถึงหน่วยงาน").fill("โปรดแนบหนังสือรายงาน")
    page.locator(quarter_box).get_by_role("button", name="ส่งกลับให้แก้ไข").click()
    page.wait_for_url(re.compile(rf"/kpis/{code}/"))
    assert QuarterResult.objects.get().status == "returned"

    log_in(page, "reporter")
    page.goto(detail)
    assert "โปรดแนบหนังสือรายงาน" in page.locator(quarter_box).inner_text()
    page.locator(quarter_box).get_by_role("button", name="แก้ไขผล").click()
    page.get_by_label("ผลงานสะสม").fill(str(20 * quarter + 1))
    page.get_by_role("button", name="บันทึกร่าง").click()
    page.wait_for_url(re.compile(rf"/kpis/{code}/"))
    page.locator(quarter_box).get_by_role("button", name="ส่งให้ตรวจ").click()
    page.wait_for_url(re.compile(rf"/kpis/{code}/"))

    log_in(page, "coordinator")
    page.goto(detail)
    page.locator(quarter_box).get_by_role("button", name="รับผล").click()
    page.wait_for_url(re.compile(rf"/kpis/{code}/"))
    page.locator(quarter_box).locator("summary").click()
    page.locator(quarter_box).get_by_label("คะแนน", exact=True).fill("๑๐๐")
    page.locator(quarter_box).get_by_label("ตัวเลขที่สองของคู่คะแนน").fill("50")
    page.locator(quarter_box).get_by_role("button", name="บันทึกผลการตรวจประเมิน").click()
    page.wait_for_url(re.compile(rf"/kpis/{code}/"))
    line = page.locator("#assessment-line").inner_text()
    assert f"สยป. ตรวจประเมินตัวชี้วัด : ไตรมาสที่ {quarter}: 100" in line
    assert "100 / 50" in page.locator("table").inner_text()
    _shot(page, "indicator")

    page.goto(f"{page.base_url}/kpis/agency/50310000/{fiscal_year}/")
    assert f"{20 * quarter + 1:.2f}" in page.locator("main").inner_text()
    _shot(page, "agency")
