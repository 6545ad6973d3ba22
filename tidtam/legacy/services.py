"""Import a parsed printout: units, plan nodes, the project and its reports, in one transaction.

The project and its reports are written through ``project_create``/``project_update`` and
``report_add``/``report_update``, so every change lands in the project's history like a change
made on screen. Only what differs is written: importing the same printout again changes
nothing. A dry run does all the work, collects the audit entries it would leave, and rolls back.
"""

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tidtam.core import audit
from tidtam.core.models import AuditEntry
from tidtam.legacy.actions import (
    KPI_CREATED,
    PLAN_NODE_CREATED,
    PRINTOUT_IMPORTED,
    UNIT_CREATED,
    USER_CREATED,
)
from tidtam.legacy.models import LegacyImport
from tidtam.legacy.parser import ParsedPrintout
from tidtam.lib.richtext import sanitize
from tidtam.orgs import access
from tidtam.orgs.models import Unit, User
from tidtam.plans.models import KPI, PlanNode, normalize_code
from tidtam.projects import services as projects
from tidtam.projects.models import PlanStatus, Project
from tidtam.reports import services as reports
from tidtam.reports.models import TargetStatus

CITY_NAME = "กรุงเทพมหานคร"
IMPORTABLE_CODE_RE = re.compile(r"^\d{8}-\d{1,9}$")  # the running number fits an integer
PLAN_LEVELS = ("strategy", "sub_strategy", "target")
PLAN_TITLE = "แผนพัฒนากรุงเทพมหานคร ระยะ 20 ปี"
REPORT_FIELDS = [
    "date",
    "narrative",
    "progress_percent",
    "budget_disbursed",
    "plan_status",
    "target_status",
]


@dataclass
class ImportOutcome:
    code: str
    created: bool = False
    dry_run: bool = False
    entries: list[dict[str, Any]] = field(default_factory=list)  # audit entries left behind
    notes: list[str] = field(default_factory=list)
    import_id: int | None = None  # the stored source, when something changed

    @property
    def changed(self) -> bool:
        return bool(self.entries)


def import_printout(
    *,
    actor: User,
    parsed: ParsedPrintout,
    source_name: str,
    dry_run: bool = False,
    accept_partial: bool = False,
) -> ImportOutcome:
    """Bring one printout into tidtam; raises ``ValidationError`` (nothing written) if it
    cannot be imported. A printout read only in part (``parsed.partial``) is imported only
    with ``accept_partial``: the person importing has seen what will be missing."""
    data = parsed.to_dict()
    if parsed.partial and not accept_partial:
        raise ValidationError(
            _("Only part of this printout could be read: it is imported only once you have "
              "confirmed what will be missing.")
        )  # fmt: skip
    _require_importable(actor, data, partial=parsed.partial)
    outcome = ImportOutcome(code=data["project"]["code"], dry_run=dry_run)
    with transaction.atomic():
        last = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        project = _import(actor, data, outcome)
        entries = list(AuditEntry.objects.filter(id__gt=last, actor=actor).order_by("id"))
        if entries:
            entries.append(_keep_source(actor, project, parsed, source_name, outcome))
        outcome.entries = [
            {
                "action": e.action,
                "target": e.target_label,
                "target_type": e.target_type,
                "changes": e.field_changes,
            }
            for e in entries
        ]
        if dry_run:
            transaction.set_rollback(True)
            outcome.import_id = None
    return outcome


def _keep_source(actor, project, parsed: ParsedPrintout, name: str, outcome) -> AuditEntry:
    source = "\n".join(parsed.lines)
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    stored = LegacyImport.objects.create(
        project=project, actor=actor, file_name=name[-255:], sha256=digest, source=source
    )
    outcome.import_id = stored.pk
    changes = {"file": [None, name], "sha256": [None, digest], "import": [None, stored.pk]}
    if parsed.partial:  # what the person importing accepted to leave out
        changes["partial"] = [None, parsed.missing_lines]
    return audit.record(
        action=PRINTOUT_IMPORTED,
        actor=actor,
        target=project,
        unit=project.responsible_unit,
        subject=project,
        changes=changes,
    )


def _require_importable(actor: User, data: dict[str, Any], *, partial: bool) -> None:
    project, problems = data["project"], []
    if not IMPORTABLE_CODE_RE.match(project["code"] or ""):
        problems.append(_("The project code is missing or not of the form 50310000-2961."))
    problems += _too_long(project)
    for name, label in (
        ("name", _("project name")),
        ("fiscal_year", _("fiscal year")),
        ("start_date", _("start date")),
        ("end_date", _("end date")),
    ):
        if not project[name]:
            problems.append(_("The printout has no %(field)s.") % {"field": label})
    if not project["unit_path"]:
        problems.append(_("The printout has no responsible unit."))
    numbers = [r["number"] for r in data["reports"]]
    if partial:  # the reports left out leave gaps
        if numbers != sorted(set(numbers)):
            problems.append(_("The reports are not numbered in order."))
    elif numbers != list(range(1, len(numbers) + 1)):
        problems.append(_("The reports are not numbered 1, 2, 3 … without gaps."))
    for report in data["reports"]:
        missing = [k for k in ("date", "progress_percent", "budget_disbursed") if not report[k]]
        missing += [k for k in ("plan_status", "target_status") if not report[k]]
        if missing:
            problems.append(
                _("Report %(number)s lacks: %(fields)s.")
                % {"number": report["number"], "fields": ", ".join(missing)}
            )
    problems += _not_theirs(actor, project["code"] or "")
    if problems:
        raise ValidationError(problems)


