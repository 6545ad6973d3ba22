"""What the parser says: its one error type and its warnings, with English templates.

The templates are repeated with gettext in ``tidtam/legacy/i18n.py`` for the screens and the
commands; a test keeps the two lists equal. No Django here.
"""

from dataclasses import dataclass, field
from typing import Any

ERRORS = {
    "empty": "the file is empty.",
    "binary": "the file is not text (binary data).",
    "unreadable": "the file could not be read: %(reason)s",
    "not_printout": "this is not a printout of the old system's progress form.",
    "truncated_no_reports": "the printout is truncated: section 2 (the progress reports) is "
    "missing.",
    "no_certification": "the printout is truncated: the certification page at the end is missing.",
    "pdf": "the PDF could not be turned into text: %(reason)s",
}

WARNINGS = {
    "dash_restored": "Line %(line)s: “?” read as a dash “–” (a character the old system could "
    "not print).",
    "stray_marks": "Line %(line)s: stray Thai marks from the PDF's text layer, left out.",
    "reports_heading_missing": "Line %(line)s: the heading of section 2 is missing; the reports "
    "start here.",
    "missing_field": "The field “%(field)s” is missing.",
    "bad_value": "Line %(line)s: the %(field)s “%(value)s” could not be read.",
    "duplicate_field": "Line %(line)s: a second, different value for %(field)s; the first is kept.",
    "outside_fiscal_year": "The project's dates lie outside fiscal year %(year)s.",
    "plan_codes": "Plan code %(child)s does not lie under %(parent)s.",
    "report_number_missing": "A report without “(ครั้งที่ N)” in its closing line was taken as "
    "report %(number)s.",
    "report_numbers": "Reports are numbered %(numbers)s instead of 1 to %(count)s.",
    "report_date_missing": "Report %(number)s has no date.",
    "report_status_missing": "Report %(number)s has no %(field)s.",
    "report_narrative_empty": "Report %(number)s has no narrative.",
    "report_joined": "Report %(number)s continues in the row of report %(row)s (cut at a page "
    "break); the two parts were joined.",
    "report_unread": "Lines %(line)s–%(last)s: a report whose closing line (progress, budget and "
    "status) could not be read; left out.",
    "report_unclosed": "Lines %(line)s–%(last)s: a report without its closing line (progress, "
    "budget and status); left out.",
    "progress_down": "Report %(number)s: progress %(value)s %% is lower than the report before.",
    "report_outside": "Report %(number)s is dated %(date)s, outside the project's period.",
    "budget_used": "Budget used %(used)s is not the sum of the amounts disbursed (%(total)s).",
}


class LegacyParseError(ValueError):
    """The input is not a printout the parser can read; ``str()`` says why, in English."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(ERRORS[code] % params if params else ERRORS[code])


@dataclass(frozen=True)
class ParseWarning:
    code: str
    line: int | None = None
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return WARNINGS[self.code] % {"line": self.line, **self.params}

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "line": self.line, "message": self.message}


def warning(code: str, line: int | None = None, **params: Any) -> ParseWarning:
    return ParseWarning(code=code, line=line, params=params)
