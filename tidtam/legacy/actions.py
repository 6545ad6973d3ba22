"""What the audit log records of imports from the old system."""

from django.utils.translation import gettext_lazy as _

from tidtam.core.actions import Action

PRINTOUT_IMPORTED = Action("legacy.printout.imported", _("printout of the old system imported"))
UNIT_CREATED = Action("legacy.unit.created", _("unit added from a printout of the old system"))
PLAN_NODE_CREATED = Action(
    "legacy.plannode.created", _("plan item added from a printout of the old system")
)
KPI_CREATED = Action("legacy.kpi.created", _("KPI added from a printout of the old system"))
USER_CREATED = Action(
    "legacy.user.created", _("coordinator added from a printout of the old system")
)
