"""The plan and KPI sheets: each level under the right parent; a plan item matched on its
code (๗.๓.๒ = 7.3.2), a KPI on its target, year and title."""

from django.utils.translation import gettext as _

from tidtam.intake.check.base import KIND_ORDER, Base
from tidtam.intake.check.preview import CHANGE, CREATE, SAME, Item
from tidtam.intake.reading import Row, Sheet
from tidtam.plans.models import PlanNode, normalize_code


class Plan(Base):
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

    def _kpi_known(self, key: tuple) -> bool:
        return key in self.db_kpis or key in self.file_kpis
