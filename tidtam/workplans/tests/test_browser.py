"""In headless Chromium: the reporter enters the plan in the grid with the keyboard alone (Thai
digits in the first cell), files a report behind it and sees "behind plan (computed)" beside
the status they declared; the coordinator finds it in the queue filtered on it."""

import os

import pytest
from django.utils import timezone

from tidtam.core.testing import log_in
from tidtam.lib.thai import format_date_short, to_thai_digits
from tidtam.orgs.models import User
from tidtam.reports.models import ProgressReport
from tidtam.reports.review import report_submit
from tidtam.reports.tests.test_browser import this_years_project  # noqa: F401 - a fixture
from tidtam.workplans.models import WorkPlan, month_label
from tidtam.workplans.rules import months_between

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page_or_part, name: str) -> None:
    """With ``TIDTAM_SCREENSHOTS`` set, a screenshot (of a page or a part of it) to look at."""
    folder = os.environ.get("TIDTAM_SCREENSHOTS")
    if folder:
        page_or_part.screenshot(path=os.path.join(folder, name))


@pytest.mark.parametrize("width", [1280, 360])
def test_a_reporter_enters_a_plan_by_keyboard_and_sees_the_report_behind_it(
    demo,
    this_years_project,  # noqa: F811
    phone_page,
    width,
):
    page, project = phone_page, this_years_project
    page.set_viewport_size({"width": width, "height": 900})
    months = months_between(project.start_date, project.end_date)
    log_in(page, "reporter")
    page.goto(page.base_url + project.get_absolute_url())
    page.get_by_role("link", name="กรอกหรือปรับแผนการดำเนินงาน").click()
    first = page.get_by_label(f"{month_label(months[0])}: ผลการดำเนินงานสะสมตามแผน (%)")
    first.focus()
    for index in range(len(months)):
        progress = str(round(100 * (index + 1) / len(months), 2))
        page.keyboard.type(to_thai_digits(progress) if index == 0 else progress)
        page.keyboard.press("Tab")
        page.keyboard.type("10,000")
        page.keyboard.press("Tab")
        page.keyboard.type(f"กิจกรรมเดือนที่ {index + 1}")
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the next stop after the last row is the save button
    page.get_by_text("บันทึกแผนแล้ว").wait_for()
    plan = WorkPlan.objects.get(project=project)
    assert plan.months.count() == len(months)
    _shot(page, f"plan-saved-{width}.png")

    today = timezone.localdate()
    page.goto(page.base_url + project.get_absolute_url() + "?report=new")
    page.get_by_label("วันที่รายงาน").fill(format_date_short(today))
    page.get_by_label("ความก้าวหน้าของงานสะสม (%)").fill("0.5")
    page.get_by_label("งบประมาณที่เบิกใช้ครั้งนี้ (บาท)").fill("0")
    page.get_by_role("textbox", name="ผลการดำเนินงาน").fill("เริ่มสำรวจพื้นที่")
    page.get_by_label("เป็นไปตามแผน", exact=True).check()
    page.get_by_label("เป็นไปตามเป้าหมาย", exact=True).check()
    page.get_by_role("button", name="บันทึกรายงาน", exact=True).click()
    page.locator("#report-1").wait_for()
    page.reload()
    report = page.locator("#report-1")
    assert "ล่าช้ากว่าแผน (คำนวณ)" in report.inner_text()
    assert "เป็นไปตามแผน" in report.inner_text()  # the declared status, beside it
    assert "แตกต่างจากสถานะที่คำนวณจากแผน" in report.inner_text()
    _shot(report, f"report-behind-{width}.png")
    _shot(page.locator("section[aria-labelledby=plan-title]"), f"s-curve-{width}.png")
    # the chart reads the exact figures the page embeds: the plan reaches 100 in its last month
    planned = page.evaluate(
        "(() => { const meta = Chart.getChart(document.querySelector('[data-s-curve]'))"
        ".getDatasetMeta(0); return meta.data.map((_, i) => meta.controller.getParsed(i).y); })()"
    )
    assert len(planned) == len(months) and planned[-1] == 100

    report_submit(
        actor=User.objects.get(username="reporter"),
        report=ProgressReport.objects.get(project=project, number=1),
    )
    log_in(page, "coordinator")
    page.goto(page.base_url + "/followup/queue/")
    page.get_by_label("สถานะที่คำนวณจากแผน").select_option("behind_plan")
    page.get_by_role("button", name="กรอง").click()
    page.wait_for_url("**computed=behind_plan**")
    assert project.code in page.locator("main").inner_text()
    _shot(page, f"queue-behind-{width}.png")


def test_a_reporter_downloads_the_template_fills_it_and_uploads_it(
    demo,
    this_years_project,  # noqa: F811
    phone_page,
):
    """The template downloaded from the plan page, filled with openpyxl as a person would in
    Excel, uploaded back: the plan is on the page, each month's figures as in the file."""
    import io

    from django.urls import reverse
    from openpyxl import load_workbook

    from tidtam.workplans.sheets import month_short

    page, project = phone_page, this_years_project
    months = months_between(project.start_date, project.end_date)
    log_in(page, "reporter")
    page.goto(page.base_url + reverse("workplans:plan", kwargs={"code": project.code}))
    with page.expect_download() as downloading:
        page.get_by_role("link", name="ดาวน์โหลดแม่แบบ (Excel, .xlsx)").click()
    download = downloading.value
    assert download.suggested_filename == f"plan-{project.code}.xlsx"
    book = load_workbook(io.BytesIO(download.path().read_bytes()))
    sheet = book.active
    assert sheet.cell(3, 1).value == month_short(months[0])  # ต.ค. 2569
    assert sheet.max_row == 2 + len(months)
    for index in range(len(months)):
        sheet.cell(3 + index, 2).value = "๑๐๐" if index == len(months) - 1 else index + 1
        sheet.cell(3 + index, 3).value = 1000
        sheet.cell(3 + index, 4).value = f"กิจกรรมเดือนที่ {index + 1}"
    filled = io.BytesIO()
    book.save(filled)
    page.get_by_label("แม่แบบที่กรอกแล้ว (.xlsx หรือ .csv)").set_input_files(
        files=[
            {
                "name": "แผนของฉัน.xlsx",
                "mimeType": "application/octet-stream",
                "buffer": filled.getvalue(),
            }
        ]
    )
    page.get_by_role("button", name="อัปโหลดแผน").click()
    page.get_by_text("บันทึกแผนแล้ว").wait_for()
    version = page.locator("#version-1")
    assert f"กิจกรรมเดือนที่ {len(months)}" in version.inner_text()
    assert "1,000.00" in version.inner_text()
    plan = WorkPlan.objects.get(project=project)
    assert [m.progress for m in plan.months.all()][-1] == 100
    _shot(page, "plan-uploaded.png")
