"""The form for a new report and the project at a glance, for pages of other apps that show a
project's reports (the project page), so that they need not import the reports app."""

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from tidtam.reports.forms import ReportForm
from tidtam.reports.glance import glance

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
