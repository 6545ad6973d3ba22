"""Reading printed PDFs back in tests: the text layer as pdftotext sees it."""

import datetime as dt
import re
import subprocess
import tempfile
import unicodedata
from collections.abc import Callable
from decimal import Decimal


def pdf_text(pdf: bytes, *, layout: bool = False) -> str:
    """The text of the PDF by pdftotext (poppler), pages separated by form feeds."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else [])
        result = subprocess.run([*args, file.name, "-"], capture_output=True, check=True)
    return result.stdout.decode()


def fold(text: str) -> str:
    """NFKC, then every run of whitespace removed.

    pdftotext puts a newline wherever a line wrapped, and Thai wraps between words with no
    space, so a wrapped paragraph cannot be compared space for space; every other character
    must come back exactly once, in order. (Word by word, one a line, the text comes back
    exactly with no folding at all: see test_text_layer.py.)
    """
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


# the label of a report continued from the page before, in its number cell
CONTINUED = re.compile(r"รายงานครั้งที่\s*\d+\s*\(ต่อ\)")


def body_text(pdf: bytes, repeated: list[str], reader=pdf_text) -> str:
    """The text without the lines that repeat on every page (page header, table header,
    footer) and the "(continued)" labels, so that a report broken across pages reads as
    one. Lines are compared with whitespace folded: readers space a table header
    differently."""
    lines = []
    for line in CONTINUED.sub("", reader(pdf)).splitlines():
        rest = fold(line)
        for piece in repeated:
            rest = rest.replace(fold(piece), "")
        if not rest or line.strip().startswith(("พิมพ์เมื่อ", "หน้า ")):
            continue
        lines.append(line)
    return "\n".join(lines)


def page_count(pdf: bytes) -> int:
    return pdf_text(pdf).count("\f")


def pdfium_text(pdf: bytes) -> str:
    """The text as PDFium (Chrome's viewer) extracts it, pages separated by form feeds."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    return "\f".join(page.get_textpage().get_text_range() for page in document)


def mupdf_text(pdf: bytes) -> str:
    """The text as MuPDF extracts it, pages separated by form feeds."""
    import pymupdf

    with pymupdf.open(stream=pdf, filetype="pdf") as document:
        return "\f".join(page.get_text() for page in document)


READERS = {"poppler": pdf_text, "pdfium": pdfium_text, "mupdf": mupdf_text}


def found(pdf: bytes, reader: str, text: str) -> int:
    """How many times the reader's own search finds ``text`` (poppler has none: its text)."""
    if reader == "pdfium":
        import pypdfium2

        count = 0
        for page in pypdfium2.PdfDocument(pdf):
            search = page.get_textpage().search(text)
            while search.get_next():
                count += 1
        return count
    if reader == "mupdf":
        import pymupdf

        with pymupdf.open(stream=pdf, filetype="pdf") as document:
            return sum(len(page.search_for(text)) for page in document)
    return pdf_text(pdf).count(text)


def thai_letters(text: str) -> str:
    """The Thai letters of the text (NFKC) in order, nothing else: what is left when the
    template's Latin words, page headers and footers and a reader's line breaks go."""
    return re.sub(r"[^\u0e00-\u0e7f]", "", unicodedata.normalize("NFKC", text))


def forty_reports(actor, unit, coordinator, narrative: Callable[[int], str]):
    """A project of unit with 40 reports, report n's narrative ``narrative(n)``."""
    from tidtam.projects.services import project_create
    from tidtam.reports.services import report_add

    project = project_create(
        actor=actor,
        name="โครงการทดสอบรายงานยาว",
        fiscal_year=2566,
        start_date=dt.date(2022, 10, 1),
        end_date=dt.date(2023, 9, 30),
        budget_received=Decimal("1234567.50"),
        responsible_unit=unit,
        responsible_person="ฝ่ายปกครอง",
        coordinator=coordinator,
        rationale="<p>หลักการ</p>",
        objectives="<ol><li>ข้อหนึ่ง</li><li>ข้อสอง</li></ol>",
        targets="<ul><li>เป้าหมาย</li></ul>",
    )
    for number in range(1, 41):
        report_add(
            actor=actor,
            project=project,
            date=dt.date(2022, 10, 1) + dt.timedelta(days=7 * number),
            narrative=narrative(number),
            progress_percent=Decimal(number * 100) / 40,
            budget_disbursed=Decimal("1000.25"),
            plan_status="on_plan",
            target_status="on_target",
        )
    return project
