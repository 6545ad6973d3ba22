"""Follow-up demo on top of ``tidtam load_demo``: reporting calendars, and the demo's reports
taken through review so every page has something to show.

The demo's reports are written by ``load_demo`` as drafts. Here each one is submitted and
accepted through the review services (audited like any other), except that the sample
project's report 9 is returned with a comment (the reporter's "reports to work on") and the
last report of each project of สำนักงานเขตจตุจักร and the sample's report 10 wait in the
coordinator's queue. The submission and review times are then set to a few days after each
report's date, so the rounds show reports filed on time. Running it again changes nothing.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from tidtam.lib.thai import fiscal_year_of
from tidtam.orgs.models import User
from tidtam.reports import figures, review
from tidtam.reports.models import DelayCategory, ProgressReport, ReviewStatus
from tidtam.reports.services import report_update
from tidtam.rounds.models import RoundCalendar
from tidtam.rounds.services import calendar_create

SAMPLE = "50310000-2961"
WAITING_AGENCY = "50300000"
DEMO_YEAR = 2566  # the demo's projects; the demo city's drafts (tidtam demo_city) stay drafts


def _at(day: dt.date, days: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=days), dt.time(10)))


@transaction.atomic
def load_followup_demo() -> dict[str, int]:
    admin = User.objects.get(username="admin")
    reporter = User.objects.get(username="reporter")
    coordinator = User.objects.get(username="coordinator")
    for fiscal_year in sorted({DEMO_YEAR, fiscal_year_of(timezone.localdate())}):
        if not RoundCalendar.objects.filter(fiscal_year=fiscal_year).exists():
            calendar_create(actor=admin, fiscal_year=fiscal_year, due_day=5, lock_after_days=10)
    counts = {"accepted": 0, "returned": 0, "submitted": 0}
    drafts = (
        ProgressReport.objects.filter(status=ReviewStatus.DRAFT, project__fiscal_year=DEMO_YEAR)
        .select_related("project__agency")
        .order_by("project__code", "number")
    )
    last_numbers = {}
    for report in drafts:
        last_numbers[report.project_id] = max(last_numbers.get(report.project_id, 0), report.number)
    for report in drafts:
        project = report.project
        submitter = reporter if project.code == SAMPLE else admin
        if report.needs_delay_reason and not report.delay_category:
            report = report_update(
                actor=submitter,
                report=report,
                delay_category=DelayCategory.CONTRACTOR,
                delay_note=strip_tags(report.narrative),
            )
        report = review.report_submit(actor=submitter, report=report)
        reviewer = coordinator if review.is_reviewer(coordinator, project) else admin
        last = report.number == last_numbers[project.pk]
        if project.code == SAMPLE and report.number == 9:
            review.report_return(
                actor=reviewer,
                report=report,
                comment="โปรดระบุจำนวนผู้เข้าร่วมกิจกรรมและแนบภาพถ่าย",
            )
            counts["returned"] += 1
        elif last and (project.code == SAMPLE or project.agency.agency_code == WAITING_AGENCY):
            counts["submitted"] += 1
        else:
            review.report_accept(actor=reviewer, report=report)
            counts["accepted"] += 1
        reviewed = report.status != ReviewStatus.SUBMITTED
        ProgressReport.objects.filter(pk=report.pk).update(
            first_submitted_at=_at(report.date, 3),
            submitted_at=_at(report.date, 3),
            reviewed_at=_at(report.date, 6) if reviewed else None,
        )
    figures.refresh(last_numbers)
    return counts
