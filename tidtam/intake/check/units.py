"""The units sheet: codes, parents, no cycle; a unit matched on its code (or, without one
in the database, on its parent and name)."""

from django.utils.translation import gettext as _

from tidtam.intake.check.base import Base
from tidtam.intake.check.preview import CHANGE, CREATE, SAME, Item
from tidtam.intake.reading import Row, Sheet
from tidtam.orgs.models import Unit


def _agency_code_ok(code: str) -> bool:
    return len(code) == 8 and code.isascii() and code.isdigit()


class Units(Base):
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
