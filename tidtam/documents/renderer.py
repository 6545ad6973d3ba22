"""The official form as PDF: ``render_printed(printed, actor) -> (filename, content_type,
bytes)`` lays out forms already recorded as printed (``services.form_print`` records them and
calls it); it reads and writes nothing in the database.

Typst lays out ``typst/form.typ``; everything it prints arrives as one JSON document
(labels, display strings, rich text as blocks), never spliced into markup. The document is a
file, ``data.json``, next to a copy of the template in the thread's own directory — not
``sys.inputs``: Typst keeps the layout of every paragraph between compilations, but any change
of ``sys.inputs`` discards all of it (it is part of Typst's standard library), while a changed
file only re-lays out what reads the changed values. Reprinting a form costs ~10 ms of Typst
instead of ~55 ms, and the fixed parts of any form (headings, labels) are laid out once.
"""

import json
import shutil
import tempfile
import threading
import weakref
from pathlib import Path

import typst
from django.conf import settings
from django.utils import timezone, translation

from tidtam.documents.formview import form_view, labels
from tidtam.documents.models import PrintedForm
from tidtam.documents.pdftext import fix_text_layer
from tidtam.documents.thaiwrap import joined
from tidtam.orgs.models import User

HERE = Path(__file__).parent
TEMPLATE = HERE / "typst" / "form.typ"
FONTS = HERE / "fonts"
CONTENT_TYPE = "application/pdf"
PDF_STANDARDS = ["a-3u"]


_local = threading.local()


class _Compiler:
    """One Typst compiler per thread, in a directory of its own: it keeps the parsed template,
    the loaded fonts and the laid-out paragraphs, and may not be used by two threads at once
    ("Already borrowed")."""

    def __init__(self, template: Path = TEMPLATE) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="tidtam-form-"))
        weakref.finalize(self, shutil.rmtree, self.root, ignore_errors=True)
        shutil.copy(template, self.root / template.name)
        self.data = self.root / "data.json"
        self.typst = typst.Compiler(
            str(self.root / template.name),
            root=str(self.root),
            font_paths=[str(FONTS)],
            ignore_system_fonts=True,
        )

    def compile(self, document: dict) -> bytes:
        self.data.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        return self.typst.compile(pdf_standards=PDF_STANDARDS)


def _compiler(template: Path = TEMPLATE) -> _Compiler:
    """This thread's compiler of the template (the form's, or another app's print-out)."""
    compilers = getattr(_local, "compilers", None)
    if compilers is None:
        compilers = _local.compilers = {}
    if template not in compilers:
        compilers[template] = _Compiler(template)
    return compilers[template]


def render_pdf(document: dict, template: Path = TEMPLATE) -> bytes:
    """Typst → PDF/A-3, then its text layer made exact in every reader (see pdftext.py).
    Another app's print-out passes its own template, which reads ``data.json`` and the
    ``fonts/`` given here."""
    return fix_text_layer(_compiler(template).compile(document))


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
