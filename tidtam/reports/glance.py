"""A project at a glance, above the form's sections on the project page: its progress and
status, the budget disbursed of received, where it stands in the current reporting round, its
latest report's review, and the one thing this user should do next."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tidtam.lib.money import round_half_up
from tidtam.orgs import access
from tidtam.orgs.models import User
from tidtam.projects.models import Project
from tidtam.reports import review
from tidtam.reports.models import ProgressReport, ReviewStatus
from tidtam.rounds import rules
from tidtam.rounds.models import ReportingRound
from tidtam.rounds.services import current_round, takes_reports


@dataclass
class NextAction:
    label: str
    url: str
    report: ProgressReport | None = None  # a report to submit with a button on the page


@dataclass
class RoundState:
    round: ReportingRound
    state: str  # rules.ON_TIME, LATE, MISSING, NOT_DUE or IMPORTED
    report: ProgressReport | None  # the report filed (or drafted) for the round

    @property
    def label(self) -> str:
        return str(ROUND_STATES[self.state])


ROUND_STATES = {
    rules.ON_TIME: gettext_lazy("filed on time"),
    rules.LATE: gettext_lazy("filed late"),
    rules.MISSING: gettext_lazy("missing"),
    rules.NOT_DUE: gettext_lazy("not due yet"),
    rules.IMPORTED: gettext_lazy("filed in the old system"),
}


@dataclass
class Glance:
    progress: Decimal | None
    latest: ProgressReport | None
    budget_received: Decimal
    budget_used: Decimal
    round: RoundState | None
    action: NextAction | None

    @property
    def used_percent(self) -> Decimal | None:
        if not self.budget_received:
            return None
        return round_half_up(self.budget_used * 100 / self.budget_received)


def glance(user: User, project: Project, reports: list[ProgressReport], today: dt.date) -> Glance:
    """``reports``: the project's reports in the order of their numbers (the page has them)."""
    latest = reports[-1] if reports else None
    current = _round_state(project, reports, today)
    return Glance(
        progress=project.figures.latest_progress,
        latest=latest,
        budget_received=project.budget_received,
        budget_used=project.budget_used,
        round=current,
        action=next_action(user, project, reports, current, today),
    )


def _round_state(
    project: Project, reports: list[ProgressReport], today: dt.date
) -> RoundState | None:
    def in_(round_: ReportingRound) -> list[ProgressReport]:
        return [r for r in reports if round_.period_start <= r.date <= round_.period_end]

    def filed_in(round_: ReportingRound) -> bool:
        return any(r.first_submitted_at or r.imported for r in in_(round_))

    round_ = current_round(project, today, reported=filed_in)
    if round_ is None:
        return None
    in_round = in_(round_)
    filed = [r for r in in_round if r.first_submitted_at or r.imported]
    first = filed[0] if filed else None
    state = rules.timeliness(
        due_date=round_.due_date,
        filed_on=first.first_submitted_at.date() if first and first.first_submitted_at else None,
        today=today,
        imported=bool(first and first.imported),
    )
    return RoundState(
        round=round_, state=state, report=first or (in_round[0] if in_round else None)
    )


def next_action(
    user: User,
    project: Project,
    reports: list[ProgressReport],
    current: RoundState | None,
    today: dt.date,
) -> NextAction | None:
    """The one next step for this user on this project, or none."""
    if review.can_submit(user, project):
        pending = [r for r in reports if r.is_editable]
        if pending:
            report = pending[0]
            url = reverse("reports:detail", kwargs={"code": project.code, "number": report.number})
            if report.status == ReviewStatus.RETURNED:
                label = _("Fix and resubmit report %(number)s") % {"number": report.number}
                return NextAction(label, url)
            label = _("Submit report %(number)s") % {"number": report.number}
            return NextAction(label, url, report=report)
        if _round_to_file(user, project, reports, current, today):
            # the project page opens its form for a new report
            return NextAction(_("File the report for this round"), "?report=new#new-report")
    if access.coordinates_agency(user, project.agency_id):
        waiting = [r for r in reports if r.status == ReviewStatus.SUBMITTED]
        if waiting:
            report = waiting[0]
            url = reverse("reports:detail", kwargs={"code": project.code, "number": report.number})
            return NextAction(_("Review report %(number)s") % {"number": report.number}, url)
    return None


def _round_to_file(
    user: User,
    project: Project,
    reports: list[ProgressReport],
    current: RoundState | None,
    today: dt.date,
) -> bool:
    """The round has no report of the project yet, the project is not complete, and the round
    still takes reports (not locked, or reopened for the project)."""
    if current is None or current.report is not None:
        return False
    if reports and reports[-1].progress_percent >= 100:
        return False
    return takes_reports(current.round, project=project, actor=user, today=today)
