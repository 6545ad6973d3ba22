"""What the project and report pages show of the plan (the pages' apps lie below the plan's
floor or beside it, so the plan draws its own part)."""

from django import template

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
