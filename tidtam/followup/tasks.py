"""Background tasks (django-tasks; run the worker with ``tidtam db_worker``)."""

from django_tasks import task

from tidtam.followup.background import export_job_run
from tidtam.followup.models import ExportJob


@task()
def run_export(job_id: int) -> None:
    export_job_run(ExportJob.objects.select_related("requested_by").get(pk=job_id))
