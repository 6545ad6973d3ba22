"""What the audit log records of indicators, their quarterly results and assessments."""

from django.utils.translation import gettext_lazy as _

from tidtam.core.actions import Action

INDICATOR_CREATED = Action("indicators.indicator.created", _("indicator registered"))
INDICATOR_YEAR_SAVED = Action("indicators.year.saved", _("indicator's year changed"))
RESULT_CREATED = Action("indicators.result.created", _("quarterly result filed"))
RESULT_CHANGED = Action("indicators.result.changed", _("quarterly result changed"))
RESULT_SUBMITTED = Action("indicators.result.submitted", _("quarterly result submitted"))
RESULT_RESUBMITTED = Action("indicators.result.resubmitted", _("quarterly result submitted again"))
RESULT_RETURNED = Action("indicators.result.returned", _("quarterly result returned"))
RESULT_ACCEPTED = Action("indicators.result.accepted", _("quarterly result accepted"))
EVIDENCE_ADDED = Action("indicators.evidence.added", _("evidence added to a quarterly result"))
ASSESSED = Action("indicators.assessment.recorded", _("indicator assessed"))
