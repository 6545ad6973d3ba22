"""What the audit log records of the plan."""

from django.utils.translation import gettext_lazy as _

from tidtam.core.actions import Action

PLAN_NODE_CREATED = Action("plans.plannode.created", _("plan item added"))
PLAN_NODE_CHANGED = Action("plans.plannode.changed", _("plan item changed"))
KPI_CREATED = Action("plans.kpi.created", _("KPI added"))
