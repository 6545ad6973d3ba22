"""The form for a new report, for pages of other apps that show a project's reports (the
project page), so that they need not import the reports app."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from tidtam.reports.forms import ReportForm

register = template.Library()


@register.simple_tag(takes_context=True)
def new_report_form(context: template.Context, project) -> SafeString:
    return render_to_string(
        "reports/form.html#report-form",
        {"project": project, "form": ReportForm(), "report": None},
        request=context.get("request"),
    )
