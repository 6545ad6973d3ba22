"""Writes of the documents app: recording a print, and the background batch."""

import datetime as dt

from django.db import transaction

from tidtam.core.audit import record
from tidtam.documents import formdata
from tidtam.documents.models import PrintBatch, PrintedForm
from tidtam.orgs.models import User
from tidtam.projects.models import Project


def signer_name(user: User | None) -> str:
    if user is None:
        return ""
    return user.full_name or user.get_username()


@transaction.atomic
def printed_form_create(
    *,
    actor: User | None,
    project: Project,
    printed_at: dt.datetime,
    batch: PrintBatch | None = None,
) -> PrintedForm:
    """Record one printed copy: the snapshot (project data, who and when, the code) is
    stored as the exact JSON bytes embedded in the PDF, with its SHA-256."""
    printed = PrintedForm(
        project=project,
        project_code=project.code,
        project_name=project.name[:500],
        printed_by=actor,
        printed_by_name=signer_name(actor),
        printed_at=printed_at,
        batch=batch,
    )
    snapshot = {
        "schema": formdata.SCHEMA,
        "verification_code": printed.code,
        "printed_at": printed_at.isoformat(),
        "printed_by": printed.printed_by_name,
        "project": formdata.project_data(project),
    }
    raw = formdata.canonical_json(snapshot)
    printed.data = raw.decode()
    printed.sha256 = formdata.sha256(raw)
    printed.save()
    record(
        action="documents.form.printed",
        actor=actor,
        target=printed,
        changes={"code": [None, printed.code], "sha256": [None, printed.sha256]},
        unit=project.responsible_unit,
        project=project,
    )
    return printed
