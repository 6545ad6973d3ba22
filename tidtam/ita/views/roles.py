"""Who runs the ITA: admins name assessors; assessors and admins name agency coordinators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tidtam.core.forms import apply_errors
from tidtam.ita import access
from tidtam.ita.forms import RoleForm
from tidtam.ita.models import ItaRole
from tidtam.ita.services import setup
from tidtam.orgs import access as org_access


def _may_grant(user, role: str) -> bool:
    if role == ItaRole.Role.ASSESSOR:
        return org_access.is_admin(user)
    return access.is_assessor(user)


@require_http_methods(["GET", "POST"])
@login_required
def roles(request: HttpRequest) -> HttpResponse:
    if not access.is_assessor(request.user):
        raise PermissionDenied
    form = RoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not _may_grant(request.user, data["role"]):
            form.add_error("role", _("Only an admin names ITA assessors."))
        else:
            try:
                setup.role_grant(actor=request.user, **data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The role is granted."))
                return redirect("ita:roles")
    return render(
        request,
        "ita/roles.html",
        {"form": form, "roles": ItaRole.objects.select_related("user", "agency")},
    )


@require_POST
@login_required
def role_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    role = get_object_or_404(ItaRole, pk=pk)
    if not _may_grant(request.user, role.role):
        raise PermissionDenied
    setup.role_revoke(actor=request.user, role=role)
    messages.success(request, _("The role is revoked."))
    return redirect("ita:roles")
