"""A project's figures follow every write of its reports, and a rebuild finds them unchanged."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command

from tidtam.projects.tests.factories import add_report, make_project
from tidtam.reports import review
from tidtam.reports.models import ProjectFigures
from tidtam.reports.services import report_update

pytestmark = pytest.mark.django_db


def figures(project) -> tuple:
    row = ProjectFigures.objects.get(project=project)
    return (
        row.report_count,
        row.budget_used,
        row.latest_progress,
        row.status,
        row.latest_filed_on,
        row.waiting,
        row.reviewed,
        row.latest_delay_category,
    )


def test_figures_follow_each_write_and_review(cast):
    project = make_project(cast.alice, cast.a_admin)
    first = add_report(cast.alice, project, budget_disbursed=Decimal("1000.50"))
    assert figures(project) == (1, Decimal("1000.50"), Decimal("20.00"), "on_plan", None, 0, 0, "")
    second = add_report(
        cast.alice,
        project,
        date=dt.date(2023, 2, 16),
        progress_percent=Decimal("35"),
        budget_disbursed=Decimal("500"),
        plan_status="behind_plan",
        delay_category="procurement",
        delay_note="รอผู้รับจ้าง",
    )
    assert figures(project)[:4] == (2, Decimal("1500.50"), Decimal("35.00"), "behind_plan")
    assert figures(project)[-1] == "procurement"
    report_update(actor=cast.alice, report=second, progress_percent=Decimal("100"))
    assert figures(project)[2:4] == (Decimal("100.00"), "completed")
    review.report_submit(actor=cast.alice, report=first)
    assert figures(project)[4:7] == (dt.date(2023, 1, 16), 1, 0)  # filed, waiting
    review.report_return(actor=cast.carol, report=first, comment="แนบภาพถ่าย")
    assert figures(project)[4:7] == (dt.date(2023, 1, 16), 0, 1)  # still filed once
    review.report_submit(actor=cast.alice, report=first)
    review.report_accept(actor=cast.carol, report=first)
    assert figures(project)[5:7] == (0, 1)  # one report reviewed, now accepted
    before = figures(project)
    ProjectFigures.objects.all().delete()
    call_command("refresh_figures", verbosity=0)
    assert figures(project) == before


def test_a_project_without_reports_is_not_started_on_the_list(client, cast):
    project = make_project(cast.alice, cast.a_admin)
    assert not ProjectFigures.objects.filter(project=project).exists()
    client.force_login(cast.alice)
    page = client.get("/projects/", {"status": "not_started"}).content.decode()
    assert project.code in page
