"""What the project and report pages show of the plan (the pages' apps lie below the plan's
floor or beside it, so the plan draws its own part)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from tidtam.workplans import selectors

register = template.Library()


@register.inclusion_tag("workplans/computed_status.html")
def computed_status(report) -> dict:
    """The status computed from the plan next to the one the officer declared."""
    check = selectors.check_report(
        report.project, report.date, report.progress_percent, report.plan_status
    )
    return {"check": check, "report": report}


@register.inclusion_tag("workplans/plan_summary.html", takes_context=True)
def plan_summary(context, project, reports) -> dict:
    """The link to the plan and the S-curve: planned against actual, as a chart and a table."""
    curve = selectors.s_curve(project, reports)
    has_plan = bool(selectors.in_force_rows(project))
    return {
        "project": project,
        "curve": curve,
        "has_plan": has_plan,
        "figures": selectors.chart_figures(curve),
        "can_edit": context.get("can_edit"),
    }


@register.filter
def check_badge(check: selectors.Check | None) -> str:
    """A list row's computed status (``selectors.keep_checks``), written in Python: it runs once
    per row of the review queue."""
    if check is None:
        return format_html('<span class="muted">{}</span>', _("no plan"))
    label = _("%(status)s (computed)") % {"status": check.computed_label}
    badge = format_html('<span class="badge badge-{}">{}</span>', check.computed, label)
    if check.disagrees:
        note = _("differs from the declared status")
        badge += format_html(' <small class="status-disagrees">{}</small>', note)
    return badge