def _not_theirs(actor: User, code: str) -> list[str]:
    """Admins import any printout; a coordinator those of the agencies they follow."""
    if access.is_admin(actor):
        return []
    agency = Unit.objects.filter(agency_code=code.split("-")[0], kind=Unit.Kind.AGENCY).first()
    if agency is None:
        return [
            _("Agency %(code)s is not in tidtam yet: an administrator imports its first "
              "printout, which also sets up the agency.")
            % {"code": code.split("-")[0]}
        ]  # fmt: skip
    if not access.can_import_into(actor, agency):
        return [
            _("This printout belongs to %(agency)s, which you do not follow. Its coordinators "
              "or an administrator can import it.")
            % {"agency": agency.name}
        ]  # fmt: skip
    return []


def _too_long(project: dict[str, Any]) -> list[str]:
    """Lengths the database would refuse (PostgreSQL does; SQLite would not say)."""
    plan = project["plan_alignment"]
    values = [
        (_("responsible unit"), max((len(n) for n in project["unit_path"]), default=0), 200),
        (_("coordinator"), len(project["coordinator"]), 200),
        (_("KPI"), len(plan["kpi"]), 1000),
    ]
    values += [(_("plan code"), len(plan[k]["code"]), 40) for k in PLAN_LEVELS]
    values += [(_("plan title"), len(plan[k]["title"]), 500) for k in PLAN_LEVELS]
    return [
        _("The %(field)s is longer than %(limit)s characters.") % {"field": name, "limit": limit}
        for name, length, limit in values
        if length > limit
    ]


def _import(actor: User, data: dict[str, Any], outcome: ImportOutcome) -> Project:
    printed = data["project"]
    agency_code = printed["code"].split("-", 1)[0]
    unit = _units(actor, agency_code, printed["unit_path"], outcome)
    target, kpi = _plan(actor, printed["plan_alignment"], printed["fiscal_year"], outcome)
    wanted = {
        "name": printed["name"],
        "fiscal_year": printed["fiscal_year"],
        "start_date": dt.date.fromisoformat(printed["start_date"]),
        "end_date": dt.date.fromisoformat(printed["end_date"]),
        "budget_received": Decimal(printed["budget_received"] or "0.00"),
        "responsible_unit": unit,
        "responsible_person": printed["responsible"],
        "coordinator": _coordinator(actor, printed["coordinator"]),
        "rationale": sanitize(printed["rationale"]),
        "objectives": sanitize(printed["objectives"]),
        "targets": sanitize(printed["targets"]),
        "plan_targets": [target] if target else [],
        "kpis": [kpi] if kpi else [],
    }
    project = Project.objects.filter(code=printed["code"]).first()
    if project is None:
        project = projects.project_create(
            actor=actor, code=printed["code"], importing=True, **wanted
        )
        outcome.created = True
    else:
        changes = _project_changes(project, wanted)
        if changes:
            project = projects.project_update(
                actor=actor, project=project, importing=True, **changes
            )
    _reports(actor, project, data["reports"], outcome)
    return project


def _units(actor: User, agency_code: str, path: list[str], outcome: ImportOutcome) -> Unit:
    agency = Unit.objects.filter(agency_code=agency_code).first()
    if agency is None:
        city = Unit.objects.filter(kind=Unit.Kind.CITY, parent=None).first()
        if city is None:
            city = _create_unit(actor, Unit.Kind.CITY, CITY_NAME, None)
        agency = _create_unit(actor, Unit.Kind.AGENCY, path[0], city, agency_code)
    elif agency.name != path[0]:
        outcome.notes.append(
            _("The agency %(code)s is called “%(name)s” in tidtam and “%(printed)s” in the "
              "printout; the name in tidtam is kept.")
            % {"code": agency_code, "name": agency.name, "printed": path[0]}
        )  # fmt: skip
    unit = agency
    for depth, name in enumerate(_distinct(path[1:])):
        kind = Unit.Kind.DIVISION if depth == 0 else Unit.Kind.SECTION
        found = Unit.objects.filter(parent=unit, name=name).first()
        unit = found or _create_unit(actor, kind, name, unit)
    return unit


def _distinct(names: list[str]) -> list[str]:
    """The old system printed a division twice when the project had no section."""
    kept: list[str] = []
    for name in names:
        if not kept or kept[-1] != name:
            kept.append(name)
    return kept


