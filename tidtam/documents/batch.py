"""Batch print: every project of a unit (and its sub-units) and a fiscal year, one PDF per
project in a ZIP, with progress saved on the batch as it goes.

Typst lays out one form at a time per compiler, so a batch of more than a few forms is laid
out by one process per core (``spawn``: Typst's threads do not survive a fork) while this
process reads the projects, builds what each form prints and records the copies. The layout
processes run ``typesetting`` only, which needs no Django: each starts in ~0.05 s, not the
~0.7 s of setting Django up. A copy is recorded once its PDF is made."""

import multiprocessing
import os
import zipfile
from collections import deque
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from io import BytesIO

from django.db.models import QuerySet
from django.utils import timezone

from tidtam.core import jobs
from tidtam.documents import renderer, typesetting
from tidtam.documents.models import PrintBatch
from tidtam.documents.services import new_copy, record_copy
from tidtam.orgs.models import Unit, User
from tidtam.projects.models import Project
from tidtam.projects.selectors import project_list

# below this many forms, starting the processes (~1 s) costs more than it saves
MIN_FORMS_FOR_PROCESSES = 8


def batch_projects(user: User, unit: Unit, fiscal_year: int) -> QuerySet[Project]:
    """The projects the user may read, of the unit's subtree and the fiscal year."""
    return project_list(user, fiscal_year=fiscal_year, unit_id=unit.pk)


def batch_create(*, actor: User, unit: Unit, fiscal_year: int) -> PrintBatch:
    total = batch_projects(actor, unit, fiscal_year).count()
    return PrintBatch.objects.create(
        requested_by=actor, unit=unit, fiscal_year=fiscal_year, total=total
    )


class _InProcess(Executor):
    """Renders in this process, for a small batch (the Executor API of the pool)."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        future.set_result(fn(*args, **kwargs))
        return future


def _renderers(count: int) -> Executor:
    cores = os.cpu_count() or 1
    if count < MIN_FORMS_FOR_PROCESSES or cores < 2:
        return _InProcess()
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(cores, mp_context=context)


def batch_run(batch: PrintBatch, on_progress: Callable[[int, int], None] | None = None) -> None:
    """Print each project (``core.jobs.run``: progress saved as it goes)."""

    def work(progress: Callable[[int], None]) -> tuple[str, str, bytes]:
        actor = batch.requested_by
        projects = list(batch_projects(actor, batch.unit, batch.fiscal_year))
        PrintBatch.objects.filter(pk=batch.pk).update(total=len(projects))
        buffer = BytesIO()
        window = 2 * (os.cpu_count() or 1)  # forms in flight: every process kept busy
        with (
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive,
            _renderers(len(projects)) as pool,
        ):
            pending: deque = deque()
            done = 0

            def finish_one() -> None:
                nonlocal done
                copy, future = pending.popleft()
                content = future.result()
                record_copy(copy)
                archive.writestr(renderer.filename([copy]), content)
                done += 1
                progress(done)
                if on_progress:
                    on_progress(done, len(projects))

            for project in projects:
                copy = new_copy(
                    actor=actor, project=project, printed_at=timezone.now(), batch=batch
                )
                document = renderer.document([copy], actor)
                pending.append((copy, pool.submit(typesetting.render_pdf, document)))
                if len(pending) >= window:
                    finish_one()
            while pending:
                finish_one()
        name = f"tidtam-forms-{batch.fiscal_year}-{batch.unit_id}-{renderer.file_stamp()}.zip"
        return name, "application/zip", buffer.getvalue()

    jobs.run(batch, work)
