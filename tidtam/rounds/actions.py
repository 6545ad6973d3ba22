"""What the audit log records of the reporting calendar."""

from django.utils.translation import gettext_lazy as _

from tidtam.core.actions import Action

CALENDAR_CREATED = Action("rounds.calendar.created", _("reporting calendar created"))
CALENDAR_CHANGED = Action("rounds.calendar.changed", _("reporting calendar changed"))
ROUND_REOPENED = Action("rounds.round.reopened", _("round reopened"))
