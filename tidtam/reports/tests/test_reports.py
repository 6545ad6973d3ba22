"""Report rules through the service, and bad input through the page as a person types it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tidtam.core.models import AuditEntry
from tidtam.core.testing import page_of
from tidtam.projects.tests.factories import add_report, make_project
from tidtam.reports.models import ProgressReport
from tidtam.reports.services import report_update


@pytest.fixture
def project(cast):
    project = make_project(cast.alice, cast.a_admin)
    add_report(cast.alice, project, progress_percent=Decimal("20"), budget_disbursed=Decimal("10"))
    add_report(
        cast.alice,
        project,
        date=dt.date(2023, 2, 16),
        progress_percent=Decimal("30"),
        budget_disbursed=Decimal("2.50"),
    )
    return project


def test_reports_are_numbered_without_gaps_and_budget_used_is_their_sum(cast, project):
    third = add_report(
        cast.alice, project, date=dt.date(2023, 3, 1), progress_percent=Decimal("30")
    )
    assert [r.number for r in project.reports.all()] == [1, 2, 3]
    assert third.number == 3
    assert project.budget_used == Decimal("12.50")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"progress_percent": Decimal("101")}, "progress_percent"),
        ({"progress_percent": Decimal("29.99")}, "progress_percent"),
        ({"progress_percent": Decimal("50.125")}, "progress_percent"),
        ({"date": dt.date(2023, 10, 1)}, "date"),
        ({"date": dt.date(2023, 2, 16)}, "date"),
        ({"date": dt.date(2023, 2, 1)}, "date"),
        ({"budget_disbursed": Decimal("-1")}, "budget_disbursed"),
        ({"narrative": "<script>x</script>"}, "narrative"),
    ],
)
def test_a_report_breaking_a_rule_is_refused_and_nothing_is_saved(cast, project, changes, field):
    before = (ProgressReport.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as refusal:
        add_report(
            cast.alice,
            project,
            **{"date": dt.date(2023, 3, 1), "progress_percent": Decimal("40"), **changes},
        )
    assert field in refusal.value.message_dict
    assert (ProgressReport.objects.count(), AuditEntry.objects.count()) == before


def test_editing_a_report_keeps_it_between_its_neighbours(cast, project):
    add_report(cast.alice, project, date=dt.date(2023, 3, 1), progress_percent=Decimal("40"))
    second = project.reports.get(number=2)
    with pytest.raises(ValidationError) as refusal:
        report_update(actor=cast.alice, report=second, progress_percent=Decimal("45"))
    assert "progress_percent" in refusal.value.message_dict
    report_update(actor=cast.alice, report=second, progress_percent=Decimal("35"))
    entry = AuditEntry.objects.filter(action="reports.report.changed").get()
    assert entry.actor == cast.alice
    assert entry.changes == {"progress_percent": ["30.00", "35"], "version": [1, 2]}


def _post_report(client, project, **fields):
    data = {
        "date": "01/03/2566",
        "narrative": "ดำเนินการต่อ",
        "progress_percent": "40",
        "budget_disbursed": "0",
        "plan_status": "on_plan",
        "target_status": "on_target",
        **fields,
    }
    return client.post(reverse("reports:add", kwargs={"code": project.code}), data)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"progress_percent": "101"}, "0 ถึง 100"),
        ({"progress_percent": "25"}, "ต่ำกว่ารายงานครั้งที่ 2"),
        ({"date": "01/10/2566"}, "ระยะเวลาของโครงการ"),
        ({"budget_disbursed": "หนึ่งพัน"}, "กรอกตัวเลข"),
        ({"narrative": "<p>ดี</p><script>alert(1)</script>"}, "&lt;script&gt;"),
        ({"date": "31/02/2566"}, "วัน/เดือน/ปี"),
    ],
)
def test_bad_input_on_the_page_gets_a_thai_message_next_to_the_field(
    client, cast, project, fields, message
):
    client.force_login(cast.alice)
    before = (ProgressReport.objects.count(), AuditEntry.objects.count())
    response = _post_report(client, project, **fields)
    page = page_of(response)
    assert response.status_code == 200
    assert message in page
    assert 'aria-invalid="true"' in page
    assert "error-summary" in page
    assert (ProgressReport.objects.count(), AuditEntry.objects.count()) == before


def test_english_messages_when_the_user_picks_english(client, cast, project):
    client.force_login(cast.alice)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = page_of(_post_report(client, project, progress_percent="101"))
    assert "Progress is a percentage from 0 to 100." in page


def test_thai_digits_are_accepted_in_numbers_and_dates(client, cast, project):
    client.force_login(cast.alice)
    response = _post_report(
        client, project, date="๐๑/๐๓/๒๕๖๖", progress_percent="๔๐.๕๐", budget_disbursed="๑,๒๕๐"
    )
    assert response.status_code == 302
    report = project.reports.get(number=3)
    assert report.date == dt.date(2023, 3, 1)
    assert report.progress_percent == Decimal("40.50")
    assert report.budget_disbursed == Decimal("1250.00")


def test_htmx_save_redirects_to_the_project_page(client, cast, project):
    client.force_login(cast.alice)
    data = {
        "date": "01/03/2566",
        "narrative": "ต่อ",
        "progress_percent": "40",
        "budget_disbursed": "0",
        "plan_status": "on_plan",
        "target_status": "on_target",
    }
    url = reverse("reports:add", kwargs={"code": project.code})
    response = client.post(url, data, headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Refresh"] == "true"
    page = page_of(client.get(project.get_absolute_url()))
    assert "บันทึกรายงานครั้งที่ 3 แล้ว" in page
