"""What the public verify page may say about a printed form."""

import json

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from tidtam.documents import formdata, kinds
from tidtam.documents.models import PrintedForm
from tidtam.documents.richtext import blocks_text, to_blocks
from tidtam.orgs.models import User
from tidtam.projects.selectors import get_project_for_user

FIELD_LABELS = {
    "name": gettext_noop("Project / activity name"),
    "code": gettext_noop("Project code"),
    "fiscal_year": gettext_noop("Fiscal year (B.E.)"),
    "start_date": gettext_noop("Project start"),
    "end_date": gettext_noop("Project end"),
    "budget_received": gettext_noop("Budget received"),
    "budget_used": gettext_noop("Budget used"),
    "responsible_unit": gettext_noop("Responsible unit"),
    "responsible_person": gettext_noop("Responsible person"),
    "coordinator": gettext_noop("Coordinator (Strategy and Evaluation Department)"),
    "rationale": gettext_noop("1.3 Rationale"),
    "objectives": gettext_noop("1.4 Objectives of the project"),
    "targets": gettext_noop("1.5 Targets of the project"),
    "alignment": gettext_noop("1.6 Support of the Bangkok 20-year development plan"),
}
REPORT_FIELD_LABELS = {
    "date": gettext_noop("Report date"),
    "narrative": gettext_noop("Progress narrative"),
    "progress_percent": gettext_noop("Work progress"),
    "budget_disbursed": gettext_noop("Budget disbursed"),
    "plan_status": gettext_noop("Against the plan"),
    "target_status": gettext_noop("Against the target"),
    "number": gettext_noop("Report no."),
}


def field_label(name: str) -> str:
    """``reports.3.progress_percent`` → "Report 3: Work progress", translated."""
    parts = name.split(".")
    if parts[0] == "reports" and len(parts) >= 2:
        if len(parts) == 2:
            return _("Report %(number)s (added or removed)") % {"number": parts[1]}
        return _("Report %(number)s: %(field)s") % {
            "number": parts[1],
            "field": _(REPORT_FIELD_LABELS.get(parts[2], parts[2])),
        }
    return _(FIELD_LABELS.get(name, name))


def snapshot_of(printed: PrintedForm) -> dict:
    return json.loads(printed.data)


def _project_now(printed: PrintedForm) -> dict | None:
    return formdata.project_data(printed.project) if printed.project is not None else None


def _project_readable(user: User, printed: PrintedForm) -> bool:
    if printed.project is None or not user.is_authenticated:
        return False
    try:
        get_project_for_user(user, printed.project.code)
    except Http404:
        return False
    return True


PROJECT_KIND = kinds.PrintKind(
    name=kinds.PROJECT,
    key="project",
    labels={
        "code": gettext_lazy("Project code"),
        "name": gettext_lazy("Project / activity name"),
        "unchanged": gettext_lazy("The project has not changed since this copy was printed."),
        "gone": gettext_lazy("The project no longer exists in the system."),
        "login": gettext_lazy(
            "Log in with an account that may read this project to see the values."
        ),
    },
    current=_project_now,
    readable=_project_readable,
    field_label=field_label,
)


def changes_since(printed: PrintedForm) -> list[dict] | None:
    """The fields that differ between the printed snapshot and the record now, each with
    its label and both values; None when the record no longer exists."""
    kind = kinds.get(printed.kind)
    after = kind.current(printed)
    if after is None:
        return None
    before = snapshot_of(printed)[kind.key]
    changed = []
    for name in formdata.differences(before, after):
        changed.append(
            {
                "field": name,
                "label": kind.field_label(name),
                "before": _display(_lookup(before, name)),
                "after": _display(_lookup(after, name)),
            }
        )
    return changed


def _lookup(data: dict, name: str):
    parts = name.split(".")
    if parts[0] == "reports" and len(parts) >= 2:
        report = next((r for r in data["reports"] if str(r["number"]) == parts[1]), None)
        if report is None or len(parts) == 2:
            return report
        return report.get(parts[2])
    return data.get(name)


def _display(value) -> str | None:
    """A value as a reader sees it: rich text as plain lines (never tags), structures as
    compact JSON."""
    if value is None:
        return None
    if isinstance(value, str):
        return blocks_text(to_blocks(value)) if "<" in value else value
    return json.dumps(value, ensure_ascii=False)


def hash_matches(printed: PrintedForm) -> bool:
    return formdata.sha256(printed.data.encode()) == printed.sha256
