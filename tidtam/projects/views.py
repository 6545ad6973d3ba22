"""Pages for projects: the list, the project page (the form's sections), create and edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tidtam.core import audit
from tidtam.core.forms import apply_errors, save_edit
from tidtam.orgs import access
from tidtam.projects import selectors, services
from tidtam.projects.forms import ProjectEditForm, ProjectFilterForm, ProjectForm

PAGE_SIZE = 50


@require_GET
@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    form = ProjectFilterForm(request.GET or None, user=request.user)
    projects = selectors.project_list(request.user, **form.filters())
    page = Paginator(projects.defer(*selectors.LONG_TEXTS), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    template = "projects/list.html"
    if request.headers.get("HX-Request"):
        template += "#results"
    can_create = access.editable_units(request.user).exists()
    return render(request, template, {"form": form, "page": page, "can_create": can_create})


@require_GET
@login_required
def project_detail(request: HttpRequest, code: str) -> HttpResponse:
    project, can_edit = selectors.get_project_for_user(request.user, code)
    history, history_break = audit.checked(audit.history(project).select_related("actor"), 200)
    return render(
        request,
        "projects/detail.html",
        {
            "project": project,
            "can_edit": can_edit,
            "reports": list(project.reports.order_by("number")),
            "alignment": selectors.alignment(project),
            "history": history,
            "history_break": history_break,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    if not access.editable_units(request.user).exists():
        raise PermissionDenied
    form = ProjectForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Project %(code)s registered.") % {"code": project.code})
            return redirect("projects:detail", code=project.code)
    return render(request, "projects/form.html", {"form": form, "project": None})


@require_http_methods(["GET", "POST"])
@login_required
def project_edit(request: HttpRequest, code: str) -> HttpResponse:
    project, can_edit = selectors.get_project_for_user(request.user, code)
    if not can_edit:
        raise PermissionDenied
    form = ProjectEditForm(request.POST or None, initial=_as_saved(project), user=request.user)
    stale = None
    if request.method == "POST" and form.is_valid():
        form, stale, saved = save_edit(
            form,
            lambda: services.project_update(
                actor=request.user, project=project, **form.cleaned_data
            ),
            _as_saved,
            lambda initial: ProjectEditForm(initial=initial, user=request.user),
        )
        if saved:
            messages.success(request, _("Project %(code)s saved.") % {"code": project.code})
            return redirect("projects:detail", code=project.code)
    context = {"form": form, "project": project, "stale": stale}
    return render(request, "projects/form.html", context)


def _as_saved(project) -> dict:
    """The edit form's values as the project is saved now, with its version."""
    initial = {name: getattr(project, name) for name in services.FIELDS}
    initial["plan_targets"] = list(project.plan_targets.all())
    initial["kpis"] = list(project.kpis.all())
    initial["version"] = project.version
    return initial
