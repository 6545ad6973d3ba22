"""The people sheet: logins, e-mails, one row per role; a person matched on their login."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from tidtam.intake.check.preview import CHANGE, CREATE, SAME, Item
from tidtam.intake.check.units import Units
from tidtam.intake.reading import Row
from tidtam.orgs.models import Membership, User


class People(Units):
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
