"""What the audit log records of the ITA."""

from django.utils.translation import gettext_lazy as _

from tidtam.core.actions import Action
from tidtam.ita.models import Assessment

ASSESSMENT_CREATED = Action("ita.assessment.created", _("ITA assessment set up"))
SETUP_CHANGED = Action("ita.assessment.setup_changed", _("ITA assessment details changed"))
SURVEYS_OPENED = Action("ita.surveys.opened", _("ITA surveys opened"))
SURVEYS_CLOSED = Action("ita.surveys.closed", _("ITA surveys closed"))
ROLE_GRANTED = Action("ita.role.granted", _("ITA role granted"))
ROLE_REVOKED = Action("ita.role.revoked", _("ITA role revoked"))
CODES_ISSUED = Action("ita.codes.issued", _("one-time survey codes issued"))
CONTRACTORS_REPLACED = Action("ita.contractors.replaced", _("contractor list replaced"))
SCORES_PUBLISHED = Action("ita.scores.published", _("ITA scores published"))
QUESTION_CHANGED = Action("ita.framework.question_changed", _("framework question changed"))
QUESTION_ADDED = Action("ita.framework.question_added", _("framework question added"))
QUESTION_DELETED = Action("ita.framework.question_deleted", _("framework question removed"))
WEIGHTS_CHANGED = Action("ita.framework.weights_changed", _("framework weights changed"))
LEVEL_CHANGED = Action("ita.framework.level_changed", _("framework level changed"))
OIT_ITEM_CHANGED = Action("ita.framework.oit_item_changed", _("OIT item changed"))
OIT_ITEM_ADDED = Action("ita.framework.oit_item_added", _("OIT item added"))
OIT_ITEM_DELETED = Action("ita.framework.oit_item_deleted", _("OIT item removed"))
OIT_ITEM_FILLED = Action("ita.oit.item_filled", _("OIT item answered"))
OIT_ITEM_REVIEWED = Action("ita.oit.item_reviewed", _("OIT item reviewed"))

State = Assessment.OitState
# the OIT's state machine: the action recorded when the OIT moves into each state
OIT_MOVED = {
    State.DRAFT: Action("ita.oit.draft", _("OIT reopened for the agency")),
    State.SUBMITTED: Action("ita.oit.submitted", _("OIT submitted for review")),
    State.REVIEWED: Action("ita.oit.reviewed", _("OIT reviewed; corrections open")),
    State.RESUBMITTED: Action("ita.oit.resubmitted", _("OIT corrections submitted")),
    State.CLOSED: Action("ita.oit.closed", _("OIT closed")),
}
