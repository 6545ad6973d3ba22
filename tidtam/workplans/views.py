"""The plan page: the grid, the template to download and its upload, every version of the
plan, and a coordinator's approval."""

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tidtam.core import concurrency
from tidtam.core.downloads import attachment
from tidtam.core.forms import apply_errors
from tidtam.core.spreadsheets import Refused
from tidtam.orgs import access
from tidtam.projects.selectors import get_project_for_user
from tidtam.workplans import rules, selectors, services, sheets
from tidtam.workplans.forms import PlanGridForm, PlanUploadForm, initial_of
from tidtam.workplans.models import WorkPlan, month_label


@dataclass
class _Plans:
    """The project's plan as the page shows it: every version, the one the grid is loaded
    from (``shown``), and whether a change is a revision."""

    versions: list[WorkPlan]
    shown: WorkPlan | None
    proposed: WorkPlan | None
    revising: bool

    @classmethod
    def of(cls, project) -> "_Plans":
        versions = selectors.versions(project)
        in_force = next((p for p in versions if p.state == WorkPlan.State.IN_FORCE), None)
        proposed = next((p for p in versions if p.state == WorkPlan.State.PROPOSED), None)
        revising = in_force is not None and in_force.frozen_at is not None
        shown = proposed if revising and proposed else in_force
        return cls(versions, shown, proposed, revising)


@require_http_methods(["GET", "POST"])
@login_required
def plan_page(request: HttpRequest, code: str) -> HttpResponse:
    project, can_edit = get_project_for_user(request.user, code)
    plans = _Plans.of(project)
    form = None
    stale = None
    if can_edit:
        form = _grid(project, plans, request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.plan_save(
                    actor=request.user,
                    project=project,
                    rows=form.rows(),
                    version=form.cleaned_data["version"],
                    reason=form.cleaned_data.get("reason", ""),
                )
            except ValidationError as error:
                apply_errors(form, error)
            except concurrency.StaleEdit as found:
                found.restate(form, {"months": _months_as_text})
                stale = found
                data = request.POST.copy()
                data["version"] = found.target.version
                form = PlanGridForm(data, months=form.months, revising=plans.revising)
            else:
                return _saved(request, project, plans.revising)
    elif request.method == "POST":
        raise PermissionDenied
    return _render(request, project, plans, can_edit, form=form, stale=stale)


def _grid(project, plans: _Plans, data=None) -> PlanGridForm:
    """The grid, loaded with the plan the page shows."""
    months = rules.months_between(project.start_date, project.end_date)
    initial = initial_of(months, services.rows_of(plans.shown))
    initial["version"] = plans.shown.version if plans.shown else None
    if plans.shown is not None and plans.revising:
        initial["reason"] = plans.shown.reason
    return PlanGridForm(data, initial=initial, months=months, revising=plans.revising)


def _saved(request: HttpRequest, project, revising: bool) -> HttpResponse:
    messages.success(
        request,
        _("Revision proposed: it takes effect once a coordinator approves it.")
        if revising
        else _("Plan saved."),
    )
    return redirect("workplans:plan", code=project.code)


def _render(request, project, plans: _Plans, can_edit: bool, **context) -> HttpResponse:
    if can_edit and context.get("upload_form") is None:
        context["upload_form"] = PlanUploadForm(
            initial={
                "version": plans.shown.version if plans.shown else None,
                "reason": plans.shown.reason if plans.shown and plans.revising else "",
            },
            revising=plans.revising,
        )
    context.update(
        project=project,
        versions=plans.versions,
        revising=plans.revising,
        can_approve=plans.proposed is not None
        and access.coordinates_agency(request.user, project.agency_id),
    )
    return render(request, "workplans/plan.html", context)


@require_POST
@login_required
def plan_upload(request: HttpRequest, code: str) -> HttpResponse:
    """The plan from a filled-in template: the grid's service and rules, every problem of the
    file shown on the plan page by row and column, nothing saved."""
    project, can_edit = get_project_for_user(request.user, code)
    if not can_edit:
        raise PermissionDenied
    plans = _Plans.of(project)
    form = PlanUploadForm(request.POST, request.FILES, revising=plans.revising)
    context = {"upload_form": form, "form": _grid(project, plans)}
    if form.is_valid():
        upload = form.cleaned_data["file"]
        context["upload_name"] = upload.name
        try:
            sheets.plan_upload(
                actor=request.user,
                project=project,
                name=upload.name,
                data=upload.read(),
                version=form.cleaned_data["version"],
                reason=form.cleaned_data.get("reason", ""),
            )
        except sheets.PlanRefused as refused:
            context["problems"] = refused.problems
            for message in refused.reason:
                form.add_error("reason", message)
        except Refused as refused:
            context["problems"] = refused.problems
        except concurrency.StaleEdit as found:
            context["upload_stale"] = found
            context["upload_form"] = None  # a new one, carrying the version saved since
        else:
            return _saved(request, project, plans.revising)
    return _render(request, project, plans, can_edit, **context)


@require_GET
@login_required
def plan_template(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """The template to fill in: the project's months with the figures of the plan the page
    shows (the proposed revision while there is one), empty without a plan."""
    project, _can_edit = get_project_for_user(request.user, code)
    if fmt not in ("xlsx", "csv"):
        raise Http404
    return attachment(*sheets.template(project, services.rows_of(_Plans.of(project).shown), fmt))


@require_POST
@login_required
def plan_approve(request: HttpRequest, code: str, number: int) -> HttpResponse:
    project, _can_edit = get_project_for_user(request.user, code)
    plan = project.work_plans.filter(number=number).first()
    if plan is None:
        raise Http404
    try:
        services.plan_approve(actor=request.user, plan=plan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Revision approved: it is the plan in force."))
    return redirect("workplans:plan", code=project.code)


def _months_as_text(kept: list | None) -> dict[str, str]:
    """Month → "progress % · disbursement baht · activities", from the months as the audit log
    keeps them (``services._kept``), for the refusal of a stale save to say what changed."""
    return {
        month_label(dt.date.fromisoformat(month)): f"{progress} % · {spent} · {activities}"
        for month, progress, spent, activities in kept or []
    }
