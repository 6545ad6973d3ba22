"""The projects sheet: period in its fiscal year, unit, code of its agency, coordinator,
plan targets and KPIs, rights; a project matched on its code (without one on its agency,
fiscal year and name)."""

from django.utils.translation import gettext as _

from tidtam.intake.check.plan import Plan
from tidtam.intake.check.preview import CHANGE, CREATE, SAME, Item
from tidtam.intake.check.units import Units
from tidtam.intake.reading import Row, Sheet
from tidtam.lib.richtext import disallowed_markup, sanitize
from tidtam.lib.thai import fiscal_year_bounds, format_date_short
from tidtam.orgs import access
from tidtam.plans.models import normalize_code
from tidtam.projects.models import Project

RICH = ["rationale", "objectives", "targets"]


def _display(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "year") and hasattr(value, "day"):
        return format_date_short(value)
    if isinstance(value, list | tuple | set):
        return ", ".join(sorted(str(v) for v in value))
    return str(value)


class Projects(Units, Plan):
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
