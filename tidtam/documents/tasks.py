"""Background tasks (django-tasks; run the worker with ``tidtam db_worker``)."""

from django_tasks import task

from tidtam.documents.batch import batch_run
from tidtam.documents.models import PrintBatch


@task()
def print_batch(batch_id: int) -> None:
    batch_run(PrintBatch.objects.select_related("requested_by", "unit").get(pk=batch_id))
