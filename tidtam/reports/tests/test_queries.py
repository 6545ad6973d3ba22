"""Month-end: one report added and submitted through the pages costs a fixed number of queries
(``bench/month_end.py`` sends the same two requests under load)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from tidtam.lib.thai import fiscal_year_bounds, fiscal_year_of
from tidtam.projects.tests.factories import add_report, make_project
from tidtam.reports.models import ReviewStatus
from tidtam.reports.review import report_submit
from tidtam.rounds.services import calendar_create


def test_adding_and_submitting_a_report_takes_27_queries(client, cast, django_assert_num_queries):
    start = timezone.localdate().replace(day=1)
    fiscal_year = fiscal_year_of(start)
    calendar_create(actor=cast.root, fiscal_year=fiscal_year)
    project = make_project(
        cast.alice,
        cast.a_admin,
        fiscal_year=fiscal_year,
        start_date=start,
        end_date=fiscal_year_bounds(fiscal_year)[1],
    )
    report_submit(actor=cast.alice, report=add_report(cast.alice, project, date=start))
    client.force_login(cast.alice)
    day = start + dt.timedelta(days=1)
    form = {
        "date": f"{day.day:02d}/{day.month:02d}/{day.year + 543}",
        "narrative": "ดำเนินการต่อ",
        "progress_percent": "40",
        "budget_disbursed": "1250.50",
        "plan_status": "on_plan",
        "target_status": "on_target",
    }
    # Each request: the session, the user with their memberships. The add: the project, then in
    # one transaction (savepoint and release here, BEGIN and COMMIT in production) the project
    # locked, the round of the date, the last report, the insert, the figures read and
    # written, the audit entry. The submit: the report, then in one transaction the report
    # locked, the earlier drafts (none), the update, the figures read and written, the audit
    # entry. Each audit entry is three: the chain's head read and locked, the entry, the head
    # moved on (core/chain.py).
    with django_assert_num_queries(27):
        added = client.post(reverse("reports:add", args=[project.code]), form)
        submitted = client.post(reverse("reports:review", args=[project.code, 2, "submit"]))
    assert (added.status_code, submitted.status_code) == (302, 302)
    report = project.reports.get(number=2)
    assert report.status == ReviewStatus.SUBMITTED
    assert project.figures.waiting == 2 and project.figures.report_count == 2
