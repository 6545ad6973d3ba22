"""Checking every row of the setup files against each other and the database, and working
out what an import would create and change (``Preview``) without writing anything.

Rows are matched on codes: a unit on its code (an agency's is its agency code; a unit of the
database that has no code yet is matched on its parent and name, and gets the file's code), a
person on their login, a plan item on its code, a KPI on its target, year and title, a project
on its code (a row without one on its agency, fiscal year and name)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from tidtam.intake.problems import Problem, Refused
from tidtam.intake.reading import Row, Sheet
from tidtam.lib.richtext import disallowed_markup, sanitize
from tidtam.lib.thai import fiscal_year_bounds, format_date_short
from tidtam.orgs import access
from tidtam.orgs.models import Membership, Unit, User
from tidtam.plans.models import KPI, PlanNode, normalize_code
from tidtam.projects.models import Project

CREATE, CHANGE, SAME = "create", "change", "same"
KIND_ORDER = [PlanNode.Kind.PLAN, PlanNode.Kind.STRATEGY, PlanNode.Kind.SUB_STRATEGY]
KIND_ORDER.append(PlanNode.Kind.TARGET)
RICH = ["rationale", "objectives", "targets"]


@dataclass
class Item:
    """One row's outcome: what it creates or changes, or that it changes nothing."""

    sheet: str  # the kind of sheet: units, people, plan, kpis, projects
    where: str
    row: int
    label: str  # what a person reads: a code and name
    action: str
    changes: list = field(default_factory=list)  # (field label, before, after)
    data: dict = field(default_factory=dict)  # what the apply step needs
    found: object = None  # the matched row of the database
    columns: dict = field(default_factory=dict)  # field → its column, for a service's refusal


@dataclass
class Preview:
    items: list[Item]
    units: dict  # unit key → Unit of the database
    users: dict  # login → User
    nodes: dict  # plan code key → PlanNode
    kpis: dict  # (target key, year, title) → KPI

    def of(self, sheet: str, action: str) -> list[Item]:
        return [i for i in self.items if i.sheet == sheet and i.action == action]

    @property
    def changed(self) -> bool:
        return any(item.action != SAME for item in self.items)

    def summary(self) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = defaultdict(lambda: {CREATE: 0, CHANGE: 0, SAME: 0})
        for item in self.items:
            counts[item.sheet][item.action] += 1
        return dict(counts)


def check(actor: User, sheets: list[Sheet]) -> Preview:
    """What importing these sheets would do; ``Refused`` with every problem found."""
    return Checker(actor, sheets).run()


def _agency_code_ok(code: str) -> bool:
    return len(code) == 8 and code.isascii() and code.isdigit()


def _display(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "year") and hasattr(value, "day"):
        return format_date_short(value)
    if isinstance(value, list | tuple | set):
        return ", ".join(sorted(str(v) for v in value))
    return str(value)


