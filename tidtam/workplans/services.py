"""Writes of operating plans: one transaction each, audited, stale edits refused."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tidtam.core import audit, concurrency, spreadsheets
from tidtam.orgs import access
from tidtam.orgs.models import User
from tidtam.projects.models import Project
from tidtam.workplans import rules
from tidtam.workplans.actions import (
    PLAN_APPROVED,
    PLAN_CHANGED,
    PLAN_CREATED,
    PLAN_FROZEN,
    PLAN_PROPOSED,
    TARGETS_SET,
    TOLERANCE_SET,
)
from tidtam.workplans.models import PlanMonth, QuarterTargets, Tolerance, WorkPlan

State = WorkPlan.State

# whether a project has an accepted report: the reports app (above, which workplans may not
# import) registers how it knows, at start-up (``reports.apps``)
_accepted_report_checks: list[Callable[[Project], bool]] = []


def register_accepted_report_check(check: Callable[[Project], bool]) -> None:
    if check not in _accepted_report_checks:
        _accepted_report_checks.append(check)


def has_accepted_report(project: Project) -> bool:
    return any(check(project) for check in _accepted_report_checks)


def _kept(rows) -> list[list[str]]:
    """The months as the audit log keeps them: [month, progress, disbursement, activities]."""
    return [
        [row.month.isoformat(), str(row.progress), str(row.disbursement), row.activities]
        for row in rows
    ]


def row_of(month: PlanMonth) -> rules.Row:
    return rules.Row(month.month, month.progress, month.disbursement, month.activities)


def rows_of(plan: WorkPlan | None) -> list[rules.Row]:
    return [] if plan is None else [row_of(month) for month in plan.months.all()]


def _write_months(plan: WorkPlan, rows: list[rules.Row]) -> None:
    """Put the rows on the plan's months: a month kept is updated, a new one added (a plan
    still open to change, or a new version; a month is never deleted)."""
    existing = {m.month: m for m in plan.months.all()}
    for row in rows:
        month = existing.get(row.month) or PlanMonth(plan=plan, month=row.month)
        month.progress, month.disbursement = row.progress, row.disbursement
        month.activities = row.activities.strip()
        month.save()


@transaction.atomic
def plan_save(
    *,
    actor: User,
    project: Project,
    rows: list[rules.Row],
    version: int | None = None,
    reason: str = "",
    source_file: str = "",
) -> WorkPlan:
    """Enter or change the project's plan. Until the first report is accepted the plan in force
    changes in place; after it, the change is a revision proposed with a reason, waiting for a
    coordinator's approval (``plan_approve``), the plan in force left as it is. A first plan
    entered when a report was already accepted is frozen at once.
    ``version``: the version of the plan the grid was loaded from; ``source_file``: the name of
    the uploaded file the rows come from (``sheets``), kept in the audit log."""
    project = (
        Project.objects.select_for_update().select_related("responsible_unit").get(pk=project.pk)
    )
    if not access.can_edit_unit(actor, project.responsible_unit):
        raise PermissionDenied(_("You may not change this project's plan."))
    errors = rules.plan_errors(
        rows, start=project.start_date, end=project.end_date, budget=project.budget_received
    )
    plans = {p.state: p for p in project.work_plans.exclude(state=State.SUPERSEDED)}
    in_force, proposed = plans.get(State.IN_FORCE), plans.get(State.PROPOSED)
    revising = in_force is not None and in_force.frozen_at is not None
    reason = reason.strip()
    if revising and not reason:
        errors["reason"] = [_("Say why the plan changes: a revision needs a reason.")]
    if errors:
        raise ValidationError(errors)
    target = proposed if revising else in_force
    if target is None:
        last = project.work_plans.order_by("-number").first()
        target = WorkPlan.objects.create(
            project=project,
            number=(last.number + 1) if last else 1,
            state=State.PROPOSED if revising else State.IN_FORCE,
            reason=reason,
            created_by=actor,
        )
        _write_months(target, rows)
        audit.record(
            action=PLAN_PROPOSED if revising else PLAN_CREATED,
            actor=actor,
            target=target,
            changes=_with_source(
                {"months": [None, _kept(rows)], "reason": [None, reason]}, source_file
            ),
            unit=project.responsible_unit,
            subject=project,
        )
        if not revising:
            _freeze_when_accepted(actor, project)
        return target
    target = WorkPlan.objects.select_for_update().get(pk=target.pk)
    concurrency.check(target, version)
    before = _kept(rows_of(target))
    _write_months(target, rows)
    changes = audit.differences({"months": before}, {"months": _kept(rows_of(target))})
    if target.reason != reason and revising:
        changes["reason"] = [target.reason, reason]
        target.reason = reason
        target.save(update_fields=["reason"])
    concurrency.record_save(
        action=PLAN_PROPOSED if revising else PLAN_CHANGED,
        actor=actor,
        target=target,
        changes=_with_source(changes, source_file) if changes else changes,
        unit=project.responsible_unit,
        subject=project,
    )
    if not revising:
        _freeze_when_accepted(actor, project)
    return target


def _with_source(changes: dict, source_file: str) -> dict:
    if source_file:
        changes[spreadsheets.SOURCE_FILE] = [None, source_file]
    return changes


def _freeze_when_accepted(actor: User, project: Project) -> None:
    """A plan in force that is not frozen while a report was already accepted (entered after
    the acceptance) is frozen at once, as the acceptance would have done."""
    if has_accepted_report(project):
        plan_freeze(actor=actor, project=project)


@transaction.atomic
def plan_approve(*, actor: User, plan: WorkPlan) -> WorkPlan:
    """A coordinator of the project's agency puts a proposed revision in force; the plan it
    replaces stays, superseded."""
    plan = WorkPlan.objects.select_for_update().select_related("project").get(pk=plan.pk)
    project = plan.project
    if not access.coordinates_agency(actor, project.agency_id):
        raise PermissionDenied(_("Only a coordinator of the project's agency approves a revision."))
    if plan.state != State.PROPOSED:
        raise ValidationError(_("This version of the plan is not waiting for approval."))
    now = timezone.now()
    project.work_plans.filter(state=State.IN_FORCE).update(state=State.SUPERSEDED)
    plan.state, plan.approved_by, plan.approved_at, plan.frozen_at = State.IN_FORCE, actor, now, now
    plan.save(update_fields=["state", "approved_by", "approved_at", "frozen_at"])
    audit.record(
        action=PLAN_APPROVED,
        actor=actor,
        target=plan,
        changes={"state": [State.PROPOSED.value, State.IN_FORCE.value]},
        unit=project.responsible_unit,
        subject=project,
    )
    return plan


def plan_freeze(*, actor: User, project: Project) -> None:
    """The project's first report was accepted: its plan in force is frozen from now on (called
    by the report's acceptance, inside its transaction)."""
    plan = project.work_plans.filter(state=State.IN_FORCE, frozen_at__isnull=True).first()
    if plan is None:
        return
    plan.frozen_at = timezone.now()
    plan.save(update_fields=["frozen_at"])
    audit.record(
        action=PLAN_FROZEN,
        actor=actor,
        target=plan,
        changes={"frozen_at": [None, audit.json_value(plan.frozen_at.date())]},
        unit=project.responsible_unit,
        subject=project,
    )


