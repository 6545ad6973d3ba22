"""The first hour in headless Chromium, at 1280 and at 360 px: the reporter files this round's
report and submits it from the project page; the coordinator returns it, then accepts it, each
step saying what it did; the sample project's history shows no Christian-era date."""

import os
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from tidtam.core.testing import log_in
from tidtam.lib.thai import fiscal_year_bounds, fiscal_year_of, format_date_short
from tidtam.orgs.models import Unit, User
from tidtam.projects.services import project_create
from tidtam.reports.models import ProgressReport
from tidtam.reports.review import report_submit
from tidtam.rounds.models import RoundCalendar
from tidtam.rounds.services import calendar_create, current_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = [1280, 360]


@pytest.fixture
def page(demo, phone_page):
    return phone_page


def _shot(page, name: str, full_page: bool = False) -> None:
    """With ``TIDTAM_SCREENSHOTS`` set, a screenshot into that folder, to look at."""
    folder = os.environ.get("TIDTAM_SCREENSHOTS")
    if folder:
        if not full_page:
            page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=os.path.join(folder, name), full_page=full_page)


@pytest.fixture
def this_years_project(demo):
    """A project of the reporter's division in the current fiscal year, with its calendar."""
    today = timezone.localdate()
    year = fiscal_year_of(today)
    admin = User.objects.get(username="admin")
    if not RoundCalendar.objects.filter(fiscal_year=year).exists():
        calendar_create(actor=admin, fiscal_year=year)
    start, end = fiscal_year_bounds(year)
    return project_create(
        actor=User.objects.get(username="reporter"),
        name="โครงการทดสอบรอบปัจจุบัน",
        fiscal_year=year,
        start_date=start,
        end_date=end,
        budget_received=Decimal("120000"),
        responsible_unit=Unit.objects.get(name="ฝ่ายปกครอง", parent__agency_code="50310000"),
        responsible_person="ฝ่ายปกครอง",
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_file_and_submit_from_the_project_page_then_return_and_accept(
    page, this_years_project, width
):
    project = this_years_project
    page.set_viewport_size({"width": width, "height": 900})
    today = timezone.localdate()
    round_ = current_round(project, today, reported=lambda _round: False)
    on = min(today, round_.period_end)

    log_in(page, "reporter")
    page.goto(page.base_url + project.get_absolute_url())
    glance = page.locator("section.glance")
    assert "ยังไม่มีรายงาน" in glance.inner_text()
    glance.get_by_role("button", name="บันทึกรายงานของรอบนี้").click()
    page.get_by_label("วันที่รายงาน").fill(format_date_short(on))
    page.get_by_label("ความก้าวหน้าของงานสะสม (%)").fill("10")
    page.get_by_label("งบประมาณที่เบิกใช้ครั้งนี้ (บาท)").fill("30,000")
    page.get_by_role("textbox", name="ผลการดำเนินงาน").fill("ประชุมชี้แจงแนวทางการดำเนินงาน")
    page.get_by_label("เป็นไปตามแผน", exact=True).check()
    page.get_by_label("เป็นไปตามเป้าหมาย", exact=True).check()
    page.get_by_role("button", name="บันทึกรายงาน", exact=True).click()
    page.locator("#report-1").wait_for()
    glance = page.locator("section.glance")
    assert "30,000.00 / 120,000.00 บาท" in glance.inner_text()
    assert "25.00 %" in glance.inner_text()  # disbursed of received
    _shot(page, f"reporter-draft-{width}.png")
    glance.get_by_role("button", name="ส่งรายงานครั้งที่ 1 ให้ตรวจ").click()
    page.get_by_text("ส่งให้ตรวจแล้ว").wait_for()
    assert re.search(rf"{re.escape(project.get_absolute_url())}#report-1$", page.url)
    assert ProgressReport.objects.get(project=project, number=1).status == "submitted"
    shown = current_round(project, today, reported=lambda r: r.pk == round_.pk)
    if shown.pk == round_.pk:
        assert "ส่งตรงเวลา" in page.locator("section.glance").inner_text() or on > round_.due_date
    else:  # early in a month, last month's round reported: the glance moves on to this month's
        assert f"รอบที่ {shown.number} กำหนดส่ง" in page.locator("section.glance").inner_text()
    _shot(page, f"reporter-submitted-{width}.png")

    log_in(page, "coordinator")
    page.goto(page.base_url + project.get_absolute_url())
    page.locator("section.glance").get_by_role("button", name="ตรวจรายงานครั้งที่ 1").click()
    page.get_by_role("textbox").fill("โปรดแนบภาพถ่ายการประชุม")
    page.get_by_role("button", name="ส่งกลับให้แก้ไข").click()
    page.get_by_text("ส่งกลับแล้ว").wait_for()
    assert "รับรายงานแล้ว" not in page.locator("main").inner_text()
    _shot(page, f"coordinator-returned-{width}.png")

    report_submit(
        actor=User.objects.get(username="reporter"),
        report=ProgressReport.objects.get(project=project, number=1),
    )
    page.goto(page.base_url + project.get_absolute_url())
    page.locator("section.glance").get_by_role("button", name="ตรวจรายงานครั้งที่ 1").click()
    page.get_by_role("button", name="รับรายงาน").click()
    page.get_by_text("รับรายงานแล้ว").wait_for()
    assert "ส่งกลับแล้ว" not in page.locator("main").inner_text()
    assert ProgressReport.objects.get(project=project, number=1).status == "accepted"
    _shot(page, f"coordinator-accepted-{width}.png")


CE_ISO = re.compile(r"\b(?:1[89]|2[01])\d\d-\d\d-\d\d\b")
SHORT_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/(\d{4})\b")
LONG_DATE = re.compile(r"\b\d{1,2} (?:[ก-๙]+\.){2,3} ?(\d{4})\b")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_sample_projects_history_shows_no_christian_era_date(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, "reporter")
    page.goto(page.base_url + "/projects/50310000-2961/")
    history = page.locator("section[aria-labelledby=history]")
    for details in history.locator("details").all():
        details.evaluate("d => d.open = true")
    text = history.inner_text()
    assert "วันที่รายงาน" in text  # the reports' dates are there, opened
    assert not CE_ISO.search(text)
    years = [int(y) for y in SHORT_DATE.findall(text) + LONG_DATE.findall(text)]
    assert years and all(year >= 2400 for year in years), years
    assert "[]" not in text and "ahead_of_plan" not in text
    _shot(page, f"history-{width}.png", full_page=True)
