"""PDF printouts through poppler's pdftotext (samples made by samples/make_pdfs.py)."""

import re
import shutil

import pytest

from tidtam.legacy.parser import parse
from tidtam.legacy.sources import parse_bytes
from tidtam.legacy.tests.helpers import SAMPLES, covered, sample_text

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing")


def squeeze(text: str) -> str:
    """A PDF wraps lines where it likes: compare texts without their white space."""
    return re.sub(r"\s", "", text)


def test_sample_pdf_reads_like_its_text():
    result, _text = parse_bytes((SAMPLES / "legacy-printout-a.pdf").read_bytes())
    assert covered(result)
    pdf, txt = result.to_dict(), parse(sample_text()).to_dict()
    for name, value in txt["project"].items():
        assert squeeze(str(pdf["project"][name])) == squeeze(str(value)), name
    for from_pdf, from_text in zip(pdf["reports"], txt["reports"], strict=True):
        assert squeeze(from_pdf.pop("narrative")) == squeeze(from_text.pop("narrative"))
        assert from_pdf == from_text
    # marks the PDF's text layer set apart: not text, but not hidden either
    assert [item["text"].split()[0] for item in pdf["unparsed"]] == ["พื่", "รื่"]


def test_tables_with_lists_survive_the_pdf():
    result, _text = parse_bytes((SAMPLES / "variant-c-lists-page-break.pdf").read_bytes())
    pdf, txt = result.to_dict(), parse(sample_text("variant-c-lists-page-break.txt")).to_dict()
    for name, value in txt["project"].items():  # the text layer adds a space in ฝั่ง
        assert squeeze(str(pdf["project"][name])) == squeeze(str(value)), name
    assert pdf["reports"] == txt["reports"]
    assert pdf["unparsed"] == []
