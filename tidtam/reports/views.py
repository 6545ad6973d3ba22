"""Adding and editing a project's progress reports, inline on the project page (HTMX)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tidtam.core.forms import apply_errors
from tidtam.projects.selectors import get_project_for_user
from tidtam.reports import services
from tidtam.reports.forms import ReportForm


def _editable_project(request: HttpRequest, code: str):
    project, can_edit = get_project_for_user(request.user, code)
    if not can_edit:
        raise PermissionDenied
    return project


def _after_save(request: HttpRequest, report) -> HttpResponse:
    messages.success(request, _("Report %(number)s saved.") % {"number": report.number})
    if request.headers.get("HX-Request"):
        # the project page is where the form sits: reload it so every figure is fresh
        return HttpResponse(status=204, headers={"HX-Refresh": "true"})
    return redirect(f"{report.project.get_absolute_url()}#report-{report.number}")


@require_http_methods(["GET", "POST"])
@login_required
def report_add(request: HttpRequest, code: str) -> HttpResponse:
    project = _editable_project(request, code)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_add(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return _after_save(request, report)
    return _render_form(request, project, form, report=None)


@require_http_methods(["GET", "POST"])
@login_required
def report_edit(request: HttpRequest, code: str, number: int) -> HttpResponse:
    project = _editable_project(request, code)
    report = get_object_or_404(project.reports, number=number)
    initial = {name: getattr(report, name) for name in services.AUDITED[1:]}
    form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_update(actor=request.user, report=report, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return _after_save(request, report)
    return _render_form(request, project, form, report=report)


def _render_form(request, project, form, report) -> HttpResponse:
    template = "reports/form.html"
    if request.headers.get("HX-Request"):
        template += "#report-form"
    return render(request, template, {"project": project, "form": form, "report": report})
