"""What the audit log records of setup imports (each unit, person, plan item and project is
recorded by its own app's service as well)."""

from django.utils.translation import gettext_lazy as _

from tidtam.core.actions import Action

SETUP_IMPORTED = Action("intake.setup.imported", _("setup spreadsheet imported"))