def _create_unit(actor, kind, name: str, parent: Unit | None, code: str = "") -> Unit:
    unit = Unit(kind=kind, name=name, parent=parent, agency_code=code)
    unit.full_clean()
    unit.save()
    audit.record(
        action=UNIT_CREATED,
        actor=actor,
        target=unit,
        unit=unit,
        changes=audit.differences({}, {"kind": kind, "name": name, "agency_code": code}),
    )
    return unit


def _plan(actor, alignment: dict[str, Any], fiscal_year: int, outcome: ImportOutcome):
    node = PlanNode.objects.filter(kind=PlanNode.Kind.PLAN, parent=None).order_by("id").first()
    if node is None:
        node = _create_node(actor, PlanNode.Kind.PLAN, None, "", PLAN_TITLE)
    for kind in PLAN_LEVELS:
        code, title = alignment[kind]["code"], alignment[kind]["title"]
        if not code:
            return None, None
        found = PlanNode.objects.filter(parent=node, code_key=normalize_code(code)).first()
        if found and title and found.title != title:
            outcome.notes.append(
                _("Plan %(code)s is titled “%(title)s” in tidtam; the printout's “%(printed)s” "
                  "is not applied.")
                % {"code": found.code, "title": found.title, "printed": title}
            )  # fmt: skip
        node = found or _create_node(actor, kind, node, code, title or code)
    if not alignment["kpi"]:
        return node, None
    kpi = KPI.objects.filter(target=node, fiscal_year=fiscal_year, title=alignment["kpi"]).first()
    if kpi is None:
        kpi = KPI.objects.create(target=node, fiscal_year=fiscal_year, title=alignment["kpi"])
        audit.record(
            action=KPI_CREATED,
            actor=actor,
            target=kpi,
            changes=audit.differences({}, {"fiscal_year": fiscal_year, "title": kpi.title}),
        )
    return node, kpi


def _create_node(actor, kind, parent, code: str, title: str) -> PlanNode:
    node = PlanNode.objects.create(kind=kind, parent=parent, code=code, title=title)
    audit.record(
        action=PLAN_NODE_CREATED,
        actor=actor,
        target=node,
        changes=audit.differences({}, {"kind": kind, "code": code, "title": node.title}),
    )
    return node


def _coordinator(actor: User, name: str) -> User | None:
    """The coordinator by full name; someone not yet in tidtam gets an inactive account that
    cannot log in, so the name is not lost and an admin can merge or activate it later."""
    if not name:
        return None
    user = User.objects.filter(full_name=name).order_by("id").first()
    if user is None:
        digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]
        user = User(username=f"legacy-{digest}", full_name=name, is_active=False)
        user.set_unusable_password()
        user.save()
        audit.record(
            action=USER_CREATED,
            actor=actor,
            target=user,
            changes=audit.differences({}, {"full_name": name, "is_active": False}),
        )
    return user


def _project_changes(project: Project, wanted: dict[str, Any]) -> dict[str, Any]:
    changes = {}
    for name, value in wanted.items():
        if name in projects.RELATIONS:
            current = set(getattr(project, name).values_list("pk", flat=True))
            if current != {item.pk for item in value}:
                changes[name] = value
        elif getattr(project, name) != value:
            changes[name] = value
    return changes


def _reports(actor, project: Project, printed: list[dict[str, Any]], outcome) -> None:
    existing = {r.number: r for r in project.reports.all()}
    after_gap = []  # a report left out of a partial parse and not in tidtam: those after it
    for item in printed:
        if item["number"] not in existing and item["number"] != max(existing, default=0) + 1:
            after_gap.append(item["number"])
            continue
        wanted = {
            "date": dt.date.fromisoformat(item["date"]),
            "narrative": sanitize(item["narrative"]),
            "progress_percent": Decimal(item["progress_percent"]),
            "budget_disbursed": Decimal(item["budget_disbursed"]),
            "plan_status": PlanStatus(item["plan_status"]),
            "target_status": TargetStatus(item["target_status"]),
        }
        report = existing.get(item["number"])
        if report is None:
            added = reports.report_add(actor=actor, project=project, importing=True, **wanted)
            existing[added.number] = added
            continue
        changes = {k: v for k, v in wanted.items() if getattr(report, k) != v}
        if changes:
            reports.report_update(actor=actor, report=report, importing=True, **changes)
    if after_gap:
        outcome.notes.append(
            _("Reports %(numbers)s are not imported: a report before them could not be read. "
              "Once it is in tidtam, import the printout again.")
            % {"numbers": ", ".join(str(n) for n in after_gap)}
        )  # fmt: skip
    extra = sorted(set(existing) - {item["number"] for item in printed})
    if extra:
        outcome.notes.append(
            _("Reports %(numbers)s are in tidtam but not in the printout; they are kept.")
            % {"numbers": ", ".join(str(n) for n in extra)}
        )
