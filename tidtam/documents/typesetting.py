"""Typst → PDF/A-3 with an exact text layer, and nothing else: no Django, no database, so that
batch printing's layout processes start in ~0.05 s instead of setting Django up (~0.7 s each).

Typst lays out ``typst/form.typ`` (or another app's template); everything it prints arrives as
one JSON document (labels, display strings, rich text as blocks), never spliced into markup.
The document is a file, ``data.json``, next to a copy of the template in the thread's own
directory — not ``sys.inputs``: Typst keeps the layout of every paragraph between
compilations, but any change of ``sys.inputs`` discards all of it (it is part of Typst's
standard library), while a changed file only re-lays out what reads the changed values.
Reprinting a form costs ~10 ms of Typst instead of ~55 ms, and the fixed parts of any form
(headings, labels) are laid out once.
"""

import json
import shutil
import tempfile
import threading
import weakref
from pathlib import Path

import typst

from tidtam.documents.pdftext import fix_text_layer

HERE = Path(__file__).parent
TEMPLATE = HERE / "typst" / "form.typ"
FONTS = HERE / "fonts"
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


def compiler(template: Path = TEMPLATE) -> _Compiler:
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
    return fix_text_layer(compiler(template).compile(document))
