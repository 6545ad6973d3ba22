"""What the import page shows: each source line beside where it went, the parsed fields,
the warnings in the reader's language and what an import would change (a dry run)."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tidtam.core import history
from tidtam.legacy.forms import ImportForm
from tidtam.legacy.i18n import warning_message
from tidtam.legacy.parser import ParsedPrintout
from tidtam.legacy.services import import_printout
from tidtam.projects.models import PlanStatus
from tidtam.reports.models import TargetStatus

PLACES = {
    "page_header": gettext_lazy("page header"),
    "page_footer": gettext_lazy("page footer"),
    "heading": gettext_lazy("section heading"),
    "certification": gettext_lazy("certification"),
    "name": gettext_lazy("project / activity name"),
    "code": gettext_lazy("project code"),
    "fiscal_year": gettext_lazy("fiscal year"),
    "start_date": gettext_lazy("start date"),
    "end_date": gettext_lazy("end date"),
    "budget_received": gettext_lazy("budget received"),
    "budget_used": gettext_lazy("budget used"),
    "unit_path": gettext_lazy("responsible unit"),
    "responsible": gettext_lazy("responsible person or unit"),
    "coordinator": gettext_lazy("coordinator"),
    "rationale": gettext_lazy("rationale"),
    "objectives": gettext_lazy("objectives"),
    "targets": gettext_lazy("targets"),
    "strategy": gettext_lazy("strategic issue"),
    "sub_strategy": gettext_lazy("sub-issue"),
    "target": gettext_lazy("plan target"),
    "kpi": gettext_lazy("KPI"),
}


def place(name: str) -> str:
    if name.startswith("report "):
        return _("report %(number)s") % {"number": name.removeprefix("report ")}
    return str(PLACES.get(name, name))


def source_rows(parsed: ParsedPrintout) -> list[dict[str, Any]]:
    unparsed = {item["line"] for item in parsed.unparsed}
    return [
        {
            "number": number,
            "text": line,
            "places": [place(name) for name in parsed.line_fields.get(number, [])],
            "unparsed": number in unparsed,
        }
        for number, line in enumerate(parsed.lines, start=1)
        if line.strip()
    ]


def _dates(item: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """A copy with ISO date strings as dates, for the ``be_date`` filter."""
    shown = dict(item)
    for name in names:
        if shown.get(name):
            shown[name] = dt.date.fromisoformat(shown[name])
    return shown


def _report(report: dict[str, Any]) -> dict[str, Any]:
    shown = _dates(report, ("date",))
    for name, choices in (("plan_status", PlanStatus), ("target_status", TargetStatus)):
        value = report[name]
        shown[f"{name}_label"] = choices(value).label if value in choices.values else "?"
    return shown


def side_by_side(parsed: ParsedPrintout, name: str) -> dict[str, Any]:
    """The source lines beside the parsed fields."""
    data = parsed.to_dict()
    return {
        "name": name,
        "project": _dates(data["project"], ("start_date", "end_date")),
        "reports": [_report(report) for report in data["reports"]],
        "unparsed_count": len(data["unparsed"]),
        "rows": source_rows(parsed),
        "warnings": [warning_message(item) for item in parsed.warnings],
    }


EMPTY = (None, "", [])


def shown_changes(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Audit entries as the page lists them, as a history reads (``core.history``), without
    fields that stay empty."""
    return [
        {
            "action": entry["action"],
            "target": entry["target"],
            "fields": [
                (
                    history.field_label(entry["target_type"], name),
                    history.readable_change(entry["target_type"], name, before),
                    history.readable_change(entry["target_type"], name, after),
                )
                for name, (before, after) in entry["changes"].items()
                if not (before in EMPTY and after in EMPTY)
            ],
        }
        for entry in entries
    ]


def preview(
    user, parsed: ParsedPrintout, text: str, name: str, import_form: ImportForm | None = None
) -> dict[str, Any]:
    """Everything the page shows about one parsed printout, what a partial parse leaves out,
    and the dry run (of the import the person would confirm)."""
    context = side_by_side(parsed, name)
    context["missing"] = parsed.missing
    context["import_form"] = import_form or ImportForm(initial={"source": text, "name": name})
    try:
        outcome = import_printout(
            actor=user, parsed=parsed, source_name=name, dry_run=True, accept_partial=True
        )
        context["outcome"], context["changes"] = outcome, shown_changes(outcome.entries)
    except ValidationError as error:
        context["problems"] = error.messages
    return context
