"""The pages every background job shares: its progress (HTMX-polled) and its file."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tidtam.core.models import BackgroundJob


def job_page(request: HttpRequest, job: BackgroundJob, template: str) -> HttpResponse:
    """The job's page; an HTMX poll gets only its ``progress`` partial."""
    if request.headers.get("HX-Request"):
        template += "#progress"
    return render(request, template, {"job": job})


def job_file(job: BackgroundJob) -> FileResponse:
    """The finished job's file as a download; a 404 until it is done."""
    if job.status != BackgroundJob.Status.DONE or not job.file:
        raise Http404
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.file.name.rsplit("/", 1)[-1],
        content_type=getattr(job, "content_type", "") or None,
    )
