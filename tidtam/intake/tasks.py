"""Background tasks (django-tasks; run the worker with ``tidtam db_worker``)."""

from django_tasks import task

from tidtam.intake.models import SetupImport
from tidtam.intake.services import upload_run


@task()
def run_import(job_id: int) -> None:
    upload_run(SetupImport.objects.select_related("requested_by").get(pk=job_id))
