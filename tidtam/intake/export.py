"""The setup spreadsheets out: empty templates, and the city's units, people, plan and
projects in the same columns, so that an export imports into another tidtam as it was.

A unit without a code of its own is written with one made from its parent's
(``50310000.1``, ``50310000.1.2``); importing the export back gives it that code."""

from collections import defaultdict

from tidtam.core import spreadsheets
from tidtam.intake.columns import (
    BY_KEY,
    KINDS,
    KPIS,
    PEOPLE,
    PLAN,
    PROJECTS,
    UNITS,
    SheetKind,
    choice_label,
)
from tidtam.lib.thai import format_date_short
from tidtam.orgs.models import Membership, Unit, User
from tidtam.plans.models import KPI, PlanNode
from tidtam.projects.models import Project

XLSX, CSV = spreadsheets.XLSX, spreadsheets.CSV


def template(kind: str | None, fmt: str) -> tuple[str, str, bytes]:
    """An empty template: every sheet in one workbook, or one kind as XLSX or CSV."""
    kinds = KINDS if kind is None else (BY_KEY[kind],)
    name = "tidtam-setup" if kind is None else f"tidtam-{kind}"
    if fmt == "csv":
        return f"{name}.csv", CSV, _csv(kinds[0], [])
    return f"{name}.xlsx", XLSX, _workbook({k: [] for k in kinds})


def export(fiscal_year: int | None = None, fmt: str = "xlsx", kind: str | None = None):
    """The city's setup (and its projects of one fiscal year, or all) in the templates'
    columns: ``(filename, content_type, bytes)``."""
    tables = export_tables(fiscal_year)
    suffix = f"-{fiscal_year}" if fiscal_year else ""
    if fmt == "csv":
        kind = kind or PROJECTS.key
        return f"tidtam-{kind}{suffix}.csv", CSV, _csv(BY_KEY[kind], tables[BY_KEY[kind]])
    return f"tidtam-setup{suffix}.xlsx", XLSX, _workbook(tables)


def export_tables(fiscal_year: int | None = None) -> dict[SheetKind, list[list]]:
    keys = unit_keys()
    return {
        UNITS: _units(keys),
        PEOPLE: _people(keys),
        PLAN: _plan(),
        KPIS: _kpis(),
        PROJECTS: _projects(keys, fiscal_year),
    }


def unit_keys() -> dict[int, str]:
    """Each unit's code as the export writes it (its own, or one made from its parent's)."""
    units = list(Unit.objects.order_by("path"))
    children = defaultdict(list)
    for unit in units:
        children[unit.parent_id].append(unit)
    keys: dict[int, str] = {}
    taken = {unit.key for unit in units if unit.key}

    def visit(parent_key: str, unit: Unit, index: int) -> None:
        key = unit.key
        if not key:
            key = f"{parent_key or 'U'}.{index}"
            while key in taken:
                key += "x"
            taken.add(key)
        keys[unit.pk] = key
        for number, child in enumerate(sorted(children[unit.pk], key=lambda u: u.pk), 1):
            visit(key, child, number)

    for number, root in enumerate(sorted(children[None], key=lambda u: u.pk), 1):
        visit("", root, number)
    return keys


def _units(keys: dict[int, str]) -> list[list]:
    return [
        [keys[u.pk], u.name, choice_label("units", "kind", u.kind), keys.get(u.parent_id, "")]
        for u in Unit.objects.order_by("path")
    ]


def _people(keys: dict[int, str]) -> list[list]:
    rows = []
    memberships = Membership.objects.select_related("user").order_by("user__username", "pk")
    for m in memberships:
        user: User = m.user
        role = choice_label("people", "role", m.role)
        rows.append(
            [user.username, user.full_name, user.email, user.position, keys[m.unit_id], role]
        )
    return rows


def _plan() -> list[list]:
    nodes = {node.pk: node for node in PlanNode.objects.all()}
    order = [
        PlanNode.Kind.PLAN,
        PlanNode.Kind.STRATEGY,
        PlanNode.Kind.SUB_STRATEGY,
        PlanNode.Kind.TARGET,
    ]
    rows = []
    for node in sorted(nodes.values(), key=lambda n: (order.index(n.kind), n.code_key, n.pk)):
        parent = nodes.get(node.parent_id)
        rows.append(
            [
                choice_label("plan", "kind", node.kind),
                node.code,
                node.title,
                parent.code if parent else "",
            ]
        )
    return rows


def _kpis() -> list[list]:
    return [
        [kpi.target.code, kpi.fiscal_year, kpi.title]
        for kpi in KPI.objects.select_related("target").order_by(
            "target__code_key", "fiscal_year", "id"
        )
    ]


def _projects(keys: dict[int, str], fiscal_year: int | None) -> list[list]:
    projects = Project.objects.select_related("coordinator").prefetch_related(
        "plan_targets", "kpis"
    )
    if fiscal_year:
        projects = projects.filter(fiscal_year=fiscal_year)
    rows = []
    for p in projects.order_by("fiscal_year", "code"):
        rows.append(
            [
                p.code,
                p.fiscal_year,
                p.name,
                keys[p.responsible_unit_id],
                p.budget_received,
                format_date_short(p.start_date),
                format_date_short(p.end_date),
                p.responsible_person,
                p.coordinator.username if p.coordinator else "",
                ", ".join(sorted(node.code for node in p.plan_targets.all())),
                "\n".join(sorted(kpi.title for kpi in p.kpis.all())),
                p.rationale,
                p.objectives,
                p.targets,
            ]
        )
    return rows


def _workbook(tables: dict[SheetKind, list[list]]) -> bytes:
    return spreadsheets.xlsx(
        [
            spreadsheets.SheetOut(
                kind.title, [kind.headers], rows, [column.width for column in kind.columns]
            )
            for kind, rows in tables.items()
        ]
    )


def _csv(kind: SheetKind, rows: list[list]) -> bytes:
    return spreadsheets.csv_bytes([kind.headers], rows)
