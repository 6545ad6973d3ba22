"""What the audit log records of operating plans."""

from django.utils.translation import gettext_lazy as _

from tidtam.core.actions import Action

PLAN_CREATED = Action("workplans.plan.created", _("operating plan entered"))
PLAN_CHANGED = Action("workplans.plan.changed", _("operating plan changed"))
PLAN_FROZEN = Action(
    "workplans.plan.frozen", _("operating plan frozen by the first accepted report")
)
PLAN_PROPOSED = Action("workplans.plan.proposed", _("revision of the operating plan proposed"))
PLAN_APPROVED = Action("workplans.plan.approved", _("revision of the operating plan approved"))
TOLERANCE_SET = Action("workplans.tolerance.set", _("tolerance of the computed status set"))
TARGETS_SET = Action("workplans.targets.set", _("quarterly disbursement targets of the city set"))
