"""PDF printouts through poppler's pdftotext (samples made by samples/make_pdfs.py)."""

import re
import shutil

import pytest

from tidtam.legacy.parser import LegacyParseError, parse
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


def test_a_good_pdf_costs_one_run_of_pdftotext(monkeypatch):
    """The second extraction mode runs only when the first text does not read: count the real
    runs of pdftotext (the function that shells out, wrapped, not mocked)."""
    import subprocess

    calls = []
    real_run = subprocess.run

    def counting_run(command, *args, **kwargs):
        calls.append(command[:2])
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr("tidtam.legacy.sources.subprocess.run", counting_run)
    for name in ("legacy-printout-a.pdf", "variant-c-lists-page-break.pdf"):
        calls.clear()
        result, _text = parse_bytes((SAMPLES / name).read_bytes())
        assert len(result.reports) >= 3 and not result.partial
        assert calls == [["pdftotext", "-layout"]], name
    calls.clear()
    with pytest.raises(LegacyParseError):  # not a printout: both modes were tried
        parse_bytes(_pdf_of_nothing())
    assert [call[1] for call in calls] == ["-layout", "-enc"]


def _pdf_of_nothing() -> bytes:
    """A valid one-page PDF with no text at all."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
