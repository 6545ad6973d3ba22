"""Writes of projects: each validates, saves in one transaction and records the change."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from tidtam.core import audit, concurrency
from tidtam.lib.richtext import sanitize
from tidtam.orgs import access
from tidtam.orgs.models import Unit, User
from tidtam.plans.models import KPI, PlanNode
from tidtam.projects.actions import PROJECT_CHANGED, PROJECT_CREATED
from tidtam.projects.models import Project, ProjectFigures

FIELDS = [
    "name",
    "fiscal_year",
    "start_date",
    "end_date",
    "budget_received",
    "responsible_unit",
    "responsible_person",
    "coordinator",
    "rationale",
    "objectives",
    "targets",
]
RICH_TEXT = ["rationale", "objectives", "targets"]
RELATIONS = ["plan_targets", "kpis"]
AUDITED = ["code", *FIELDS, *RELATIONS]


def _check_unit(actor: User, unit: Unit, importing: bool = False) -> None:
    if not access.can_write_unit(actor, unit, importing=importing):
        raise ValidationError(
            {"responsible_unit": _("You may register projects only for your own unit.")}
        )
    if unit.agency is None:
        raise ValidationError(
            {"responsible_unit": _("Choose an agency or a unit inside an agency.")}
        )


def _check_reports_inside(project: Project) -> None:
    outside = project.reports.exclude(
        date__gte=project.start_date, date__lte=project.end_date
    ).values_list("number", flat=True)
    if outside:
        raise ValidationError(
            {
                "start_date": _("Reports %(numbers)s would fall outside the project's period.")
                % {"numbers": ", ".join(str(n) for n in outside)}
            }
        )


def _next_running_number(agency: Unit) -> int:
    Unit.objects.select_for_update().filter(pk=agency.pk).first()  # serialise numbering
    last = Project.objects.filter(agency=agency).aggregate(last=Max("running_number"))["last"]
    return (last or 0) + 1


def _kept_running_number(actor: User, agency: Unit, code: str, importing: bool) -> int:
    """The running number of a code brought in from the old system; only its import (or an
    admin) keeps a code, and only one of the agency's."""
    if not (importing or access.is_admin(actor)):
        raise ValidationError(_("The system assigns the project code."))
    prefix, _dash, digits = code.partition("-")
    if prefix != agency.agency_code or not digits.isascii() or not digits.isdigit():
        raise ValidationError(
            _("Project code %(code)s is not one of %(agency)s's codes (%(prefix)s-number).")
            % {"code": code, "agency": agency.name, "prefix": agency.agency_code}
        )
    return int(digits)


@transaction.atomic
def project_create(
    *,
    actor: User,
    name: str,
    fiscal_year: int,
    start_date: dt.date,
    end_date: dt.date,
    budget_received: Decimal,
    responsible_unit: Unit,
    responsible_person: str,
    coordinator: User | None = None,
    rationale: str = "",
    objectives: str = "",
    targets: str = "",
    plan_targets: list[PlanNode] | None = None,
    kpis: list[KPI] | None = None,
    code: str | None = None,
    importing: bool = False,
) -> Project:
    """Register a project. Its code is the agency code and the next running number, unless
    a project of the old system is brought in with the code it had (``code``, its running
    number perhaps printed with leading zeros)."""
    _check_unit(actor, responsible_unit, importing)
    agency = responsible_unit.agency
    if code is None:
        number = _next_running_number(agency)
        code = f"{agency.agency_code}-{number}"
    else:
        number = _kept_running_number(actor, agency, code, importing)
    project = Project(
        code=code,
        agency=agency,
        running_number=number,
        name=name,
        fiscal_year=fiscal_year,
        start_date=start_date,
        end_date=end_date,
        budget_received=budget_received,
        responsible_unit=responsible_unit,
        responsible_person=responsible_person,
        coordinator=coordinator,
        rationale=sanitize(rationale),
        objectives=sanitize(objectives),
        targets=sanitize(targets),
    )
    project.full_clean()
    project.save()
    ProjectFigures.objects.create(project_id=project.pk)
    project.plan_targets.set(plan_targets or [])
    project.kpis.set(kpis or [])
    audit.record_changes(
        action=PROJECT_CREATED,
        actor=actor,
        target=project,
        before={},
        fields=AUDITED,
        unit=responsible_unit,
        subject=project,
    )
    return project


@transaction.atomic
def project_update(
    *,
    actor: User,
    project: Project,
    version: int | None = None,
    importing: bool = False,
    **changes,
) -> Project:
    """Change fields of a project; only what really changed is recorded. ``version``: the
    version the editor's form was loaded from; a save over a later one is refused."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    concurrency.check(project, version)
    before = audit.snapshot(project, AUDITED)
    unknown = set(changes) - set(FIELDS) - set(RELATIONS)
    if unknown:
        raise TypeError(f"not a project field: {sorted(unknown)}")
    if not access.can_write_unit(actor, project.responsible_unit, importing=importing):
        raise ValidationError(_("You may not change this project."))
    unit = changes.get("responsible_unit", project.responsible_unit)
    if unit != project.responsible_unit:
        _check_unit(actor, unit, importing)
        if unit.agency != project.agency:
            raise ValidationError(
                {"responsible_unit": _("A project stays in the agency that registered it.")}
            )
    for name in FIELDS:
        if name in changes:
            value = changes[name]
            setattr(project, name, sanitize(value) if name in RICH_TEXT else value)
    project.full_clean()
    _check_reports_inside(project)
    project.save()
    for name in RELATIONS:
        if name in changes:
            getattr(project, name).set(changes[name])
    concurrency.record_edit(
        action=PROJECT_CHANGED,
        actor=actor,
        target=project,
        before=before,
        fields=AUDITED,
        unit=project.responsible_unit,
        subject=project,
    )
    return project
