"""What the audit log records of progress reports and their review."""

from django.utils.translation import gettext_lazy as _

from tidtam.core.actions import Action

REPORT_CREATED = Action("reports.report.created", _("report filed"))
REPORT_IMPORTED = Action("reports.report.imported", _("report imported from the old system"))
REPORT_CHANGED = Action("reports.report.changed", _("report changed"))
REPORT_SUBMITTED = Action("reports.report.submitted", _("report submitted for review"))
REPORT_RESUBMITTED = Action("reports.report.resubmitted", _("report submitted again"))
REPORT_RETURNED = Action("reports.report.returned", _("report returned with a comment"))
REPORT_ACCEPTED = Action("reports.report.accepted", _("report accepted"))
