"""The review round trip in headless Chromium at 360 px: the reporter submits, the coordinator
returns it with a comment, the reporter fixes and resubmits, the coordinator accepts; the
dashboard's "waiting for review" follows each step."""

import os
import re

import pytest

from tidtam.core.testing import log_in
from tidtam.reports.models import ProgressReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CODE = "50310000-2961"


@pytest.fixture
def page(demo, phone_page):
    return phone_page


def _waiting_in_bang_sue(page) -> str:
    page.goto(page.base_url + "/followup/dashboard/?fy=2566")
    row = page.locator("#by-agency ~ div tbody tr", has_text="สำนักงานเขตบางซื่อ")
    return row.locator('[data-figure="waiting"]').inner_text().strip()


def _button(page, english: str, thai: str):
    return page.get_by_role("button", name=re.compile(f"^({english}|{thai})$"))


def test_submit_return_resubmit_accept(page):
    # the demo's reports are drafts: reports 1-9 are taken as accepted (a report goes for review
    # only after the earlier ones), and the reporter submits the last one
    ProgressReport.objects.filter(project__code=CODE, number__lt=10).update(status="accepted")
    log_in(page, "reporter")
    page.goto(f"{page.base_url}/projects/{CODE}/reports/10/")
    _button(page, "Submit for review", "ส่งให้ตรวจ").click()
    page.wait_for_url(re.compile(r"/reports/10/$"))
    assert ProgressReport.objects.get(project__code=CODE, number=10).status == "submitted"

    log_in(page, "coordinator")
    assert _waiting_in_bang_sue(page) == "1"
    page.goto(page.base_url + "/followup/queue/")
    page.get_by_role("link", name="รายงานครั้งที่ 10").click()
    page.get_by_role("textbox").fill("โปรดแนบภาพถ่ายการประชุม")
    _button(page, "Return with comment", "ส่งกลับให้แก้ไข").click()
    page.wait_for_url(re.compile(r"/reports/10/$"))
    assert ProgressReport.objects.get(project__code=CODE, number=10).status == "returned"

    log_in(page, "reporter")
    page.goto(page.base_url + "/followup/my-reports/")
    first_row = page.locator("tbody tr").first
    assert "โปรดแนบภาพถ่ายการประชุม" in first_row.inner_text()  # returned first
    first_row.get_by_role("link", name="รายงานครั้งที่ 10").click()
    _button(page, "Edit", "แก้ไข").click()  # a link styled as a button
    page.get_by_role("textbox", name="ผลการดำเนินงาน").fill("ประชุมแล้ว แนบภาพถ่ายการประชุม")
    page.get_by_role("button", name="บันทึกรายงาน").click()
    page.wait_for_load_state("networkidle")
    page.goto(f"{page.base_url}/projects/{CODE}/reports/10/")
    assert "แนบภาพถ่ายการประชุม" in page.locator("article").inner_text()
    _button(page, "Submit for review", "ส่งให้ตรวจ").click()
    page.wait_for_url(re.compile(r"/reports/10/$"))

    log_in(page, "coordinator")
    page.goto(f"{page.base_url}/projects/{CODE}/reports/10/")
    _button(page, "Accept", "รับรายงาน").click()
    page.wait_for_url(re.compile(r"/reports/10/$"))
    assert ProgressReport.objects.get(project__code=CODE, number=10).status == "accepted"
    assert _waiting_in_bang_sue(page) == "0"
    if os.environ.get("TIDTAM_SCREENSHOT"):
        page.screenshot(path=os.environ["TIDTAM_SCREENSHOT"], full_page=True)
