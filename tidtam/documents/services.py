"""Writes of the documents app: printing the form records each copy."""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from tidtam.core.audit import record
from tidtam.documents import formdata, kinds, renderer
from tidtam.documents.actions import FORM_PRINTED
from tidtam.documents.kinds import PROJECT
from tidtam.documents.models import PrintBatch, PrintedForm
from tidtam.orgs.models import Unit, User
from tidtam.projects.models import Project


def signer_name(user: User | None) -> str:
    if user is None:
        return ""
    return user.full_name or user.get_username()


@transaction.atomic
def form_print(
    *, actor: User | None, projects: Iterable[Project], batch: PrintBatch | None = None
) -> tuple[str, str, bytes]:
    """Print the form for each project (the caller has checked the actor may read them): one
    recorded copy per project, one PDF with every form. A PDF that cannot be made leaves no
    record of a print."""
    printed_at = timezone.now()
    printed = [
        new_copy(actor=actor, project=project, printed_at=printed_at, batch=batch)
        for project in projects
    ]
    if not printed:
        raise ValueError("form_print needs at least one project")
    for copy in printed:
        record_copy(copy)
    return renderer.render_printed(printed, actor)


def new_copy(
    *,
    actor: User | None,
    project: Project,
    printed_at: dt.datetime,
    batch: PrintBatch | None = None,
) -> PrintedForm:
    """One printed copy of a project's form, not saved yet. The project is read afresh, so
    the copy holds what is stored now."""
    project = Project.objects.select_related("figures").get(pk=project.pk)
    return snapshot_copy(
        actor=actor,
        printed_at=printed_at,
        kind=PROJECT,
        code=project.code,
        name=project.name,
        schema=formdata.SCHEMA,
        data=formdata.project_data(project),
        project=project,
        batch=batch,
    )


def snapshot_copy(
    *,
    actor: User | None,
    printed_at: dt.datetime,
    kind: str,
    code: str,
    name: str,
    schema: str,
    data: dict,
    project: Project | None = None,
    batch: PrintBatch | None = None,
) -> PrintedForm:
    """One printed copy of a record of any kind (``kinds.py``), not saved yet: the snapshot
    (the record's data under the kind's key, who and when, the verification code) as the
    exact JSON bytes embedded in the PDF, with its SHA-256."""
    printed = PrintedForm(
        kind=kind,
        project=project,
        project_code=code,
        project_name=name[: PrintedForm._meta.get_field("project_name").max_length],
        printed_by=actor,
        printed_by_name=signer_name(actor),
        printed_at=printed_at,
        batch=batch,
    )
    snapshot = {
        "schema": schema,
        "verification_code": printed.code,
        "printed_at": printed_at.isoformat(),
        "printed_by": printed.printed_by_name,
        kinds.get(kind).key: data,
    }
    raw = formdata.canonical_json(snapshot)
    printed.data = raw.decode()
    printed.sha256 = formdata.sha256(raw)
    return printed


@transaction.atomic
def record_copy(printed: PrintedForm, *, unit: Unit | None = None, subject=None) -> None:
    """Save a copy from ``new_copy`` or ``snapshot_copy`` with its audit entry (under the
    project's unit, or the ``unit`` and ``subject`` given for another kind of record); a
    batch calls it once the copy's PDF is made."""
    printed.save()
    record(
        action=FORM_PRINTED,
        actor=printed.printed_by,
        target=printed,
        changes={"code": [None, printed.code], "sha256": [None, printed.sha256]},
        unit=unit or printed.project.responsible_unit,
        subject=subject or printed.project,
    )
