"""Adding and editing a project's progress reports, inline on the project page (HTMX)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
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


def _after_save(request: HttpRequest, project) -> HttpResponse:
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = project.get_absolute_url() + "#reports"
        return response
    return redirect(project.get_absolute_url() + "#reports")


@require_http_methods(["GET", "POST"])
@login_required
def report_add(request: HttpRequest, code: str) -> HttpResponse:
    project = _editable_project(request, code)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_add(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return _after_save(request, project)
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
            services.report_update(actor=request.user, report=report, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return _after_save(request, project)
    return _render_form(request, project, form, report=report)


def _render_form(request, project, form, report) -> HttpResponse:
    template = "reports/form.html"
    if request.headers.get("HX-Request"):
        template += "#report-form"
    return render(request, template, {"project": project, "form": form, "report": report})
