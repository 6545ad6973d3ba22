"""The reports, the form for a new one and the project at a glance, for pages of other apps
that show a project's reports (the project page), so that they need not import the reports
app."""

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tidtam.core.templatetags.thai import baht, be_date, percent
from tidtam.reports.forms import ReportForm
from tidtam.reports.glance import glance
from tidtam.reports.models import ProgressReport, ReviewStatus
from tidtam.workplans.templatetags.workplan_tags import computed_status

register = template.Library()


@register.simple_tag(takes_context=True)
def new_report_form(context: template.Context, project) -> SafeString:
    return render_to_string(
        "reports/form.html#report-form",
        {"project": project, "form": ReportForm(), "report": None},
        request=context.get("request"),
    )


@register.inclusion_tag("reports/glance.html", takes_context=True)
def project_glance(context: template.Context, project, reports) -> dict:
    """The project at a glance (``reports.glance``), for the top of the project page."""
    request = context["request"]
    return {
        "project": project,
        "glance": glance(request.user, project, list(reports), timezone.localdate()),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag(takes_context=True)
def report_articles(context: template.Context, project, reports, can_edit: bool) -> SafeString:
    """Each report of the project page: its number, date and review status, what may be done
    with it, its narrative and figures. Written in Python: through the template engine the
    12 reports of a year cost ~5 ms, half of the page's template time (bench/README.md)."""
    csrf = format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', context.get("csrf_token")
    )
    labels = tuple(
        escape(_(label))
        for label in (
            gettext_noop("imported from the old system"),
            gettext_noop("Edit"),
            gettext_noop("Cumulative progress"),
            gettext_noop("baht"),
            gettext_noop("Plan status"),
            gettext_noop("Target status"),
        )
    )
    articles = (_article(project.code, report, can_edit, csrf, labels) for report in reports)
    return mark_safe("\n".join(articles))  # noqa: S308 - every text escaped here or by format_html


def _article(code, report: ProgressReport, can_edit, csrf, labels: tuple[str, ...]) -> str:
    imported, edit, progress, unit, plan, target = labels
    n = report.number
    urls = {"code": code, "number": n}
    actions = ""
    if report.imported:
        actions += f' · <span class="badge">{imported}</span>'
    if can_edit and report.is_editable:
        url = escape(reverse("reports:edit", kwargs=urls))
        actions += (
            f' <a href="{url}" hx-get="{url}" hx-target="#report-{n}" hx-swap="outerHTML" '
            f'class="small">{edit}</a>'
        )
    if can_edit and report.status == ReviewStatus.DRAFT:
        submit = escape(reverse("reports:review", kwargs={**urls, "action": "submit"}))
        label = escape(_("Submit report %(n)s for review") % {"n": n})
        actions += (
            f' <form method="post" action="{submit}" class="inline">{csrf}'
            '<input type="hidden" name="back" value="project">'
            f'<button type="submit" class="small">{label}</button></form>'
        )
    return (
        f'<article class="report" id="report-{n}">\n<header>\n'
        f'<strong><a href="{escape(reverse("reports:detail", kwargs=urls))}">'
        f"{escape(_('Report %(n)s') % {'n': n})}</a></strong>\n"
        f' · <time datetime="{report.date.isoformat()}">{be_date(report.date)}</time>\n'
        f' · <span class="badge badge-review-{escape(report.status)}">'
        f"{escape(report.get_status_display())}</span>{actions}\n</header>\n"
        f'<div class="rich">{report.narrative}</div>\n'  # cleaned by nh3 when it was saved
        '<dl class="fields">\n'
        f"<dt>{progress}</dt><dd>{percent(report.progress_percent)} %</dd>\n"
        f"<dt>{escape(_('Budget disbursed (round %(n)s)') % {'n': n})}</dt>"
        f"<dd>{baht(report.budget_disbursed)} {unit}</dd>\n"
        f'<dt>{plan}</dt><dd><span class="badge badge-{escape(report.plan_status)}">'
        f"{escape(report.get_plan_status_display())}</span> {computed_status(report)}</dd>\n"
        f'<dt>{target}</dt><dd><span class="badge badge-{escape(report.target_status)}">'
        f"{escape(report.get_target_status_display())}</span></dd>\n"
        "</dl>\n</article>"
    )
