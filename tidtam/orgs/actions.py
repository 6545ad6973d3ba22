"""What the audit log records of units and people."""

from django.utils.translation import gettext_lazy as _

from tidtam.core.actions import Action

UNIT_CREATED = Action("orgs.unit.created", _("unit added"))
UNIT_CHANGED = Action("orgs.unit.changed", _("unit changed"))
PERSON_CREATED = Action("orgs.user.created", _("person added"))
PERSON_CHANGED = Action("orgs.user.changed", _("person changed"))
PASSWORD_SET = Action("orgs.user.password_set", _("password set"))
PASSWORD_TURNED_OFF = Action("orgs.user.password_off", _("password login turned off"))
MEMBERSHIP_ADDED = Action("orgs.membership.added", _("role given in a unit"))
MEMBERSHIP_REMOVED = Action("orgs.membership.removed", _("role in a unit taken away"))
