"""The parser's messages through gettext: the same English templates as
``tidtam/legacy/messages.py`` (a test keeps them equal), translated for screens and commands."""

from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

from tidtam.legacy.messages import LegacyParseError, ParseWarning

ERRORS = {
    "empty": _("the file is empty."),
    "binary": _("the file is not text (binary data)."),
    "unreadable": _("the file could not be read: %(reason)s"),
    "not_printout": _("this is not a printout of the old system's progress form."),
    "truncated_no_reports": _(
        "the printout is truncated: section 2 (the progress reports) is missing."
    ),
    "no_certification": _(
        "the printout is truncated: the certification page at the end is missing."
    ),
    "pdf": _("the PDF could not be turned into text: %(reason)s"),
}
WARNINGS = {
    "dash_restored": _(
        "Line %(line)s: “?” read as a dash “–” (a character the old system could not print)."
    ),
    "stray_marks": _("Line %(line)s: stray Thai marks from the PDF's text layer, left out."),
    "reports_heading_missing": _(
        "Line %(line)s: the heading of section 2 is missing; the reports start here."
    ),
    "missing_field": _("The field “%(field)s” is missing."),
    "bad_value": _("Line %(line)s: the %(field)s “%(value)s” could not be read."),
    "duplicate_field": _(
        "Line %(line)s: a second, different value for %(field)s; the first is kept."
    ),
    "outside_fiscal_year": _("The project's dates lie outside fiscal year %(year)s."),
    "plan_codes": _("Plan code %(child)s does not lie under %(parent)s."),
    "report_number_missing": _(
        "A report without “(ครั้งที่ N)” in its closing line was taken as report %(number)s."
    ),
    "report_numbers": _("Reports are numbered %(numbers)s instead of 1 to %(count)s."),
    "report_date_missing": _("Report %(number)s has no date."),
    "report_status_missing": _("Report %(number)s has no %(field)s."),
    "report_narrative_empty": _("Report %(number)s has no narrative."),
    "report_joined": _(
        "Report %(number)s continues in the row of report %(row)s (cut at a page break); "
        "the two parts were joined."
    ),
    "report_unread": _(
        "Lines %(line)s–%(last)s: a report whose closing line (progress, budget and status) "
        "could not be read; left out."
    ),
    "report_unclosed": _(
        "Lines %(line)s–%(last)s: a report without its closing line (progress, budget and "
        "status); left out."
    ),
    "progress_down": _("Report %(number)s: progress %(value)s %% is lower than the report before."),
    "report_outside": _("Report %(number)s is dated %(date)s, outside the project's period."),
    "budget_used": _("Budget used %(used)s is not the sum of the amounts disbursed (%(total)s)."),
}


def error_message(error: LegacyParseError) -> str:
    template = gettext(ERRORS[error.code])
    return template % error.params if error.params else template


def warning_message(item: ParseWarning) -> str:
    return gettext(WARNINGS[item.code]) % {"line": item.line, **item.params}
