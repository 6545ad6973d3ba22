"""The setup import pages: templates to download, an upload with its preview, the import
(in the background for a large file, with its progress) and, for admins, the city's export."""

import contextlib

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tidtam.core import jobs
from tidtam.core.downloads import attachment
from tidtam.core.spreadsheets import Refused
from tidtam.intake import export, services
from tidtam.intake.columns import BY_KEY, KINDS
from tidtam.intake.forms import UploadForm
from tidtam.intake.models import SetupImport
from tidtam.intake.tasks import run_import
from tidtam.orgs import access

TEMPLATE = "intake/upload.html"
SHOWN = 200  # rows of each list the preview shows


def _check_role(request: HttpRequest) -> None:
    """Admins import everything; coordinators the projects of the agencies they follow."""
    if not access.follows_up(request.user):
        raise PermissionDenied


def _page(request: HttpRequest, context: dict) -> HttpResponse:
    context.setdefault("form", UploadForm())
    context["kinds"] = KINDS
    context["is_admin"] = access.is_admin(request.user)
    return render(request, TEMPLATE, context)


@require_http_methods(["GET", "POST"])
@login_required
def upload(request: HttpRequest) -> HttpResponse:
    _check_role(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _page(request, {"form": form})
    upload = form.cleaned_data["file"]
    data = upload.read()
    try:
        preview = services.preview(request.user, [(upload.name, data)])
    except Refused as refused:
        return _page(request, {"form": form, "problems": refused.problems, "name": upload.name})
    record = services.upload_create(
        actor=request.user, name=upload.name, data=data, rows=len(preview.items)
    )
    return redirect("intake:detail", pk=record.pk)


def _own(request: HttpRequest, pk: int) -> SetupImport:
    _check_role(request)
    return get_object_or_404(SetupImport, pk=pk, requested_by=request.user)


def _preview_context(request: HttpRequest, record: SetupImport) -> dict:
    with record.source.open("rb") as stored:
        files = [(record.source_name, stored.read())]
    context: dict = {"record": record, "name": record.source_name}
    try:
        preview = services.preview(request.user, files)
    except Refused as refused:
        context["problems"] = refused.problems
        return context
    sections = []
    for kind in KINDS:
        lists = [(action, preview.of(kind.key, action)) for action in ("create", "change", "same")]
        if any(items for _action, items in lists):
            sections.append({"kind": kind, "lists": [(a, i[:SHOWN], len(i)) for a, i in lists]})
    context.update(preview=preview, sections=sections)
    return context


@require_GET
@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The preview of a kept upload; once imported, its progress and outcome."""
    record = _own(request, pk)
    if record.confirmed_at:
        return jobs.job_page(request, record, "intake/job.html")
    return _page(request, _preview_context(request, record))


@require_POST
@login_required
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    record = _own(request, pk)
    if record.confirmed_at:
        return redirect("intake:detail", pk=record.pk)
    SetupImport.objects.filter(pk=record.pk).update(confirmed_at=timezone.now())
    record.refresh_from_db()
    if record.total > services.LARGE_IMPORT_ROWS:
        jobs.enqueue(record, run_import)
        return redirect("intake:detail", pk=record.pk)
    with contextlib.suppress(Refused):  # kept on the job (its error), shown on its page
        services.upload_run(record)
    return redirect("intake:detail", pk=record.pk)


@require_GET
@login_required
def result(request: HttpRequest, pk: int) -> FileResponse:
    return jobs.job_file(_own(request, pk))


@require_GET
@login_required
def template_workbook(request: HttpRequest) -> HttpResponse:
    _check_role(request)
    return attachment(*export.template(None, "xlsx"))


@require_GET
@login_required
def template_file(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    _check_role(request)
    if kind not in BY_KEY or fmt not in ("xlsx", "csv"):
        raise Http404
    return attachment(*export.template(kind, fmt))


@require_GET
@login_required
def export_file(request: HttpRequest) -> HttpResponse:
    """The city's setup and projects in the templates' columns: admins only."""
    if not access.is_admin(request.user):
        raise PermissionDenied
    year = request.GET.get("fiscal_year", "")
    fiscal_year = (
        int(year) if year.isascii() and year.isdigit() and 2500 <= int(year) <= 2700 else None
    )
    fmt = request.GET.get("format", "xlsx")
    kind = request.GET.get("kind")
    if fmt not in ("xlsx", "csv") or (kind is not None and kind not in BY_KEY):
        raise Http404
    return attachment(*export.export(fiscal_year, fmt, kind))
