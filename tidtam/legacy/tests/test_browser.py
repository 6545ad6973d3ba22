"""A coordinator brings in a second printout through the page, in headless Chromium at 360 px:
refused for an agency they do not follow, imported for their own, seen in the history."""

import re

import pytest

from tidtam.core.testing import log_in
from tidtam.legacy.models import LegacyImport
from tidtam.legacy.tests.helpers import SAMPLES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(demo, phone_page):
    return phone_page


def _read(page, name: str) -> None:
    page.goto(page.base_url + "/legacy/")
    page.get_by_label(re.compile("เอกสารพิมพ์จากระบบเดิม")).set_input_files(str(SAMPLES / name))
    page.get_by_role("button", name="อ่านเอกสาร").click()
    page.wait_for_load_state()


def test_coordinator_imports_a_printout_of_a_followed_agency(page):
    log_in(page, "coordinator")
    _read(page, "variant-c-lists-page-break.txt")  # สำนักการโยธา: not followed
    assert "ซึ่งท่านไม่ได้ติดตาม" in page.locator(".error-summary").inner_text()
    assert page.get_by_role("button", name="นำเข้า", exact=True).count() == 0

    _read(page, "variant-e-second-printout.txt")  # Bang Sue's project, a later printout
    assert page.locator("tr.unparsed").count() == 0
    page.get_by_role("button", name="นำเข้า", exact=True).click()
    page.wait_for_url(re.compile(r"/projects/50310000-2961/$"))
    history = page.locator("#history ~ *").first.inner_text()
    assert "นำเข้าเอกสารจากระบบเดิม" in history and "นางสาวอรนิชา" in history
    assert LegacyImport.objects.get().actor.username == "coordinator"
