"""The review of a progress report: draft → submitted → accepted, or → returned → submitted.

Who may do what:
- a reporter or approver of the project's unit submits (and resubmits a returned report);
- a coordinator of the project's agency (or an admin) accepts or returns a submitted report.
Every transition is audited as ``reports.report.<what happened>``.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tidtam.core import audit
from tidtam.core.actions import Action
from tidtam.orgs import access
from tidtam.orgs.models import User
from tidtam.projects.models import Project
from tidtam.reports import figures
from tidtam.reports.actions import (
    REPORT_ACCEPTED,
    REPORT_RESUBMITTED,
    REPORT_RETURNED,
    REPORT_SUBMITTED,
)
from tidtam.reports.models import ProgressReport, ReviewStatus
from tidtam.workplans.services import plan_freeze

S = ReviewStatus
# what each action needs the report to be in, and where it takes it
TRANSITIONS = {
    "submit": ({S.DRAFT, S.RETURNED}, S.SUBMITTED),
    "accept": ({S.SUBMITTED}, S.ACCEPTED),
    "return": ({S.SUBMITTED}, S.RETURNED),
}
REVIEW_FIELDS = ["status", "review_comment"]


def is_reviewer(user: User, project: Project) -> bool:
    """A coordinator of the project's agency, or an admin."""
    return access.coordinates_agency(user, project.agency_id)


def can_submit(user: User, project: Project) -> bool:
    return access.can_edit_unit(user, project.responsible_unit)


def allowed_actions(user: User, report: ProgressReport) -> list[str]:
    """The transitions this user may take on this report now (for showing buttons)."""
    actions = []
    if report.status in TRANSITIONS["submit"][0] and can_submit(user, report.project):
        actions.append("submit")
    if report.status == S.SUBMITTED and is_reviewer(user, report.project):
        actions += ["accept", "return"]
    return actions


def _refuse_state(action: str, report: ProgressReport) -> None:
    wanted, _target = TRANSITIONS[action]
    if report.status in wanted:
        return
    messages = {
        "submit": _(
            "Report %(number)s is %(status)s: only a draft or a returned report can be "
            "submitted. The coordinator of the agency decides on submitted reports."
        ),
        "accept": _(
            "Report %(number)s is %(status)s: only a submitted report can be accepted. "
            "The reporter or approver of the unit submits it first."
        ),
        "return": _(
            "Report %(number)s is %(status)s: only a submitted report can be returned. "
            "The reporter or approver of the unit submits it first."
        ),
    }
    raise ValidationError(
        messages[action] % {"number": report.number, "status": report.get_status_display()}
    )


def _refuse_earlier_drafts(report: ProgressReport) -> None:
    """Reports go for review in their order: not while an earlier one is still a draft."""
    drafts = list(
        report.project.reports.filter(number__lt=report.number, status=S.DRAFT)
        .order_by("number")
        .values_list("number", flat=True)
    )
    if drafts:
        raise ValidationError(
            ngettext(
                "Report %(numbers)s is still a draft: submit it before report %(number)s.",
                "Reports %(numbers)s are still drafts: submit them before report %(number)s.",
                len(drafts),
            )
            % {"numbers": ", ".join(str(n) for n in drafts), "number": report.number}
        )


def _locked(report: ProgressReport) -> ProgressReport:
    return (
        ProgressReport.objects.select_for_update()
        .select_related("project__responsible_unit", "project__agency")
        .get(pk=report.pk)
    )


def _record(action: Action, actor: User, report: ProgressReport, before: dict) -> None:
    audit.record(
        action=action,
        actor=actor,
        target=report,
        unit=report.project.responsible_unit,
        subject=report.project,
        changes=audit.differences(before, audit.snapshot(report, REVIEW_FIELDS)),
    )


@transaction.atomic
def report_submit(*, actor: User, report: ProgressReport) -> ProgressReport:
    """The reporter or approver sends the report for review; a returned one is resubmitted."""
    report = _locked(report)
    if not can_submit(actor, report.project):
        raise PermissionDenied(
            _("Only a reporter or approver of the project's unit can submit its reports.")
        )
    _refuse_state("submit", report)
    _refuse_earlier_drafts(report)
    if report.needs_delay_reason:
        errors = {}
        if not report.delay_category:
            errors["delay_category"] = [
                _("The report is behind plan or off target: choose the reason for the delay.")
            ]
        if not report.delay_note.strip():
            errors["delay_note"] = [
                _("The report is behind plan or off target: describe the delay.")
            ]
        if errors:
            raise ValidationError(errors)
    before = audit.snapshot(report, REVIEW_FIELDS)
    action = REPORT_RESUBMITTED if report.status == S.RETURNED else REPORT_SUBMITTED
    now = timezone.now()
    report.status = S.SUBMITTED
    report.submitted_at = now
    report.submitted_by = actor
    report.first_submitted_at = report.first_submitted_at or now
    report.save(
        update_fields=["status", "submitted_at", "submitted_by", "first_submitted_at", "updated_at"]
    )
    figures.refresh([report.project_id])
    _record(action, actor, report, before)
    return report


def _review(actor: User, report: ProgressReport, action: str, comment: str) -> ProgressReport:
    report = _locked(report)
    if not is_reviewer(actor, report.project):
        raise PermissionDenied(
            _("Only a coordinator of the project's agency can accept or return its reports.")
        )
    _refuse_state(action, report)
    if action == "return" and not comment:
        raise ValidationError(
            {"comment": [_("Say what the unit should fix before it submits again.")]}
        )
    before = audit.snapshot(report, REVIEW_FIELDS)
    report.status = TRANSITIONS[action][1]
    report.review_comment = comment
    report.reviewed_at = timezone.now()
    report.reviewed_by = actor
    report.save(
        update_fields=["status", "review_comment", "reviewed_at", "reviewed_by", "updated_at"]
    )
    figures.refresh([report.project_id])
    _record(REPORT_ACCEPTED if action == "accept" else REPORT_RETURNED, actor, report, before)
    if action == "accept":
        plan_freeze(actor=actor, project=report.project)
    return report


@transaction.atomic
def report_accept(*, actor: User, report: ProgressReport, comment: str = "") -> ProgressReport:
    """The coordinator accepts the report; from now on it is read-only."""
    return _review(actor, report, "accept", comment.strip())


@transaction.atomic
def report_return(*, actor: User, report: ProgressReport, comment: str) -> ProgressReport:
    """The coordinator returns the report to its unit with a comment saying what to fix."""
    return _review(actor, report, "return", comment.strip())
