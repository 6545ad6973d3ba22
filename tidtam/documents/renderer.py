"""The official form as PDF, behind one contract:
``render_form(*, actor, projects) -> (filename, content_type, bytes)``.

Typst lays out ``typst/form.typ``; everything it prints arrives as one JSON document in
``sys.inputs`` (labels, display strings, rich text as blocks), never spliced into markup.
"""

import json
import threading
from collections.abc import Iterable
from pathlib import Path

import typst
from django.conf import settings
from django.utils import timezone, translation

from tidtam.documents.formview import form_view, labels
from tidtam.documents.models import PrintBatch
from tidtam.documents.pdftext import fix_text_layer
from tidtam.documents.services import printed_form_create
from tidtam.orgs.models import User
from tidtam.projects.models import Project

HERE = Path(__file__).parent
TEMPLATE = HERE / "typst" / "form.typ"
FONTS = HERE / "fonts"
CONTENT_TYPE = "application/pdf"
PDF_STANDARDS = ["a-3u"]


_local = threading.local()


def _compiler() -> typst.Compiler:
    """One compiler per thread: it keeps the parsed template and the loaded fonts, and it
    may not be used by two threads at once ("Already borrowed")."""
    compiler = getattr(_local, "compiler", None)
    if compiler is None:
        compiler = _local.compiler = typst.Compiler(
            str(TEMPLATE),
            root=str(TEMPLATE.parent),
            font_paths=[str(FONTS)],
            ignore_system_fonts=True,
        )
    return compiler


def render_pdf(document: dict) -> bytes:
    """Typst → PDF/A-3, then its text layer made exact in every reader (see pdftext.py)."""
    pdf = _compiler().compile(
        sys_inputs={"data": json.dumps(document, ensure_ascii=False)},
        pdf_standards=PDF_STANDARDS,
    )
    return fix_text_layer(pdf)


def render_form(
    *,
    actor: User | None,
    projects: Iterable[Project],
    batch: PrintBatch | None = None,
) -> tuple[str, str, bytes]:
    """Print the form for each project (the caller has checked the actor may read them):
    one snapshot per project, one PDF with every form, each form paged on its own."""
    projects = list(projects)
    if not projects:
        raise ValueError("render_form needs at least one project")
    printed_at = timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        forms = []
        for project in projects:
            printed = printed_form_create(
                actor=actor, project=project, printed_at=printed_at, batch=batch
            )
            forms.append(form_view(printed, actor))
        document = {
            "labels": labels(),
            "author": forms[0]["printed_line"],
            "forms": forms,
        }
    content = render_pdf(document)
    stamp = timezone.localtime(printed_at).strftime("%Y%m%d-%H%M")
    name = projects[0].code if len(projects) == 1 else f"{len(projects)}-projects"
    return f"tidtam-form-{name}-{stamp}.pdf", CONTENT_TYPE, content
