"""Batch print: every project of a unit (and its sub-units) and a fiscal year, one PDF per
project in a ZIP, with progress saved on the batch as it goes."""

import zipfile
from collections.abc import Callable
from io import BytesIO

from django.db.models import QuerySet
from django.utils import timezone

from tidtam.core import jobs
from tidtam.documents.models import PrintBatch
from tidtam.documents.services import form_print
from tidtam.orgs.models import Unit, User
from tidtam.projects.models import Project
from tidtam.projects.selectors import project_list


def batch_projects(user: User, unit: Unit, fiscal_year: int) -> QuerySet[Project]:
    """The projects the user may read, of the unit's subtree and the fiscal year."""
    return project_list(user, fiscal_year=fiscal_year, unit_id=unit.pk)


def batch_create(*, actor: User, unit: Unit, fiscal_year: int) -> PrintBatch:
    total = batch_projects(actor, unit, fiscal_year).count()
    return PrintBatch.objects.create(
        requested_by=actor, unit=unit, fiscal_year=fiscal_year, total=total
    )


def batch_run(batch: PrintBatch, on_progress: Callable[[int, int], None] | None = None) -> None:
    """Print each project (``core.jobs.run``: progress saved as it goes)."""

    def work(progress: Callable[[int], None]) -> tuple[str, str, bytes]:
        projects = list(batch_projects(batch.requested_by, batch.unit, batch.fiscal_year))
        PrintBatch.objects.filter(pk=batch.pk).update(total=len(projects))
        buffer = BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
            for index, project in enumerate(projects, start=1):
                filename, _type, content = form_print(
                    actor=batch.requested_by, projects=[project], batch=batch
                )
                archive.writestr(filename, content)
                progress(index)
                if on_progress:
                    on_progress(index, len(projects))
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        name = f"tidtam-forms-{batch.fiscal_year}-{batch.unit_id}-{stamp}.zip"
        return name, "application/zip", buffer.getvalue()

    jobs.run(batch, work)
