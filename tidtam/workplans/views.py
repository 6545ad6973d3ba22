"""The plan page: the grid, every version of the plan, and a coordinator's approval."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tidtam.core import concurrency
from tidtam.core.forms import apply_errors
from tidtam.orgs import access
from tidtam.projects.selectors import get_project_for_user
from tidtam.workplans import rules, selectors, services
from tidtam.workplans.forms import PlanGridForm, initial_of
from tidtam.workplans.models import WorkPlan, month_label


@require_http_methods(["GET", "POST"])
@login_required
def plan_page(request: HttpRequest, code: str) -> HttpResponse:
    project, can_edit = get_project_for_user(request.user, code)
    versions = selectors.versions(project)
    in_force = next((p for p in versions if p.state == WorkPlan.State.IN_FORCE), None)
    proposed = next((p for p in versions if p.state == WorkPlan.State.PROPOSED), None)
    revising = in_force is not None and in_force.frozen_at is not None
    shown = proposed if revising and proposed else in_force
    months = rules.months_between(project.start_date, project.end_date)
    initial = initial_of(months, services.rows_of(shown))
    initial["version"] = shown.version if shown else None
    if shown is not None and revising:
        initial["reason"] = shown.reason
    form = None
    stale = None
    if can_edit:
        form = PlanGridForm(request.POST or None, initial=initial, months=months, revising=revising)
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
                form = PlanGridForm(data, months=months, revising=revising)
            else:
                messages.success(
                    request,
                    _("Revision proposed: it takes effect once a coordinator approves it.")
                    if revising
                    else _("Plan saved."),
                )
                return redirect("workplans:plan", code=project.code)
    elif request.method == "POST":
        raise PermissionDenied
    context = {
        "project": project,
        "form": form,
        "stale": stale,
        "versions": versions,
        "revising": revising,
        "can_approve": proposed is not None
        and access.coordinates_agency(request.user, project.agency_id),
    }
    return render(request, "workplans/plan.html", context)


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
