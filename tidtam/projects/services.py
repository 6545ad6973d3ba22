"""Writes of projects: each validates, saves in one transaction and records the change."""

import datetime as dt
from dataclasses import dataclass, field
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
from tidtam.projects import strategies
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


class _Numbers:
    """Running numbers of the agencies a write registers projects in: each agency's row locked
    (serialising numbering) and its last number read once, then counted on."""

    def __init__(self):
        self.last: dict[int, int] = {}

    def _last(self, agency: Unit) -> int:
        if agency.pk not in self.last:
            Unit.objects.select_for_update().filter(pk=agency.pk).first()
            last = Project.objects.filter(agency=agency).aggregate(last=Max("running_number"))
            self.last[agency.pk] = last["last"] or 0
        return self.last[agency.pk]

    def next(self, agency: Unit) -> int:
        self.last[agency.pk] = self._last(agency) + 1
        return self.last[agency.pk]

    def kept(self, agency: Unit, number: int) -> int:
        self.last[agency.pk] = max(self._last(agency), number)
        return number


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


@dataclass
class NewProject:
    """What registering a project takes (``project_create``'s keyword arguments)."""

    name: str
    fiscal_year: int
    start_date: dt.date
    end_date: dt.date
    budget_received: Decimal
    responsible_unit: Unit
    responsible_person: str
    coordinator: User | None = None
    rationale: str = ""
    objectives: str = ""
    targets: str = ""
    plan_targets: list[PlanNode] = field(default_factory=list)
    kpis: list[KPI] = field(default_factory=list)
    code: str | None = None


class RowRefused(Exception):
    """``project_create_all`` refused the new project at ``index``, for ``error``."""

    def __init__(self, index: int, error: ValidationError):
        super().__init__(index, error)
        self.index, self.error = index, error


@transaction.atomic
def project_create(*, actor: User, importing: bool = False, **fields) -> Project:
    """Register a project (the fields of ``NewProject``). Its code is the agency code and the
    next running number, unless a project of the old system is brought in with the code it
    had (``code``, its running number perhaps printed with leading zeros)."""
    new = NewProject(**fields)
    new.plan_targets, new.kpis = new.plan_targets or [], new.kpis or []
    try:
        return project_create_all(actor=actor, projects=[new], importing=importing)[0]
    except RowRefused as refused:
        raise refused.error from None


@transaction.atomic
def project_create_all(
    *, actor: User, projects: list[NewProject], importing: bool = False
) -> list[Project]:
    """Register many projects at once (a city's setup): each checked as ``project_create``
    checks one, all written in a few inserts, each with its own audit entry. ``RowRefused``
    names the first one refused; nothing is written then."""
    numbers, allowed = _Numbers(), {}
    built = []
    for index, new in enumerate(projects):
        try:
            built.append(_checked(actor, new, importing, numbers, allowed))
        except ValidationError as error:
            raise RowRefused(index, error) from None
    _check_unique(built)
    Project.objects.bulk_create(built)
    ProjectFigures.objects.bulk_create(ProjectFigures(project_id=p.pk) for p in built)
    for name in RELATIONS:
        through = getattr(Project, name).through
        links = {
            (project.pk, item.pk): through(project_id=project.pk, **{_link_field(name): item})
            for project, new in zip(built, projects, strict=True)
            for item in getattr(new, name)
        }
        through.objects.bulk_create(links.values())
    strategies.refresh(project.pk for project in built)  # bulk_create sends no m2m_changed
    audit.record_all(
        [
            audit.entry(
                action=PROJECT_CREATED,
                actor=actor,
                target=project,
                changes=audit.differences({}, _snapshot(project, new)),
                unit=project.responsible_unit,
                subject=project,
            )
            for project, new in zip(built, projects, strict=True)
        ]
    )
    return built


def _link_field(name: str) -> str:
    """The field of a relation's link table that names the linked row."""
    return getattr(Project, name).field.m2m_reverse_field_name()


def _checked(
    actor: User, new: NewProject, importing: bool, numbers: _Numbers, allowed: dict
) -> Project:
    """The new project, checked as its own form would be, before any write; unique codes
    are checked for all of them at once (``_check_unique``)."""
    unit = new.responsible_unit
    if unit.pk not in allowed:
        _check_unit(actor, unit, importing)
        allowed[unit.pk] = True
    agency = unit.agency
    if new.code is None:
        number = numbers.next(agency)
        code = f"{agency.agency_code}-{number}"
    else:
        code = new.code
        number = numbers.kept(agency, _kept_running_number(actor, agency, code, importing))
    project = Project(
        code=code,
        agency=agency,
        running_number=number,
        name=new.name,
        fiscal_year=new.fiscal_year,
        start_date=new.start_date,
        end_date=new.end_date,
        budget_received=new.budget_received,
        responsible_unit=unit,
        responsible_person=new.responsible_person,
        coordinator=new.coordinator,
        rationale=sanitize(new.rationale),
        objectives=sanitize(new.objectives),
        targets=sanitize(new.targets),
    )
    # the units and the coordinator are saved rows handed in (the database checks them
    # again); codes are checked together below; the check constraints (dates in order, budget
    # not negative) are what clean() and the field validators check, without a query
    saved = [
        name for name in ("agency", "responsible_unit", "coordinator") if _saved(project, name)
    ]
    project.full_clean(exclude=saved, validate_unique=False, validate_constraints=False)
    return project


def _saved(project: Project, name: str) -> bool:
    value = getattr(project, name)
    return value is not None and value.pk is not None


def _check_unique(built: list[Project]) -> None:
    """Each new code and running number unused and given once, as ``full_clean`` checks one
    project, with its messages: one query for all of them."""
    taken = set(Project.objects.filter(code__in=[p.code for p in built]).values_list("code"))
    used = set(
        Project.objects.filter(
            agency__in={p.agency_id for p in built},
            running_number__in={p.running_number for p in built},
        ).values_list("agency_id", "running_number")
    )
    for index, project in enumerate(built):
        number = (project.agency_id, project.running_number)
        if (project.code,) in taken:
            error = {"code": project.unique_error_message(Project, ["code"])}
        elif number in used:
            error = project.unique_error_message(Project, ["agency", "running_number"])
        else:
            taken.add((project.code,))
            used.add(number)
            continue
        raise RowRefused(index, ValidationError(error))


def _snapshot(project: Project, new: NewProject) -> dict:
    """What ``audit.snapshot`` reads of a new project, its links from what was handed in."""
    values = audit.snapshot(project, ["code", *FIELDS])
    for name in RELATIONS:
        linked = {item.pk: item for item in getattr(new, name)}.values()
        values[name] = sorted(str(item) for item in linked)
    return values


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
