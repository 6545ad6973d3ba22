"""The review state machine: who moves a report where, what is refused, and what is audited."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from tidtam.core.models import AuditEntry
from tidtam.core.testing import Page, page_of
from tidtam.projects.tests.factories import add_report, make_project
from tidtam.reports.models import ProgressReport, ReviewStatus
from tidtam.reports.review import report_accept, report_return, report_submit
from tidtam.reports.services import report_update

S = ReviewStatus


@pytest.fixture
def report(cast):
    project = make_project(cast.alice, cast.a_admin)
    return add_report(cast.alice, project)


def _actions(report):
    return list(
        AuditEntry.objects.filter(target_type="reports.progressreport", target_id=report.pk)
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_a_new_report_is_a_draft(report):
    assert report.status == S.DRAFT


def test_the_whole_round_trip_is_audited(cast, report):
    report = report_submit(actor=cast.alice, report=report)
    assert report.status == S.SUBMITTED
    assert report.submitted_by == cast.alice
    report = report_return(actor=cast.carol, report=report, comment="แนบภาพถ่ายด้วย")
    assert report.status == S.RETURNED
    assert report.review_comment == "แนบภาพถ่ายด้วย"
    report_update(actor=cast.alice, report=report, narrative="<p>แนบภาพแล้ว</p>")
    report = report_submit(actor=cast.anna, report=report)
    report = report_accept(actor=cast.carol, report=report)
    assert report.status == S.ACCEPTED
    assert report.reviewed_by == cast.carol
    assert _actions(report) == [
        "reports.report.created",
        "reports.report.submitted",
        "reports.report.returned",
        "reports.report.changed",
        "reports.report.resubmitted",
        "reports.report.accepted",
    ]
    returned = AuditEntry.objects.get(action="reports.report.returned")
    assert returned.actor == cast.carol
    assert returned.changes["status"] == ["submitted", "returned"]


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (S.DRAFT, "accept"),
        (S.DRAFT, "return"),
        (S.RETURNED, "accept"),
        (S.ACCEPTED, "return"),
        (S.ACCEPTED, "accept"),
        (S.ACCEPTED, "submit"),
        (S.SUBMITTED, "submit"),
    ],
)
def test_illegal_transitions_are_refused_with_the_rule(cast, report, status, action):
    ProgressReport.objects.filter(pk=report.pk).update(status=status)
    before = AuditEntry.objects.count()
    call = {
        "submit": lambda: report_submit(actor=cast.alice, report=report),
        "accept": lambda: report_accept(actor=cast.carol, report=report),
        "return": lambda: report_return(actor=cast.carol, report=report, comment="x"),
    }[action]
    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        call()
    assert "only a" in refusal.value.messages[0]
    assert ProgressReport.objects.get(pk=report.pk).status == status
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("who", ["bob", "ed", "carol", "cody", "olive", "chief"])
def test_only_the_units_reporters_and_approvers_submit(cast, report, who):
    with pytest.raises(PermissionDenied):
        report_submit(actor=getattr(cast, who), report=report)


@pytest.mark.parametrize("who", ["alice", "anna", "ed", "cody", "bob", "chief"])
def test_only_the_agencys_coordinator_reviews(cast, report, who):
    report = report_submit(actor=cast.alice, report=report)
    with pytest.raises(PermissionDenied):
        report_accept(actor=getattr(cast, who), report=report)
    with pytest.raises(PermissionDenied):
        report_return(actor=getattr(cast, who), report=report, comment="x")


def test_an_admin_reviews_too(cast, report):
    report = report_submit(actor=cast.alice, report=report)
    assert report_accept(actor=cast.root, report=report).status == S.ACCEPTED


def test_returning_needs_a_comment(cast, report):
    report = report_submit(actor=cast.alice, report=report)
    with pytest.raises(ValidationError) as refusal:
        report_return(actor=cast.carol, report=report, comment="  ")
    assert "comment" in refusal.value.message_dict


@pytest.mark.parametrize("status", [S.SUBMITTED, S.ACCEPTED])
def test_submitted_and_accepted_reports_are_read_only(cast, report, status):
    ProgressReport.objects.filter(pk=report.pk).update(status=status)
    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        report_update(actor=cast.alice, report=report, progress_percent=Decimal("25"))
    assert "coordinator" in refusal.value.messages[0]
    assert ProgressReport.objects.get(pk=report.pk).progress_percent == Decimal("20.00")


@pytest.mark.parametrize(
    ("plan_status", "target_status", "needed"),
    [
        ("on_plan", "on_target", False),
        ("ahead_of_plan", "on_target", False),
        ("behind_plan", "on_target", True),
        ("on_plan", "off_target", True),
    ],
)
def test_a_delay_needs_a_reason_before_submitting(cast, plan_status, target_status, needed):
    project = make_project(cast.alice, cast.a_admin)
    report = add_report(cast.alice, project, plan_status=plan_status, target_status=target_status)
    if needed:
        with pytest.raises(ValidationError) as refusal:
            report_submit(actor=cast.alice, report=report)
        assert set(refusal.value.message_dict) == {"delay_category", "delay_note"}
        report = report_update(
            actor=cast.alice, report=report, delay_category="procurement", delay_note="ประมูลซ้ำ"
        )
    assert report_submit(actor=cast.alice, report=report).status == S.SUBMITTED


# pages


def _url(report, name="detail", **extra):
    kwargs = {"code": report.project.code, "number": report.number, **extra}
    return reverse(f"reports:{name}", kwargs=kwargs)


def test_reporter_submits_and_coordinator_returns_then_accepts_through_the_pages(
    client, cast, report
):
    client.force_login(cast.alice)
    page = page_of(client.get(_url(report)))
    assert "ส่งให้ตรวจ" in page or "Submit for review" in page
    response = client.post(_url(report, "review", action="submit"))
    assert response.status_code == 302
    client.force_login(cast.carol)
    queue = page_of(client.get(reverse("followup:queue")))
    assert report.project.code in queue
    response = client.post(_url(report, "review", action="return"), {"comment": ""})
    assert response.status_code == 200
    assert "error-summary" in page_of(response)
    response = client.post(_url(report, "review", action="return"), {"comment": "แก้ตัวเลข"})
    assert response.status_code == 302
    client.force_login(cast.alice)
    mine = page_of(client.get(reverse("followup:my_reports")))
    assert "แก้ตัวเลข" in mine
    client.post(_url(report, "review", action="submit"))
    client.force_login(cast.carol)
    client.post(_url(report, "review", action="accept"))
    assert ProgressReport.objects.get(pk=report.pk).status == S.ACCEPTED
    # an accepted report's edit link shows the report, read-only, and a save is refused
    client.force_login(cast.alice)
    page = page_of(client.get(_url(report, "edit")))
    assert 'name="progress_percent"' not in page
    assert "badge-review-accepted" in page
    response = client.post(
        _url(report, "edit"),
        {
            "date": "16/01/2566",
            "narrative": "x",
            "progress_percent": "21",
            "budget_disbursed": "0",
            "plan_status": "on_plan",
            "target_status": "on_target",
        },
    )
    assert response.status_code == 200
    assert "error-summary" in page_of(response)
    assert ProgressReport.objects.get(pk=report.pk).progress_percent == Decimal("20.00")


@pytest.mark.parametrize(
    ("who", "action", "status"),
    [
        ("bob", "submit", 404),  # another agency: the project does not exist for them
        ("cody", "accept", 404),
        ("ed", "submit", 403),  # reads the project, may not submit
        ("alice", "accept", 403),
        ("carol", "frobnicate", 404),
    ],
)
def test_review_denials_on_the_pages(client, cast, report, who, action, status):
    if action != "submit":
        report_submit(actor=cast.alice, report=report)
    client.force_login(getattr(cast, who))
    response = client.post(_url(report, "review", action=action), {"comment": "x"})
    assert response.status_code == status


def test_anonymous_is_sent_to_log_in(client, report):
    assert client.get(_url(report)).status_code == 302


def test_reporters_see_returned_reports_first(cast):
    first = add_report(cast.alice, make_project(cast.alice, cast.a_admin))
    second = add_report(cast.alice, make_project(cast.alice, cast.a_admin))
    report_submit(actor=cast.alice, report=second)
    report_return(actor=cast.carol, report=second, comment="ขาดเอกสาร")
    from tidtam.followup.selectors import reports_to_work_on

    assert [r.pk for r in reports_to_work_on(cast.alice)] == [second.pk, first.pk]
    assert list(reports_to_work_on(cast.bob)) == []


def test_submitting_a_delayed_report_without_a_reason_says_why_on_the_page(client, cast):
    project = make_project(cast.alice, cast.a_admin)
    report = add_report(cast.alice, project, plan_status="behind_plan")
    client.force_login(cast.alice)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.post(_url(report, "review", action="submit"))
    page = page_of(response)
    assert response.status_code == 200
    assert "choose the reason for the delay" in page
    assert ProgressReport.objects.get(pk=report.pk).status == S.DRAFT


def test_htmx_edit_of_a_submitted_report_swaps_in_the_read_only_report(client, cast, report):
    report_submit(actor=cast.alice, report=report)
    client.force_login(cast.alice)
    response = client.get(_url(report, "edit"), headers={"HX-Request": "true"})
    page = page_of(response)
    assert "<html" not in page
    assert f'id="report-{report.number}"' in page
    assert "badge-review-submitted" in page


def test_the_report_page_lists_its_review_history(client, cast, report):
    report = report_submit(actor=cast.alice, report=report)
    report_return(actor=cast.carol, report=report, comment="ขาดภาพถ่าย")
    client.force_login(cast.alice)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = page_of(client.get(_url(report)))
    history = Page(page.split("<details>", 1)[1])
    assert "carol · returned: ขาดภาพถ่าย" in history
    assert "alice · submitted" in history


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("alice", 200),
        ("anna", 200),
        ("ed", 200),
        ("carol", 200),
        ("chief", 200),
        ("root", 200),
        ("bob", 404),
        ("cody", 404),
        ("bert", 404),
        ("olive", 404),
    ],
)
def test_report_page_matrix(client, cast, report, who, status):
    client.force_login(getattr(cast, who))
    assert client.get(_url(report)).status_code == status


def test_a_report_is_not_submitted_while_an_earlier_one_is_a_draft(client, cast):
    project = make_project(cast.alice, cast.a_admin)
    add_report(cast.alice, project)
    add_report(cast.alice, project, date=dt.date(2023, 2, 16))
    third = add_report(cast.alice, project, date=dt.date(2023, 3, 16))
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        report_submit(actor=cast.alice, report=third)
    assert refused.value.messages == ["Reports 1, 2 are still drafts: submit them before report 3."]
    client.force_login(cast.alice)
    response = client.post(_url(third, "review", action="submit"))
    assert "รายงานครั้งที่ 1, 2 ยังเป็นร่าง กรุณาส่งรายงานนั้นก่อนส่งรายงานครั้งที่ 3" in page_of(response)
    assert ProgressReport.objects.get(pk=third.pk).status == S.DRAFT
    assert _actions(third) == ["reports.report.created"]


@pytest.mark.parametrize("earlier", ["submitted", "returned", "accepted"])
def test_a_report_is_submitted_once_the_earlier_ones_are_no_drafts(cast, earlier):
    project = make_project(cast.alice, cast.a_admin)
    first = report_submit(actor=cast.alice, report=add_report(cast.alice, project))
    if earlier == "returned":
        report_return(actor=cast.carol, report=first, comment="ขาดเอกสาร")
    elif earlier == "accepted":
        report_accept(actor=cast.carol, report=first)
    second = add_report(cast.alice, project, date=dt.date(2023, 2, 16))
    assert report_submit(actor=cast.alice, report=second).status == S.SUBMITTED
