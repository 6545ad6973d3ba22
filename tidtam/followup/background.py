"""Large project exports in the background: a job row with progress, run by a task."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from tidtam.followup import exports
from tidtam.followup.models import ExportJob
from tidtam.orgs.models import User

# more rows than this and the list page hands the export to the worker
LARGE_EXPORT_ROWS = getattr(settings, "TIDTAM_LARGE_EXPORT_ROWS", 2000)


def export_job_create(*, actor: User, fmt: str, filters: dict, total: int) -> ExportJob:
    from tidtam.followup.tasks import run_export

    if fmt not in exports.FORMATS:
        raise ValueError(f"unknown export format: {fmt}")
    job = ExportJob.objects.create(requested_by=actor, fmt=fmt, filters=filters, total=total)
    transaction.on_commit(lambda: run_export.enqueue(job.pk))
    return job


def export_job_run(job: ExportJob) -> None:
    """Write the file, saving progress as it goes; safe to run again (it starts over)."""
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING, done=0)

    def progress(done: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(done=done)

    try:
        filters = dict(job.filters)
        filename, content_type, body = exports.export_projects(
            job.requested_by,
            fiscal_year=filters.pop("fiscal_year", None),
            fmt=job.fmt,
            on_progress=progress,
            **filters,
        )
    except Exception as error:
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED, error=str(error)[:1000], finished_at=timezone.now()
        )
        raise
    job.refresh_from_db()
    job.file.save(filename, ContentFile(body), save=False)
    job.content_type = content_type
    job.status = ExportJob.Status.DONE
    job.done, job.finished_at = job.total, timezone.now()
    job.save(update_fields=["file", "content_type", "status", "done", "finished_at"])
