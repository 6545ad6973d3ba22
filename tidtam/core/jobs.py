"""What every background job shares: handing it to the worker, running it with its progress
saved as it goes, and its pages (progress, HTMX-polled, and the finished file)."""

from collections.abc import Callable

from django.core.files.base import ContentFile
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tidtam.core.models import BackgroundJob

ERROR_LENGTH = 2000  # what the job's page shows of a failure; the worker's log has it whole

# a job's work: given a function that records how many items are done, it returns the file
Work = Callable[[Callable[[int], None]], tuple[str, str, bytes]]


def enqueue(job: BackgroundJob, task) -> None:
    """Hand the job to the worker (``tidtam db_worker``) once the transaction that created it
    has committed, so that the worker finds it."""
    transaction.on_commit(lambda: task.enqueue(job.pk))


def run(job: BackgroundJob, work: Work) -> None:
    """Do the job's work and keep its file; safe to run again (it starts over). A failure is
    kept on the job, for its page, and raised again, for the worker's log."""
    jobs = type(job).objects.filter(pk=job.pk)
    jobs.update(status=BackgroundJob.Status.RUNNING, done=0, error="", finished_at=None)
    try:
        filename, content_type, body = work(lambda done: jobs.update(done=done))
    except Exception as error:
        jobs.update(
            status=BackgroundJob.Status.FAILED,
            error=str(error)[:ERROR_LENGTH],
            finished_at=timezone.now(),
        )
        raise
    job.refresh_from_db()
    job.file.save(filename, ContentFile(body), save=False)
    job.content_type = content_type
    job.status, job.done, job.finished_at = BackgroundJob.Status.DONE, job.total, timezone.now()
    job.save(update_fields=["file", "content_type", "status", "done", "finished_at"])


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
        content_type=job.content_type or None,
    )
