"""Writes of progress reports: numbered without gaps, validated, audited."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tidtam.core import audit, concurrency
from tidtam.lib.richtext import sanitize
from tidtam.orgs import access
from tidtam.orgs.models import User
from tidtam.projects.models import Project
from tidtam.reports import figures
from tidtam.reports.actions import REPORT_CHANGED, REPORT_CREATED, REPORT_IMPORTED
from tidtam.reports.models import ProgressReport, ReviewStatus
from tidtam.reports.rules import report_errors
from tidtam.rounds.services import check_round_open
from tidtam.workplans.services import plan_freeze

AUDITED = [
    "number",
    "date",
    "narrative",
    "progress_percent",
    "budget_disbursed",
    "plan_status",
    "target_status",
    "delay_category",
    "delay_note",
]


def _lock_project(actor: User, project: Project, importing: bool) -> Project:
    project = (
        Project.objects.select_for_update().select_related("responsible_unit").get(pk=project.pk)
    )
    if not access.can_write_unit(actor, project.responsible_unit, importing=importing):
        raise ValidationError(_("You may not change this project's reports."))
    return project


def _check_editable(report: ProgressReport) -> None:
    if report.status == ReviewStatus.ACCEPTED:
        raise ValidationError(
            _(
                "Report %(number)s has been accepted and is read-only. "
                "Only the coordinator of the agency can accept or return reports; "
                "file a new report instead."
            )
            % {"number": report.number}
        )
    if report.status == ReviewStatus.SUBMITTED:
        raise ValidationError(
            _(
                "Report %(number)s has been submitted and waits for review. "
                "It can be changed again only after the coordinator of the agency returns it."
            )
            % {"number": report.number}
        )


def _neighbours(
    project: Project, report: ProgressReport
) -> tuple[ProgressReport | None, ProgressReport | None]:
    """The reports before and after this one."""
    siblings = project.reports.exclude(pk=report.pk)
    return (
        siblings.filter(number__lt=report.number).order_by("-number").first(),
        siblings.filter(number__gt=report.number).order_by("number").first(),
    )


def _validate(
    project: Project,
    report: ProgressReport,
    previous: ProgressReport | None,
    following: ProgressReport | None,
) -> None:
    errors = report_errors(
        project=project,
        date=report.date,
        progress_percent=report.progress_percent,
        budget_disbursed=report.budget_disbursed,
        previous=previous,
        following=following,
    )
    if not sanitize(report.narrative):
        errors.setdefault("narrative", []).append(_("Describe the progress of this round."))
    if errors:
        raise ValidationError(errors)
    # The table's check constraints (progress 0-100, amount not negative, number from 1) are
    # the rules above and the numbering, and the database keeps them: checking them here again
    # would cost a query and two savepoints each.
    report.full_clean(exclude=["project", "created_by"], validate_constraints=False)


@transaction.atomic
def report_add(
    *,
    actor: User,
    project: Project,
    date: dt.date,
    narrative: str,
    progress_percent: Decimal,
    budget_disbursed: Decimal,
    plan_status: str,
    target_status: str,
    delay_category: str = "",
    delay_note: str = "",
    importing: bool = False,
) -> ProgressReport:
    """Write the next numbered report of a project, as a draft. A report imported from the old
    system's printout was followed up there: it arrives accepted by the importing coordinator
    and marked as imported."""
    project = _lock_project(actor, project, importing)
    check_round_open(actor=actor, project=project, date=date)
    last = project.reports.order_by("-number").first()
    report = ProgressReport(
        project=project,
        number=(last.number + 1) if last else 1,
        date=date,
        narrative=sanitize(narrative),
        progress_percent=progress_percent,
        budget_disbursed=budget_disbursed,
        plan_status=plan_status,
        target_status=target_status,
        delay_category=delay_category,
        delay_note=delay_note.strip(),
        status=ReviewStatus.ACCEPTED if importing else ReviewStatus.DRAFT,
        imported=importing,
        reviewed_by=actor if importing else None,
        reviewed_at=timezone.now() if importing else None,
        created_by=actor,
    )
    _validate(project, report, previous=last, following=None)
    report.save()
    figures.refresh([project.pk])
    audit.record_changes(
        action=REPORT_IMPORTED if importing else REPORT_CREATED,
        actor=actor,
        target=report,
        before={},
        fields=AUDITED,
        unit=project.responsible_unit,
        subject=project,
    )
    if importing:  # it arrives accepted
        plan_freeze(actor=actor, project=project)
    return report


@transaction.atomic
def report_update(
    *,
    actor: User,
    report: ProgressReport,
    version: int | None = None,
    importing: bool = False,
    **changes,
) -> ProgressReport:
    """Change a draft or returned report. A later printout of the old system may also correct
    a report that an earlier printout brought in; the change lands in the history.
    ``version``: the version the editor's form was loaded from; a save over a later one is
    refused."""
    project = _lock_project(actor, report.project, importing)
    report = ProgressReport.objects.get(pk=report.pk)
    concurrency.check(report, version)
    if not (importing and report.imported):
        _check_editable(report)
    before = audit.snapshot(report, AUDITED)
    unknown = set(changes) - set(AUDITED[1:])
    if unknown:
        raise TypeError(f"not a report field: {sorted(unknown)}")
    if "narrative" in changes:
        changes["narrative"] = sanitize(changes["narrative"])
    for name, value in changes.items():
        setattr(report, name, value)
    _validate(project, report, *_neighbours(project, report))
    report.save()
    figures.refresh([project.pk])
    concurrency.record_edit(
        action=REPORT_CHANGED,
        actor=actor,
        target=report,
        before=before,
        fields=AUDITED,
        unit=project.responsible_unit,
        subject=project,
    )
    return report
