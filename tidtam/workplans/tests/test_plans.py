"""Entering, freezing and revising a plan; who sees it; the status the pages show."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tidtam.core.concurrency import StaleEdit
from tidtam.core.models import AuditEntry
from tidtam.core.testing import page_of
from tidtam.projects.tests.factories import add_report, make_project
from tidtam.reports.review import report_accept, report_submit
from tidtam.workplans import services
from tidtam.workplans.models import WorkPlan
from tidtam.workplans.rules import Row, months_between

# FY2566: October 2565 to September 2566, 12 months, 100,000 baht
MONTHS = months_between(dt.date(2022, 10, 1), dt.date(2023, 9, 30))
STEADY = [
    Row(m, D(min(100, 9 * (i + 1)) if i < 11 else 100), D("8000")) for i, m in enumerate(MONTHS)
]


@pytest.fixture
def project(cast):
    return make_project(cast.alice, cast.a_admin)


def _grid(rows, version=None, **extra):
    data = {"version": version or "", **extra}
    for i, row in enumerate(rows):
        data[f"progress_{i}"] = str(row.progress)
        data[f"disbursement_{i}"] = str(row.disbursement)
        data[f"activities_{i}"] = row.activities
    return data


def _url(project):
    return reverse("workplans:plan", kwargs={"code": project.code})


def test_a_reporter_enters_a_plan_audited(cast, project):
    plan = services.plan_save(actor=cast.alice, project=project, rows=STEADY)
    assert plan.state == WorkPlan.State.IN_FORCE and plan.months.count() == 12
    assert AuditEntry.objects.filter(action="workplans.plan.created").count() == 1


def test_a_bad_plan_is_refused_whole(cast, project):
    rows = [*STEADY[:-1], Row(MONTHS[-1], D("90"), D("8000"))]
    with pytest.raises(ValidationError) as refused:
        services.plan_save(actor=cast.alice, project=project, rows=rows)
    assert "progress_11" in refused.value.message_dict
    assert not WorkPlan.objects.exists()


def test_a_reporter_of_another_unit_cannot_edit(cast, project):
    with pytest.raises(PermissionDenied):
        services.plan_save(actor=cast.bob, project=project, rows=STEADY)


def test_a_stale_edit_is_refused(cast, project):
    plan = services.plan_save(actor=cast.alice, project=project, rows=STEADY)
    loaded = plan.version
    changed = [Row(MONTHS[0], D("5"), D("8000")), *STEADY[1:]]
    services.plan_save(actor=cast.anna, project=project, rows=changed, version=loaded)
    with pytest.raises(StaleEdit):
        services.plan_save(actor=cast.alice, project=project, rows=STEADY, version=loaded)


def test_the_first_accepted_report_freezes_the_plan_and_a_revision_needs_approval(cast, project):
    first = services.plan_save(actor=cast.alice, project=project, rows=STEADY)
    report = add_report(cast.alice, project)
    report_accept(actor=cast.carol, report=report_submit(actor=cast.alice, report=report))
    first.refresh_from_db()
    assert first.frozen_at is not None
    later = [Row(m, r.progress, D("5000")) for m, r in zip(MONTHS, STEADY, strict=True)]
    with pytest.raises(ValidationError) as refused:
        services.plan_save(actor=cast.alice, project=project, rows=later)
    assert "reason" in refused.value.message_dict
    proposed = services.plan_save(actor=cast.alice, project=project, rows=later, reason="งบลด")
    assert proposed.state == WorkPlan.State.PROPOSED and proposed.number == 2
    first.refresh_from_db()
    assert first.state == WorkPlan.State.IN_FORCE  # until approved
    with pytest.raises(PermissionDenied):
        services.plan_approve(actor=cast.alice, plan=proposed)
    with pytest.raises(PermissionDenied):
        services.plan_approve(actor=cast.cody, plan=proposed)  # another agency's coordinator
    services.plan_approve(actor=cast.carol, plan=proposed)
    first.refresh_from_db()
    proposed.refresh_from_db()
    assert (first.state, proposed.state) == (WorkPlan.State.SUPERSEDED, WorkPlan.State.IN_FORCE)
    # both versions stay visible
    page = page_of(_client(cast.ed).get(_url(project)))
    assert "ฉบับที่ 1" in page and "ฉบับที่ 2" in page and "งบลด" in page


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_grid_takes_thai_digits_and_says_errors_on_their_cells(cast, project):
    client = _client(cast.alice)
    data = _grid(STEADY)
    data["progress_0"] = "๙"  # Thai digits
    data["progress_11"] = "๙๙"
    response = client.post(_url(project), data)
    page = page_of(response)
    assert response.status_code == 200
    assert "100" in page.text and not WorkPlan.objects.exists()
    assert 'id="id_progress_11_error"' in response.content.decode()
    data["progress_11"] = "๑๐๐"
    response = client.post(_url(project), data)
    assert response.status_code == 302
    assert WorkPlan.objects.get().months.first().progress == D("9")


def test_the_grid_refuses_a_figure_the_database_would_round(cast, project):
    client = _client(cast.alice)
    data = _grid(STEADY)
    data["disbursement_0"] = "8,000.005"
    response = client.post(_url(project), data)
    assert response.status_code == 200 and not WorkPlan.objects.exists()
    assert 'id="id_disbursement_0_error"' in response.content.decode()


def test_another_agencys_plan_is_404(cast, project):
    services.plan_save(actor=cast.alice, project=project, rows=STEADY)
    assert _client(cast.bob).get(_url(project)).status_code == 404
    assert _client(cast.cody).get(_url(project)).status_code == 404
    approve = reverse("workplans:approve", kwargs={"code": project.code, "number": 1})
    assert _client(cast.cody).post(approve).status_code == 404


def test_a_reader_sees_the_plan_without_the_grid_and_cannot_post(cast, project):
    services.plan_save(actor=cast.alice, project=project, rows=STEADY)
    client = _client(cast.ed)
    response = client.get(_url(project))
    assert response.status_code == 200 and "progress_0" not in response.content.decode()
    assert client.post(_url(project), _grid(STEADY, version=1)).status_code == 403


def test_the_report_shows_behind_plan_computed_beside_the_declared_status(cast, project):
    services.plan_save(actor=cast.alice, project=project, rows=STEADY)
    # 16 January 2566: planned 27 + 9 × 16/31 = 31.65; 20 % is behind beyond the 5 points
    report = add_report(cast.alice, project, progress_percent=D("20"), plan_status="on_plan")
    page = page_of(_client(cast.alice).get(project.get_absolute_url()))
    assert "ล่าช้ากว่าแผน (คำนวณ)" in page
    assert "แตกต่างจาก" in page
    detail = reverse("reports:detail", kwargs={"code": project.code, "number": report.number})
    assert "ล่าช้ากว่าแผน (คำนวณ)" in page_of(_client(cast.alice).get(detail))


def test_the_plan_page_reads_a_fixed_number_of_queries(cast, project):
    services.plan_save(actor=cast.alice, project=project, rows=STEADY)
    client = _client(cast.alice)
    client.get(_url(project))
    with CaptureQueriesContext(connection) as few:
        client.get(_url(project))
    proposed = services.plan_save(actor=cast.alice, project=project, rows=STEADY, version=1)
    assert proposed
    with CaptureQueriesContext(connection) as again:
        client.get(_url(project))
    assert len(few) == len(again) <= 12


def test_the_coordinators_queue_filters_on_the_computed_status(cast, project):
    services.plan_save(actor=cast.alice, project=project, rows=STEADY)
    report = add_report(cast.alice, project, progress_percent=D("20"), plan_status="on_plan")
    report_submit(actor=cast.alice, report=report)
    client = _client(cast.carol)
    queue = reverse("followup:queue")
    behind = page_of(client.get(queue, {"computed": "behind_plan"}))
    assert project.code in behind and "ล่าช้ากว่าแผน (คำนวณ)" in behind
    assert project.code in page_of(client.get(queue, {"computed": "disagrees"}))
    assert project.code not in page_of(client.get(queue, {"computed": "on_plan"}))
    nothing = page_of(client.get(queue, {"computed": "no_plan"}))
    assert project.code not in nothing and "ไม่มีรายงานที่รอตรวจ" in nothing
    assert project.code in page_of(client.get(queue))
    assert client.get(queue, {"computed": "nonsense"}).status_code == 200


def test_the_grid_refuses_a_stale_save_and_keeps_the_users_figures(cast, project):
    services.plan_save(actor=cast.alice, project=project, rows=STEADY)
    changed = [Row(MONTHS[0], D("5"), D("8000")), *STEADY[1:]]
    services.plan_save(actor=cast.anna, project=project, rows=changed, version=1)
    mine = _grid(STEADY, version=1)
    mine["activities_0"] = "ของฉัน"
    response = _client(cast.alice).post(_url(project), mine)
    assert response.status_code == 200
    assert 'id="stale-edit"' in response.content.decode()
    html = response.content.decode()
    stale = html[
        html.index('id="stale-edit"') : html.index("</div>", html.index('id="stale-edit"'))
    ]
    assert "<del>9.00 % · 8000.00 · </del> → <ins>5.00 % · 8000.00 · </ins>" in stale
    assert "ของฉัน" in response.content.decode()
    assert WorkPlan.objects.get().months.first().activities == ""  # nothing of it saved
