"""What the audit log records of the follow-up."""

from django.utils.translation import gettext_lazy as _

from tidtam.core.actions import Action

PROJECT_SCORED = Action("followup.project.scored", _("project scored for the quarter"))
