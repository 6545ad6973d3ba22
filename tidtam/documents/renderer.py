"""The official form as PDF: ``render_printed(printed, actor) -> (filename, content_type,
bytes)`` lays out forms already recorded as printed (``services.form_print`` records them and
calls it); it reads and writes nothing in the database.

Typst lays out ``typst/form.typ``; everything it prints arrives as one JSON document in
``sys.inputs`` (labels, display strings, rich text as blocks), never spliced into markup.
"""

import json
import threading
from pathlib import Path

import typst
from django.conf import settings
from django.utils import timezone, translation

from tidtam.documents.formview import form_view, labels
from tidtam.documents.models import PrintedForm
from tidtam.documents.pdftext import fix_text_layer
from tidtam.orgs.models import User

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


def render_printed(printed: list[PrintedForm], actor: User | None) -> tuple[str, str, bytes]:
    """One PDF with the form of each printed copy, each form paged on its own."""
    with translation.override(settings.LANGUAGE_CODE):
        forms = [form_view(copy, actor) for copy in printed]
        document = {"labels": labels(), "author": forms[0]["printed_line"], "forms": forms}
    content = render_pdf(document)
    stamp = timezone.localtime(printed[0].printed_at).strftime("%Y%m%d-%H%M")
    name = printed[0].project_code if len(printed) == 1 else f"{len(printed)}-projects"
    return f"tidtam-form-{name}-{stamp}.pdf", CONTENT_TYPE, content