@transaction.atomic
def tolerance_set(*, actor: User, fiscal_year: int, points) -> Tolerance:
    """An admin sets how far from the plan a report may lie and still be on plan in a year."""
    if not access.is_admin(actor):
        raise PermissionDenied(_("Only an administrator sets the tolerance."))
    found = Tolerance.objects.select_for_update().filter(fiscal_year=fiscal_year).first()
    before = {} if found is None else audit.snapshot(found, ["fiscal_year", "points"])
    tolerance = found or Tolerance(fiscal_year=fiscal_year)
    tolerance.points = points
    tolerance.full_clean()
    tolerance.save()
    audit.record_changes(
        action=TOLERANCE_SET,
        actor=actor,
        target=tolerance,
        before=before,
        fields=["fiscal_year", "points"],
    )
    return tolerance


TARGET_FIELDS = ["fiscal_year", "q1", "q2", "q3", "q4"]


@transaction.atomic
def targets_set(*, actor: User, fiscal_year: int, rates) -> QuarterTargets:
    """An admin sets the city's cumulative disbursement targets (%) of a year's four
    quarters."""
    if not access.is_admin(actor):
        raise PermissionDenied(_("Only an administrator sets the disbursement targets."))
    found = QuarterTargets.objects.select_for_update().filter(fiscal_year=fiscal_year).first()
    before = {} if found is None else audit.snapshot(found, TARGET_FIELDS)
    targets = found or QuarterTargets(fiscal_year=fiscal_year)
    targets.q1, targets.q2, targets.q3, targets.q4 = rates
    targets.full_clean()
    targets.save()
    audit.record_changes(
        action=TARGETS_SET, actor=actor, target=targets, before=before, fields=TARGET_FIELDS
    )
    return targets
