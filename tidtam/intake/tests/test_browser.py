"""A coordinator brings in a fiscal year's projects through the page, in headless Chromium on a
phone (360 px) and on a desktop (1280 px): reads the preview, imports, sees the confirmation."""

import re

import pytest

from tidtam.core.testing import log_in
from tidtam.intake.tests.helpers import project_row, workbook
from tidtam.projects.models import Project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1280])
def test_coordinator_uploads_previews_and_imports_projects(
    demo, phone_page, tmp_path, settings, width
):
    settings.MEDIA_ROOT = tmp_path / "media"
    page = phone_page
    page.set_viewport_size({"width": width, "height": 800})
    sheet = tmp_path / "โครงการ-2567.xlsx"
    rows = [
        project_row(name="โครงการซ่อมแซมทางเท้าในชุมชน", coordinator="coordinator"),
        project_row(name="โครงการอบรมอาสาสมัครป้องกันภัย", unit="50300000", budget_received="๕๐,๐๐๐"),
    ]
    sheet.write_bytes(workbook({"projects": rows}))
    log_in(page, "coordinator")

    page.goto(page.base_url + "/intake/")
    page.get_by_label(re.compile("ตารางข้อมูลตั้งต้น")).set_input_files(str(sheet))
    page.get_by_role("button", name="ตรวจไฟล์").click()
    page.wait_for_url(re.compile(r"/intake/\d+/$"))
    preview = page.locator("#preview-heading ~ *").all_inner_texts()
    assert any("สร้างใหม่ 2 รายการ" in text for text in preview)
    assert any("โครงการซ่อมแซมทางเท้าในชุมชน" in text for text in preview)
    page.screenshot(path=str(tmp_path / f"preview-{width}.png"), full_page=True)

    page.get_by_role("button", name="นำเข้า", exact=True).click()
    page.wait_for_load_state()
    assert "นำเข้าแล้ว: สร้างใหม่ 2 รายการ แก้ไข 0 รายการ" in page.locator("#imported").inner_text()
    assert Project.objects.filter(
        name="โครงการซ่อมแซมทางเท้าในชุมชน", agency__agency_code="50310000"
    ).exists()
    page.screenshot(path=str(tmp_path / f"done-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing overflows
