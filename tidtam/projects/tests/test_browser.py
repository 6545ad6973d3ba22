"""A reporter registers a project and files a report in headless Chromium; another agency's
reporter gets a 404 for it."""

import os
import re

import pytest

from tidtam.core.testing import log_in
from tidtam.orgs.models import Membership, Unit
from tidtam.projects.models import Project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(demo, phone_page):
    return phone_page


def test_reporter_creates_a_project_and_a_report_and_another_agency_gets_404(page):
    log_in(page, "reporter")
    page.get_by_role("button", name="บันทึกโครงการใหม่").click()
    page.get_by_label("ชื่อโครงการ/กิจกรรม").fill("โครงการทดสอบผ่านเบราว์เซอร์")
    page.get_by_label("ปีงบประมาณ พ.ศ.").fill("๒๕๖๖")
    page.get_by_label("เริ่มต้นโครงการ").fill("01/10/2565")
    page.get_by_label("สิ้นสุดโครงการ").fill("30/09/2566")
    page.get_by_label("งบประมาณที่ได้รับ (บาท)").fill("50,000")
    page.get_by_label("หน่วยงานที่รับผิดชอบ").select_option(label="สำนักงานเขตบางซื่อ / ฝ่ายปกครอง")
    page.get_by_label("ชื่อผู้รับผิดชอบ").fill("นายสมชาย ใจดี")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    page.wait_for_url(re.compile(r"/projects/50310000-\d+/$"))
    code = page.url.rstrip("/").rsplit("/", 1)[1]
    assert page.get_by_role("heading", name="โครงการทดสอบผ่านเบราว์เซอร์").is_visible()

    page.get_by_text("เพิ่มรายงานความก้าวหน้า").click()
    page.get_by_label("วันที่รายงาน").fill("15/11/2565")
    page.get_by_label("ความก้าวหน้าของงานสะสม (%)").fill("101")
    page.get_by_role("textbox", name="ผลการดำเนินงาน").fill("จัดประชุมชี้แจง")
    page.get_by_label("เป็นไปตามแผน", exact=True).check()
    page.get_by_label("เป็นไปตามเป้าหมาย", exact=True).check()
    page.get_by_role("button", name="บันทึกรายงาน").click()
    page.get_by_text("ความก้าวหน้าเป็นร้อยละ ตั้งแต่ 0 ถึง 100").first.wait_for()
    assert Project.objects.get(code=code).reports.count() == 0

    page.get_by_label("ความก้าวหน้าของงานสะสม (%)").fill("๒๕.๕๐")
    page.get_by_role("button", name="บันทึกรายงาน").click()
    page.locator("#report-1").wait_for()
    assert "15/11/2565" in page.locator("#report-1").inner_text()
    assert "25.50 %" in page.locator("#report-1").inner_text()
    if os.environ.get("TIDTAM_SCREENSHOT"):
        page.screenshot(path=os.environ["TIDTAM_SCREENSHOT"], full_page=True)

    other = Unit.objects.get(agency_code="50300000")
    from tidtam.orgs.testing import make_user

    stranger = make_user("reporter_jatujak")
    Membership.objects.create(user=stranger, unit=other, role=Membership.Role.REPORTER)
    page.get_by_role("button", name=re.compile("ออกจากระบบ")).click()
    log_in(page, "reporter_jatujak", "pw")
    response = page.goto(f"{page.base_url}/projects/{code}/")
    assert response.status == 404


def test_lines_never_split_a_thai_word_on_a_phone(page):
    """At 360 px the sample's name and narratives wrap over many lines; each word kept whole
    (``core.thaiwords``, on every page) lies on one line."""
    log_in(page, "coordinator")
    page.goto(page.base_url + "/projects/50310000-2961/")
    kept = page.locator("main .w")
    assert kept.count() > 500
    split = page.evaluate(
        "[...document.querySelectorAll('main .w')].filter(w => w.getClientRects().length > 1)"
        ".map(w => w.textContent)"
    )
    assert split == []
    title = page.locator("h1").inner_text()
    assert title == Project.objects.get(code="50310000-2961").name
    assert page.locator("h2 .w", has_text="หน่วยงาน").count() >= 1  # the interface's own words
