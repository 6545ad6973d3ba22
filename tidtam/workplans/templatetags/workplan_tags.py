"""What the project and report pages show of the plan (the pages' apps lie below the plan's
floor or beside it, so the plan draws its own part)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from tidtam.core.templatetags.thai import percent
from tidtam.workplans import selectors

register = template.Library()


@register.simple_tag
def computed_status(report) -> str:
    """The status computed from the plan next to the one the officer declared (nothing
    without a plan), written in Python: the project page shows it for each report."""
    check = selectors.check_report(
        report.project, report.date, report.progress_percent, report.plan_status
    )
    if check is None:
        return ""
    label = _("%(status)s (computed)") % {"status": check.computed_label}
    planned = _("planned %(planned)s %% ± %(tolerance)s") % {
        "planned": percent(check.planned),
        "tolerance": percent(check.tolerance),
    }
    html = format_html(
        '<span class="badge badge-{}">{}</span>\n<small>{}</small>', check.computed, label, planned
    )
    if check.disagrees:
        note = _(
            "The declared status (%(declared)s) differs from the one computed from the plan "
            "(%(computed)s)."
        ) % {"declared": report.get_plan_status_display(), "computed": check.computed_label}
        html += format_html('\n<p class="status-disagrees" role="note">{}</p>', note)
    return html


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
