"""The official form as PDF: ``render_printed(printed, actor) -> (filename, content_type,
bytes)`` lays out forms already recorded as printed (``services.form_print`` records them and
calls it); it reads and writes nothing in the database. What the template prints is built
here (``document``); Typst lays it out in ``typesetting``."""

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


def filename(printed: list[PrintedForm]) -> str:
    stamp = timezone.localtime(printed[0].printed_at).strftime("%Y%m%d-%H%M")
    name = printed[0].project_code if len(printed) == 1 else f"{len(printed)}-projects"
    return f"tidtam-form-{name}-{stamp}.pdf"


def render_printed(printed: list[PrintedForm], actor: User | None) -> tuple[str, str, bytes]:
    """One PDF with the form of each printed copy, each form paged on its own."""
    return filename(printed), CONTENT_TYPE, render_pdf(document(printed, actor))
