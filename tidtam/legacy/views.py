"""The import page: upload a printout, see the source and the parsed fields side by side with
what went nowhere highlighted, see what an import would change, then import."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tidtam.legacy.forms import ImportForm, UploadForm
from tidtam.legacy.i18n import error_message
from tidtam.legacy.messages import LegacyParseError
from tidtam.legacy.models import LegacyImport
from tidtam.legacy.parser import parse
from tidtam.legacy.presentation import preview, side_by_side
from tidtam.legacy.services import import_printout
from tidtam.legacy.sources import parse_bytes
from tidtam.orgs import access
from tidtam.projects.selectors import get_project_for_user

TEMPLATE = "legacy/upload.html"


def _check_role(request: HttpRequest) -> None:
    user = request.user
    if not access.follows_up(user):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
@login_required
def upload(request: HttpRequest) -> HttpResponse:
    _check_role(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    context: dict = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            parsed, text = parse_bytes(upload.read())
        except LegacyParseError as error:
            context["error"] = f"{upload.name}: {error_message(error)}"
        else:
            context.update(preview(request.user, parsed, text, upload.name))
    return render(request, TEMPLATE, context)


@require_POST
@login_required
def confirm_import(request: HttpRequest) -> HttpResponse:
    _check_role(request)
    form = ImportForm(request.POST)
    if not form.is_valid():
        return redirect("legacy:upload")
    text, name = form.cleaned_data["source"], form.cleaned_data["name"]
    try:
        parsed = parse(text)
        if not form.require_acceptance(parsed.partial):
            context = {"form": UploadForm(), **preview(request.user, parsed, text, name, form)}
            return render(request, TEMPLATE, context)
        outcome = import_printout(
            actor=request.user,
            parsed=parsed,
            source_name=name,
            accept_partial=form.cleaned_data["accept_partial"],
        )
    except LegacyParseError as error:
        context = {"form": UploadForm(), "error": f"{name}: {error_message(error)}"}
        return render(request, TEMPLATE, context)
    except ValidationError as error:
        context = {"form": UploadForm(), **preview(request.user, parsed, text, name)}
        context["problems"] = error.messages
        return render(request, TEMPLATE, context)
    if outcome.import_id:
        messages.success(
            request,
            _("%(name)s imported: %(count)s changes recorded in the project's history.")
            % {"name": name, "count": len(outcome.entries)},
        )
    else:
        messages.info(request, _("%(name)s: nothing to change.") % {"name": name})
    return redirect("projects:detail", code=outcome.code)


@require_GET
@login_required
def imported(request: HttpRequest, pk: int) -> HttpResponse:
    """An imported printout, side by side again: anyone who may read the project."""
    stored = get_object_or_404(LegacyImport.objects.select_related("project", "actor"), pk=pk)
    get_project_for_user(request.user, stored.project.code)  # 404 when not theirs
    context = side_by_side(parse(stored.source), stored.file_name)
    return render(request, "legacy/detail.html", {"imported": stored, **context})
