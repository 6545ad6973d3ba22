"""The reports as the project page shows them (``report_forms.report_articles``): what each
one says, and the actions offered only to who may take them."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tidtam.core.testing import Page, page_of
from tidtam.projects.tests.factories import add_report, make_project
from tidtam.reports.models import ProgressReport
from tidtam.reports.review import report_submit


@pytest.fixture
def project(cast):
    """Report 1 submitted (and imported from the old system), report 2 a draft."""
    project = make_project(cast.alice, cast.a_admin)
    first = add_report(
        cast.alice,
        project,
        progress_percent=Decimal("45.50"),
        budget_disbursed=Decimal("1250.50"),
    )
    report_submit(actor=cast.alice, report=first)
    ProgressReport.objects.filter(pk=first.pk).update(imported=True)
    add_report(
        cast.alice,
        project,
        date=dt.date(2023, 2, 16),
        progress_percent=Decimal("50"),
        narrative="<p>สำรวจพื้นที่แล้ว</p>",
    )
    return project


def _article(page: str, number: int) -> Page:
    """The report's article as it is in the page's HTML (``in`` also finds its text)."""
    match = re.search(rf'<article class="report" id="report-{number}">.*?</article>', page, re.S)
    assert match, f"report {number} not on the page"
    return Page(match.group())


def test_the_reporter_may_edit_and_submit_a_draft_only(cast, project):
    client = Client()
    client.force_login(cast.alice)
    page = page_of(client.get(project.get_absolute_url()))
    submitted, draft = _article(page, 1), _article(page, 2)
    assert "รายงานครั้งที่ 2" in draft.text
    assert "16/02/2566" in draft.text
    assert "สำรวจพื้นที่แล้ว" in draft.text
    assert "ร่าง" in draft.text
    edit = reverse("reports:edit", kwargs={"code": project.code, "number": 2})
    assert f'href="{edit}"' in draft and f'hx-get="{edit}"' in draft
    assert "ส่งรายงานครั้งที่ 2 ให้ตรวจ" in draft.text
    assert 'name="csrfmiddlewaretoken"' in draft
    # the submitted one: its figures, the badge of an imported report, no edit, no submit
    text = submitted.text
    assert "45.50 %" in text and "1,250.50 บาท" in text
    assert "นำเข้าจากระบบเดิม" in text and "ส่งแล้ว รอตรวจ" in text
    assert "/edit/" not in submitted and "ให้ตรวจ" not in text
    # the button does what it says
    response = client.post(
        reverse("reports:review", kwargs={"code": project.code, "number": 2, "action": "submit"}),
        {"back": "project"},
    )
    assert response.status_code == 302
    assert project.reports.get(number=2).status == "submitted"


def test_a_reader_who_may_not_change_the_project_is_offered_nothing(cast, project):
    client = Client()
    client.force_login(cast.carol)  # the coordinator follows the agency, does not report for it
    page = page_of(client.get(project.get_absolute_url()))
    draft = _article(page, 2)
    assert "สำรวจพื้นที่แล้ว" in draft.text
    assert "/edit/" not in draft and "csrfmiddlewaretoken" not in draft
