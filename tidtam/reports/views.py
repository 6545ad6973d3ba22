"""Adding and editing a project's progress reports, inline on the project page (HTMX)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tidtam.core import audit
from tidtam.core.forms import apply_errors, save_edit
from tidtam.reports import review, services
from tidtam.reports.actions import (
    REPORT_ACCEPTED,
    REPORT_RESUBMITTED,
    REPORT_RETURNED,
    REPORT_SUBMITTED,
)
from tidtam.reports.forms import ReportEditForm, ReportForm, ReviewForm
from tidtam.reports.models import ReviewStatus
from tidtam.reports.selectors import get_project_to_report_on, get_report_for_user


def _after_save(request: HttpRequest, report) -> HttpResponse:
    messages.success(request, _("Report %(number)s saved.") % {"number": report.number})
    if request.headers.get("HX-Request"):
        # the project page is where the form sits: reload it so every figure is fresh
        return HttpResponse(status=204, headers={"HX-Refresh": "true"})
    return redirect(f"{report.project.get_absolute_url()}#report-{report.number}")


@require_http_methods(["GET", "POST"])
@login_required
def report_add(request: HttpRequest, code: str) -> HttpResponse:
    project = get_project_to_report_on(request.user, code)
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
    project = get_project_to_report_on(request.user, code)
    report = get_object_or_404(project.reports.select_related("project"), number=number)
    if not report.is_editable and request.method == "GET":
        # a submitted or accepted report is read-only: show it with its review instead
        return _report_page(request, project, report)
    form = ReportEditForm(request.POST or None, initial=_as_saved(report))
    stale = None
    if request.method == "POST" and form.is_valid():
        form, stale, saved = save_edit(
            form,
            lambda: services.report_update(actor=request.user, report=report, **form.cleaned_data),
            _as_saved,
            lambda initial: ReportEditForm(initial=initial),
        )
        if saved:
            report.refresh_from_db()
            return _after_save(request, report)
    return _render_form(request, project, form, report=report, stale=stale)


def _as_saved(report) -> dict:
    """The edit form's values as the report is saved now, with its version."""
    return {
        **{name: getattr(report, name) for name in services.AUDITED[1:]},
        "version": report.version,
    }


def _render_form(request, project, form, report, stale=None) -> HttpResponse:
    template = "reports/form.html"
    if request.headers.get("HX-Request"):
        template += "#report-form"
    context = {"project": project, "form": form, "report": report, "stale": stale}
    return render(request, template, context)


# a review step reads as the status it led to (resubmitted reads as submitted)
REVIEW_STEPS = {
    REPORT_SUBMITTED.name: ReviewStatus.SUBMITTED,
    REPORT_RESUBMITTED.name: ReviewStatus.SUBMITTED,
    REPORT_RETURNED.name: ReviewStatus.RETURNED,
    REPORT_ACCEPTED.name: ReviewStatus.ACCEPTED,
}


def _review_label(entry) -> str:
    step = REVIEW_STEPS.get(entry.action)
    return str(step.label) if step else entry.action_label


def _report_page(request, project, report, form=None) -> HttpResponse:
    template = "reports/detail.html"
    if request.headers.get("HX-Request"):
        template += "#report-review"
    history = [
        (entry, _review_label(entry)) for entry in audit.changes_to(report).select_related("actor")
    ]
    context = {
        "project": project,
        "report": report,
        "actions": review.allowed_actions(request.user, report),
        "form": form or ReviewForm(),
        "history": history,
    }
    return render(request, template, context)


@require_GET
@login_required
def report_detail(request: HttpRequest, code: str, number: int) -> HttpResponse:
    """One report with its review status, comments and the actions open to this user."""
    report = get_report_for_user(request.user, code, number)
    return _report_page(request, report.project, report)


@require_POST
@login_required
def report_review(request: HttpRequest, code: str, number: int, action: str) -> HttpResponse:
    """Submit, accept or return a report; the service decides who may and when."""
    if action not in review.TRANSITIONS:
        raise Http404
    report = get_report_for_user(request.user, code, number)
    project = report.project
    form = ReviewForm(request.POST)
    form.is_valid()
    comment = form.cleaned_data.get("comment", "")
    try:
        if action == "submit":
            report = review.report_submit(actor=request.user, report=report)
        elif action == "accept":
            report = review.report_accept(actor=request.user, report=report, comment=comment)
        else:
            report = review.report_return(actor=request.user, report=report, comment=comment)
    except ValidationError as error:
        apply_errors(form, error)
        return _report_page(request, project, report, form)
    messages.success(request, DONE[action] % {"number": report.number, "code": project.code})
    if request.POST.get("back") == "project":  # submitted from the project page: back there
        return redirect(f"{project.get_absolute_url()}#report-{report.number}")
    return redirect("reports:detail", code=project.code, number=report.number)


# what each review step says it did, naming the report and its project
DONE = {
    "submit": gettext_lazy("Sent for review: report %(number)s of project %(code)s."),
    "accept": gettext_lazy("Report accepted: report %(number)s of project %(code)s."),
    "return": gettext_lazy("Returned to the unit: report %(number)s of project %(code)s."),
}
