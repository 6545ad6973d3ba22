"""What every sheet's check shares: the rows by kind, what the database holds, rights and
the messages of a refused row."""

from collections import defaultdict

from django.utils.translation import gettext as _

from tidtam.core.spreadsheets import Problem, Refused
from tidtam.intake.check.preview import Item
from tidtam.intake.reading import Row, Sheet
from tidtam.orgs import access
from tidtam.orgs.models import Unit, User
from tidtam.plans.models import KPI, PlanNode

KIND_ORDER = [PlanNode.Kind.PLAN, PlanNode.Kind.STRATEGY, PlanNode.Kind.SUB_STRATEGY]
KIND_ORDER.append(PlanNode.Kind.TARGET)


class Base:
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

    def error(self, sheet: Sheet, row: Row, key: str | None, message: str) -> None:
        column = row.columns.get(key, "") if key else ""
        self.problems.append(Problem(sheet.where, row.number, column, message))

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

    def _year_ok(self, sheet: Sheet, row: Row, year: int) -> bool:
        if 2500 <= year <= 2700:
            return True
        self.error(sheet, row, "fiscal_year", _("A fiscal year lies between 2500 and 2700."))
        return False

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
