"""On a phone-sized screen: open the survey by its link, enter a code, answer, submit; the
same code is refused the second time; the tracking page counts the response."""

import os

import pytest

from tidtam.ita.models import Question, Response
from tidtam.ita.services import surveys

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(ita, phone_page):
    return phone_page


def _answer(page, ita, code):
    page.goto(f"{page.base_url}/ita/s/{ita.aa.token}/")
    page.get_by_text("ตอบแบบสำรวจบุคลากร").click()
    page.get_by_label("รหัสเข้าตอบ").fill(code.lower())
    page.get_by_label("ข้าราชการ").check()
    page.get_by_label("ฝ่ายที่ท่านสังกัด").select_option(label="ฝ่ายโยธา")
    for question in Question.objects.filter(indicator__tool=ita.iit):
        page.locator(f"input[name=q_{question.pk}]").first.check()
    page.get_by_role("button", name="ส่งคำตอบ").click()


def test_survey_on_a_phone(page, ita):
    code = surveys.code_issue_public(assessment=ita.aa, tool=ita.iit)
    _answer(page, ita, code)
    page.get_by_role("heading", name="ขอบคุณ").wait_for()
    assert Response.objects.count() == 1
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360  # no sideways scrolling on a phone

    _answer(page, ita, code)
    page.get_by_text("รหัสนี้ไม่ถูกต้องหรือถูกใช้ไปแล้ว").first.wait_for()
    assert Response.objects.count() == 1

    page.context.add_cookies(
        [{"name": "sessionid", "value": _session_for(ita.alice), "url": page.base_url}]
    )
    page.goto(f"{page.base_url}/ita/{ita.aa.pk}/tracking/")
    text = page.locator("table.figures").inner_text()
    assert "0.44" in text  # 1 of 226 civil servants
    if os.environ.get("TIDTAM_SCREENSHOT"):
        page.screenshot(path=os.environ["TIDTAM_SCREENSHOT"], full_page=True)


def _session_for(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return session.session_key
