"""The official form as PDF: ``render_printed(printed, actor) -> (filename, content_type,
bytes)`` lays out forms already recorded as printed (``services.form_print`` records them and
calls it); it reads and writes nothing in the database. What the template prints is built
here (``document``); Typst lays it out in ``typesetting``."""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation

from tidtam.documents.formview import form_view, labels
from tidtam.documents.models import PrintedForm
from tidtam.documents.thaiwrap import joined
from tidtam.documents.typesetting import render_pdf
from tidtam.orgs.models import User

CONTENT_TYPE = "application/pdf"


def document(printed: list[PrintedForm], actor: User | None) -> dict:
    """What the template prints for these copies, as JSON-ready data."""
    with translation.override(settings.LANGUAGE_CODE):
        forms = [form_view(copy, actor) for copy in printed]
        return {
            "labels": labels(),
            "author": "; ".join(dict.fromkeys(form["unit"] for form in forms)),
            "keywords": [joined(form["printed_line"]) for form in forms],
            "forms": forms,
        }


def file_stamp(moment: dt.datetime | None = None) -> str:
    """When, in a file's name: 20261130-2105, local time (now, if not given)."""
    return timezone.localtime(moment).strftime("%Y%m%d-%H%M")


def filename(printed: list[PrintedForm]) -> str:
    name = printed[0].project_code if len(printed) == 1 else f"{len(printed)}-projects"
    return f"tidtam-form-{name}-{file_stamp(printed[0].printed_at)}.pdf"


def render_kind(printed: PrintedForm, signer: User | None, view, template: Path) -> bytes:
    """Another kind of record's PDF (``kinds``): its ``view`` of the copy, made in the site's
    language, laid out by its own template."""
    with translation.override(settings.LANGUAGE_CODE):
        document = view(printed, signer)
    return render_pdf(document, template)


def render_printed(printed: list[PrintedForm], actor: User | None) -> tuple[str, str, bytes]:
    """One PDF with the form of each printed copy, each form paged on its own."""
    return filename(printed), CONTENT_TYPE, render_pdf(document(printed, actor))
