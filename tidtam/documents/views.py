"""Pages of the documents app: download the form, verify a printed copy, batch print."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tidtam.core import jobs
from tidtam.core.downloads import attachment
from tidtam.core.jobs import job_file, job_page
from tidtam.documents import kinds
from tidtam.documents import verify as verification
from tidtam.documents.batch import batch_create
from tidtam.documents.forms import BatchForm
from tidtam.documents.models import PrintBatch, PrintedForm
from tidtam.documents.services import form_print
from tidtam.documents.tasks import print_batch
from tidtam.projects.selectors import get_project_for_user


@require_POST
@login_required
def form_pdf(request: HttpRequest, code: str) -> HttpResponse:
    """Print the form: a POST, because each print is recorded (its snapshot and verification
    code), which a link followed by a crawler or a browser's prefetch must not do."""
    project, _can_edit = get_project_for_user(request.user, code)
    return attachment(*form_print(actor=request.user, projects=[project]))


@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: anyone holding the paper may check it. It shows what is printed on the paper
    anyway (the record's code and name, who printed it and when, the hash) and which fields
    have changed since; the old and new values only to a user who may read the record (a
    project, or another kind of record registered in ``kinds``)."""
    printed = get_object_or_404(
        PrintedForm.objects.select_related("project"), code=code.strip().upper()
    )
    kind = kinds.get(printed.kind)
    changes = verification.changes_since(printed)
    can_read = kind.readable(request.user, printed)
    return render(
        request,
        "documents/verify.html",
        {
            "printed": printed,
            "labels": kind.labels,
            "changes": changes,
            "can_read": can_read,
            "hash_ok": verification.hash_matches(printed),
            "now": timezone.now(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def batch_new(request: HttpRequest) -> HttpResponse:
    form = BatchForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        batch = batch_create(actor=request.user, **form.cleaned_data)
        jobs.enqueue(batch, print_batch)
        return redirect("documents:batch_detail", pk=batch.pk)
    return render(request, "documents/batch_new.html", {"form": form})


def _own_batch(request: HttpRequest, pk: int) -> PrintBatch:
    return get_object_or_404(PrintBatch, pk=pk, requested_by=request.user)


@require_GET
@login_required
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return job_page(request, _own_batch(request, pk), "documents/batch_detail.html")


@require_GET
@login_required
def batch_download(request: HttpRequest, pk: int) -> FileResponse:
    return job_file(_own_batch(request, pk))
