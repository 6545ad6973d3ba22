"""A project's figures follow every write of its reports, and a rebuild finds them unchanged."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tidtam.core.testing import page_of
from tidtam.projects.models import ProjectFigures
from tidtam.projects.tests.factories import add_report, make_project
from tidtam.reports import review
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
    # registering the project gave it its figures: nothing used, no report yet
    assert figures(project)[:4] == (0, Decimal("0.00"), None, "not_started")
    client.force_login(cast.alice)
    page = page_of(client.get("/projects/", {"status": "not_started"}))
    assert project.code in page


def _from_the_reports(project) -> tuple:
    """The figures worked out in Python from the report rows, independently of the SQL."""
    reports = sorted(project.reports.all(), key=lambda r: r.number)
    last = reports[-1] if reports else None
    filed = [r.date for r in reports if r.first_submitted_at is not None or r.imported]
    status = "not_started"
    if last is not None:
        status = "completed" if last.progress_percent >= 100 else last.plan_status
    return (
        len(reports),
        sum((r.budget_disbursed for r in reports), Decimal("0")),
        last.progress_percent if last else None,
        status,
        max(filed) if filed else None,
        sum(r.status == "submitted" for r in reports),
        sum(r.reviewed_at is not None and r.first_submitted_at is not None for r in reports),
        last.delay_category if last else "",
    )


STEPS = st.lists(
    st.sampled_from(["add", "add_behind", "edit", "submit", "accept", "return"]), max_size=12
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=STEPS, amounts=st.lists(st.decimals(0, 99999, places=2), min_size=12, max_size=12))
def test_any_sequence_of_writes_leaves_true_figures(cast, steps, amounts):
    """Whatever the order of filing, editing and review (refused steps included), the
    figures equal what the reports add up to."""
    with transaction.atomic():
        project = make_project(cast.alice, cast.a_admin)
        for index, step in enumerate(steps):
            last = project.reports.order_by("-number").first()
            try:
                if step.startswith("add"):
                    behind = step == "add_behind"
                    add_report(
                        cast.alice,
                        project,
                        date=dt.date(2022, 10, 1) + dt.timedelta(days=25 * (index + 1)),
                        progress_percent=Decimal(min(100, 8 * (index + 1))),
                        budget_disbursed=amounts[index],
                        plan_status="behind_plan" if behind else "on_plan",
                        delay_category="budget" if behind else "",
                        delay_note="รองบประมาณ" if behind else "",
                    )
                elif last is None:
                    continue
                elif step == "edit":
                    report_update(actor=cast.alice, report=last, budget_disbursed=amounts[index])
                elif step == "submit":
                    review.report_submit(actor=cast.alice, report=last)
                elif step == "accept":
                    review.report_accept(actor=cast.carol, report=last)
                else:
                    review.report_return(actor=cast.carol, report=last, comment="แก้ไข")
            except ValidationError:
                pass  # a refused step (e.g. accepting a draft) must leave the figures true
            if ProjectFigures.objects.filter(project=project).exists():
                assert figures(project) == _from_the_reports(project), steps[: index + 1]
        transaction.set_rollback(True)
