"""Large project exports in the background: a job row with progress, run by a task."""

from django.conf import settings

from tidtam.core import jobs
from tidtam.followup import exports
from tidtam.followup.models import ExportJob
from tidtam.orgs.models import User

# more rows than this and the list page hands the export to the worker
LARGE_EXPORT_ROWS = getattr(settings, "TIDTAM_LARGE_EXPORT_ROWS", 2000)


def export_job_create(*, actor: User, fmt: str, filters: dict, total: int) -> ExportJob:
    if fmt not in exports.FORMATS:
        raise ValueError(f"unknown export format: {fmt}")
    return ExportJob.objects.create(requested_by=actor, fmt=fmt, filters=filters, total=total)


def export_job_run(job: ExportJob) -> None:
    """Write the export's file (``core.jobs.run``: progress saved as it goes)."""
    filters = dict(job.filters)
    fiscal_year = filters.pop("fiscal_year", None)
    jobs.run(
        job,
        lambda progress: exports.export_projects(
            job.requested_by, fiscal_year=fiscal_year, fmt=job.fmt, on_progress=progress, **filters
        ),
    )