class Checker:
    def __init__(self, actor: User, sheets: list[Sheet]):
        self.actor = actor
        self.admin = access.is_admin(actor)
        self.by_kind: dict[str, list[tuple[Sheet, Row]]] = defaultdict(list)
        for sheet in sheets:
            for row in sheet.rows:
                self.by_kind[sheet.kind.key].append((sheet, row))
        self.sheets = sheets
        self.problems: list[Problem] = []
        self.items: list[Item] = []
        self.columns_of = {(s.where, r.number): r.columns for s in sheets for r in s.rows}

    def run(self) -> Preview:
        self._access()
        self._load()
        self._units()
        self._people()
        self._plan()
        self._kpis()
        self._projects()
        if self.problems:
            raise Refused(self.problems)
        for item in self.items:
            item.columns = self.columns_of[(item.where, item.row)]
        preview = Preview(self.items, self.db_units, self.db_users, self.db_nodes, self.db_kpis)
        return preview

    def error(self, sheet: Sheet, row: Row, key: str | None, message: str) -> None:
        column = row.columns.get(key, "") if key else ""
        self.problems.append(Problem(sheet.where, row.number, column, message))

    # --- access and what the database holds -------------------------------------------------

    def _access(self) -> None:
        for sheet in self.sheets:
            if sheet.kind.admin_only and not self.admin:
                self.problems.append(
                    Problem(
                        sheet.where,
                        None,
                        "",
                        _("Only an administrator imports units, people and the plan."),
                    )
                )
        if self.problems:
            raise Refused(self.problems)

    def _load(self) -> None:
        units = list(Unit.objects.select_related("parent"))
        self.by_pk = {unit.pk: unit for unit in units}
        self.db_units = {unit.key: unit for unit in units if unit.key}
        self.codeless = {(u.parent_id, u.name): u for u in units if not u.key}
        logins = {row.values["username"] for _s, row in self.by_kind["people"]}
        logins |= {row.values["coordinator"] for _s, row in self.by_kind["projects"]}
        self.db_users = {u.username: u for u in User.objects.filter(username__in=logins - {""})}
        nodes = list(PlanNode.objects.all())
        self.db_nodes = {}
        for node in nodes:  # a target's code wins over a higher level's of the same code
            known = self.db_nodes.get(node.code_key)
            if known is None or KIND_ORDER.index(node.kind) > KIND_ORDER.index(known.kind):
                self.db_nodes[node.code_key] = node
        self.nodes_by_pk = {node.pk: node for node in nodes}
        self.db_kpis = {
            (self.nodes_by_pk[k.target_id].code_key, k.fiscal_year, k.title): k
            for k in KPI.objects.all()
        }

    # --- units -------------------------------------------------------------------------------

    def _units(self) -> None:
        rows = self.by_kind["units"]
        self.file_units: dict[str, tuple[Sheet, Row]] = {}
        for sheet, row in rows:
            v = row.values
            code = v["code"]
            if code in self.file_units:
                self._duplicate(sheet, row, "code", code, self.file_units[code][1])
                continue
            self.file_units[code] = (sheet, row)
        for sheet, row in self.file_units.values():
            v, code = row.values, row.values["code"]
            if v["kind"] == Unit.Kind.AGENCY and not _agency_code_ok(code):
                self.error(sheet, row, "code", _("An agency code is 8 digits."))
            if v["kind"] == Unit.Kind.CITY and v["parent"]:
                self.error(sheet, row, "parent", _("The city has no parent unit."))
            elif v["kind"] != Unit.Kind.CITY and not v["parent"]:
                self.error(sheet, row, "parent", _("Name the parent unit's code."))
            elif v["parent"] and not self._unit_known(v["parent"]):
                self._unknown(sheet, row, "parent", v["parent"])
        if self.problems:
            return
        for code, (sheet, row) in self.file_units.items():
            if self._in_cycle(code):
                self.error(
                    sheet,
                    row,
                    "parent",
                    _("The units form a cycle: %(code)s lies under itself.") % {"code": code},
                )
        if self.problems:
            return
        self.unit_match: dict[str, Unit | None] = {}
        for code in sorted(self.file_units, key=self._depth):
            self._unit_item(code, *self.file_units[code])

    def _unit_known(self, code: str) -> bool:
        return code in self.file_units or code in self.db_units

    def _parent_code(self, code: str) -> str | None:
        if code in self.file_units:
            return self.file_units[code][1].values["parent"] or None
        unit = self.db_units.get(code)
        return unit.parent.key if unit and unit.parent else None

    def _in_cycle(self, code: str) -> bool:
        seen, current = set(), code
        while current is not None:
            if current in seen:
                return current == code or code in seen
            seen.add(current)
            current = self._parent_code(current)
        return False

    def _depth(self, code: str) -> int:
        depth, current = 0, self._parent_code(code)
        while current is not None and depth < 50:
            depth, current = depth + 1, self._parent_code(current)
        return depth

    def _resolved_unit(self, code: str) -> Unit | None:
        """The database's unit a code stands for (None: one the import creates)."""
        if code in self.file_units:
            return self.unit_match.get(code)
        return self.db_units.get(code)

    def _unit_item(self, code: str, sheet: Sheet, row: Row) -> None:
        v = row.values
        parent = self._resolved_unit(v["parent"]) if v["parent"] else None
        found = self.db_units.get(code)
        if found is None and (parent is not None or not v["parent"]):
            found = self.codeless.get((parent.pk if parent else None, v["name"]))
        self.unit_match[code] = found
        label = f"{code} {v['name']}"
        if found is None:
            self.items.append(Item("units", sheet.where, row.number, label, CREATE, data=v))
            return
        if found.kind != v["kind"]:
            self.error(sheet, row, "kind", _("The kind of an existing unit does not change."))
            return
        changes = []
        if found.name != v["name"]:
            changes.append((_("name"), found.name, v["name"]))
        if (parent is None and v["parent"]) or (parent and found.parent_id != parent.pk):
            before = found.parent.key if found.parent else ""
            changes.append((_("parent unit"), before, v["parent"]))
        if found.key != code:
            changes.append((_("unit code"), found.key, code))
        action = CHANGE if changes else SAME
        self.items.append(Item("units", sheet.where, row.number, label, action, changes, v, found))

    def _agency_code(self, code: str) -> str | None:
        """The code of the agency a unit (of the file or the database) lies in."""
        current, steps = code, 0
        while current is not None and steps < 50:
            if current in self.file_units:
                if self.file_units[current][1].values["kind"] == Unit.Kind.AGENCY:
                    return current
            elif current in self.db_units:
                agency = self.db_units[current].agency
                return agency.key if agency else None
            current, steps = self._parent_code(current), steps + 1
        return None

    # --- people ------------------------------------------------------------------------------

    def _people(self) -> None:
        first: dict[str, Row] = {}
        memberships: dict[tuple, Row] = {}
        wanted: dict[str, list] = defaultdict(list)
        for sheet, row in self.by_kind["people"]:
            v = row.values
            login = v["username"]
            try:
                User.username_validator(login)
            except ValidationError as error:
                self.error(sheet, row, "username", " ".join(error.messages))
            if v["email"]:
                try:
                    validate_email(v["email"])
                except ValidationError:
                    self.error(sheet, row, "email", _("This is not an e-mail address."))
            if login in first:
                for key in ("full_name", "email", "position"):
                    if v[key] != first[login].values[key]:
                        self.error(
                            sheet,
                            row,
                            key,
                            _("Differs from row %(row)s of the same login.")
                            % {"row": first[login].number},
                        )
            else:
                first[login] = row
            if not self._unit_known(v["unit"]):
                self._unknown(sheet, row, "unit", v["unit"])
            role_key = (login, v["unit"], v["role"])
            if role_key in memberships:
                self._duplicate(sheet, row, "role", login, memberships[role_key])
            memberships[role_key] = row
            wanted[login].append((sheet, row))
        self.file_people = first
        if self.problems:
            return
        for login, rows in wanted.items():
            self._person_item(login, rows)

    def _person_item(self, login: str, rows: list) -> None:
        sheet, row = rows[0]
        v = row.values
        found = self.db_users.get(login)
        roles = [(r.values["unit"], r.values["role"]) for _s, r in rows]
        data = {**v, "roles": roles}
        label = f"{login} {v['full_name']}"
        if found is None:
            item = Item("people", sheet.where, row.number, label, CREATE, data=data)
            self.items.append(item)
            return
        changes = [
            (str(User._meta.get_field(key).verbose_name), getattr(found, key), v[key])
            for key in ("full_name", "email", "position")
            if getattr(found, key) != v[key]
        ]
        held = {(m.unit_id, m.role) for m in Membership.objects.filter(user=found)}
        for unit_code, role in roles:
            unit = self._resolved_unit(unit_code)
            if unit is None or (unit.pk, role) not in held:
                role_label = dict(Membership.Role.choices)[role]
                changes.append((_("role"), "", f"{role_label} {unit_code}"))
        action = CHANGE if changes else SAME
        self.items.append(
            Item("people", sheet.where, row.number, label, action, changes, data, found)
        )

    # --- plan and KPIs -----------------------------------------------------------------------

    def _plan(self) -> None:
        self.file_nodes: dict[str, tuple[Sheet, Row]] = {}
        rows = sorted(self.by_kind["plan"], key=lambda p: KIND_ORDER.index(p[1].values["kind"]))
        for sheet, row in rows:
            v = row.values
            key = normalize_code(v["code"])
            if key in self.file_nodes:
                self._duplicate(sheet, row, "code", v["code"], self.file_nodes[key][1])
                continue
            if v["kind"] != PlanNode.Kind.PLAN and not key:
                self.error(sheet, row, "code", _("This cell is required."))
                continue
            self.file_nodes[key] = (sheet, row)
        self.node_match: dict[str, PlanNode | None] = {}
        for key, (sheet, row) in self.file_nodes.items():
            self._node_item(key, sheet, row)

    def _root_key(self) -> str | None:
        plans = [k for k, (_s, r) in self.file_nodes.items() if r.values["kind"] == "plan"]
        plans += [k for k, n in self.db_nodes.items() if n.kind == "plan" and k not in plans]
        return plans[0] if len(plans) == 1 else None

    def _node_kind(self, key: str) -> str | None:
        if key in self.file_nodes:
            return self.file_nodes[key][1].values["kind"]
        node = self.db_nodes.get(key)
        return node.kind if node else None

    def _node_item(self, key: str, sheet: Sheet, row: Row) -> None:
        v = row.values
        parent_key = normalize_code(v["parent"]) if v["parent"] else None
        if v["kind"] == PlanNode.Kind.PLAN:
            if parent_key is not None:
                self.error(sheet, row, "parent", _("The plan itself has no parent."))
                return
        elif parent_key is None:
            parent_key = self._root_key() if v["kind"] == PlanNode.Kind.STRATEGY else None
            if parent_key is None:
                self.error(sheet, row, "parent", _("Name the parent item's code."))
                return
        elif self._node_kind(parent_key) is None:
            self._unknown(sheet, row, "parent", v["parent"])
            return
        if (
            parent_key is not None
            and PlanNode.CHILD_KIND.get(self._node_kind(parent_key)) != v["kind"]
        ):
            self.error(sheet, row, "kind", _("This level does not fit under its parent."))
            return
        found = self.db_nodes.get(key)
        if found is not None and found.kind != v["kind"]:
            found = None if v["kind"] == PlanNode.Kind.PLAN else found
        self.node_match[key] = found
        data = {**v, "key": key, "parent_key": parent_key}
        label = f"{v['code']} {v['title']}".strip()
        if found is None:
            self.items.append(Item("plan", sheet.where, row.number, label, CREATE, data=data))
            return
        parent = self.nodes_by_pk.get(found.parent_id)
        if found.kind != v["kind"] or (parent.code_key if parent else None) != parent_key:
            self.error(sheet, row, "parent", _("This code already lies elsewhere in the plan."))
            return
        changes = [(_("title"), found.title, v["title"])] if found.title != v["title"] else []
        action = CHANGE if changes else SAME
        self.items.append(
            Item("plan", sheet.where, row.number, label, action, changes, data, found)
        )

    def _is_target(self, code: str) -> bool:
        return self._node_kind(normalize_code(code)) == PlanNode.Kind.TARGET

    def _kpis(self) -> None:
        self.file_kpis: dict[tuple, Row] = {}
        for sheet, row in self.by_kind["kpis"]:
            v = row.values
            key = (normalize_code(v["target"]), v["fiscal_year"], v["title"])
            if not self._is_target(v["target"]):
                self._unknown(sheet, row, "target", v["target"])
                continue
            if not self._year_ok(sheet, row, v["fiscal_year"]):
                continue
            if key in self.file_kpis:
                self._duplicate(sheet, row, "title", v["title"], self.file_kpis[key])
                continue
            self.file_kpis[key] = row
            found = self.db_kpis.get(key)
            action = SAME if found else CREATE
            label = f"{v['target']} {v['fiscal_year']}: {v['title']}"
            data = {**v, "key": key}
            self.items.append(
                Item("kpis", sheet.where, row.number, label, action, data=data, found=found)
            )

    def _year_ok(self, sheet: Sheet, row: Row, year: int) -> bool:
        if 2500 <= year <= 2700:
            return True
        self.error(sheet, row, "fiscal_year", _("A fiscal year lies between 2500 and 2700."))
        return False

    # --- projects ----------------------------------------------------------------------------

    def _projects(self) -> None:
        rows = self.by_kind["projects"]
        codes = {row.values["code"] for _s, row in rows if row.values["code"]}
        existing = Project.objects.select_related("agency", "responsible_unit", "coordinator")
        existing = existing.prefetch_related("plan_targets", "kpis__target")
        by_code = {p.code: p for p in existing.filter(code__in=codes)}
        names = {row.values["name"] for _s, row in rows if not row.values["code"]}
        by_name = {
            (p.agency.key, p.fiscal_year, p.name): p for p in existing.filter(name__in=names)
        }
        seen: dict[tuple, Row] = {}
        for sheet, row in rows:
            v = row.values
            agency = self._project_row(sheet, row)
            if agency is None:
                continue
            key = ("code", v["code"]) if v["code"] else (agency, v["fiscal_year"], v["name"])
            if key in seen:
                self._duplicate(
                    sheet, row, "code" if v["code"] else "name", v["code"] or v["name"], seen[key]
                )
                continue
            seen[key] = row
            found = by_code.get(v["code"]) if v["code"] else by_name.get(key)
            if found is not None and found.agency.key != agency:
                self.error(
                    sheet, row, "unit", _("A project stays in the agency that registered it.")
                )
                continue
            self._project_item(sheet, row, agency, found)

    def _project_row(self, sheet: Sheet, row: Row) -> str | None:
        """Check one project row; the code of its agency when it is fine."""
        v = row.values
        count = len(self.problems)
        self._year_ok(sheet, row, v["fiscal_year"])
        if v["end_date"] < v["start_date"]:
            self.error(sheet, row, "end_date", _("The end date is before the start date."))
        elif 2500 <= v["fiscal_year"] <= 2700:
            first, last = fiscal_year_bounds(v["fiscal_year"])
            for key in ("start_date", "end_date"):
                if not first <= v[key] <= last:
                    self.error(
                        sheet,
                        row,
                        key,
                        _(
                            "The project's period lies outside fiscal year %(year)s "
                            "(%(first)s–%(last)s)."
                        )
                        % {
                            "year": v["fiscal_year"],
                            "first": format_date_short(first),
                            "last": format_date_short(last),
                        },
                    )
        agency = None
        if not self._unit_known(v["unit"]):
            self._unknown(sheet, row, "unit", v["unit"])
        else:
            agency = self._agency_code(v["unit"])
            if agency is None:
                self.error(sheet, row, "unit", _("Choose an agency or a unit inside an agency."))
            elif not self.admin and not self._follows(agency):
                self.error(
                    sheet,
                    row,
                    "unit",
                    _("You may import projects only of the agencies you follow."),
                )
        if v["code"]:
            prefix, _dash, digits = v["code"].partition("-")
            if agency and (prefix != agency or not (digits.isascii() and digits.isdigit())):
                self.error(
                    sheet,
                    row,
                    "code",
                    _("Project code %(code)s is not one of %(agency)s's codes (%(prefix)s-number).")
                    % {"code": v["code"], "agency": agency, "prefix": agency},
                )
        if (
            v["coordinator"]
            and v["coordinator"] not in self.db_users
            and v["coordinator"] not in self.file_people
        ):
            self._unknown(sheet, row, "coordinator", v["coordinator"])
        for code in v["plan_targets"]:
            if not self._is_target(code):
                self._unknown(sheet, row, "plan_targets", code)
        targets = {normalize_code(code) for code in v["plan_targets"]}
        for title in v["kpis"]:
            if not any(self._kpi_known((t, v["fiscal_year"], title)) for t in targets):
                self.error(
                    sheet,
                    row,
                    "kpis",
                    _("“%(title)s” is not a KPI of the project's plan targets in its fiscal year.")
                    % {"title": title},
                )
        for key in RICH:
            found = disallowed_markup(v[key])
            if found:
                self.error(
                    sheet, row, key, _("Markup not allowed: %(tags)s") % {"tags": ", ".join(found)}
                )
        return agency if len(self.problems) == count else None

    def _kpi_known(self, key: tuple) -> bool:
        return key in self.db_kpis or key in self.file_kpis

    def _follows(self, agency_code: str) -> bool:
        agency = self.db_units.get(agency_code)
        return agency is not None and access.coordinates_agency(self.actor, agency.pk)

    def _project_item(self, sheet: Sheet, row: Row, agency: str, found: Project | None) -> None:
        v = row.values
        targets = {normalize_code(code) for code in v["plan_targets"]}
        kpis = {
            (t, v["fiscal_year"], title)
            for title in v["kpis"]
            for t in targets
            if self._kpi_known((t, v["fiscal_year"], title))
        }
        data = {**v, "agency": agency, "target_keys": targets, "kpi_keys": kpis}
        for key in RICH:
            data[key] = sanitize(v[key])
        label = f"{v['code'] or '—'} {v['name']}"
        if found is None:
            self.items.append(Item("projects", sheet.where, row.number, label, CREATE, data=data))
            return
        changes = []
        for key in ("name", "fiscal_year", "start_date", "end_date", "budget_received",
                    "responsible_person", *RICH):  # fmt: skip
            if getattr(found, key) != data[key]:
                label_of = str(Project._meta.get_field(key).verbose_name)
                changes.append((label_of, _display(getattr(found, key)), _display(data[key])))
        if (
            found.responsible_unit.key != v["unit"]
            and self._resolved_unit(v["unit"]) != found.responsible_unit
        ):
            changes.append((_("responsible unit"), found.responsible_unit.key, v["unit"]))
        coordinator = found.coordinator.username if found.coordinator else ""
        if coordinator != v["coordinator"]:
            changes.append((_("coordinator"), coordinator, v["coordinator"]))
        had_targets = {node.code_key for node in found.plan_targets.all()}
        if had_targets != targets:
            changes.append((_("plan targets"), _display(had_targets), _display(targets)))
        had_kpis = {(k.target.code_key, k.fiscal_year, k.title) for k in found.kpis.all()}
        if had_kpis != kpis:
            changes.append(
                (_("KPIs"), _display(k[2] for k in had_kpis), _display(k[2] for k in kpis))
            )
        action = CHANGE if changes else SAME
        item = Item(
            "projects",
            sheet.where,
            row.number,
            f"{found.code} {v['name']}",
            action,
            changes,
            data,
            found,
        )
        self.items.append(item)

    # --- messages ----------------------------------------------------------------------------

    def _duplicate(self, sheet: Sheet, row: Row, key: str, value: str, first: Row) -> None:
        self.error(
            sheet,
            row,
            key,
            _("“%(value)s” appears again: first in row %(row)s.")
            % {"value": value, "row": first.number},
        )

    def _unknown(self, sheet: Sheet, row: Row, key: str, code: str) -> None:
        self.error(
            sheet,
            row,
            key,
            _("Unknown code “%(code)s”: not in the file nor in tidtam.") % {"code": code},
        )
