"""Copy and paste: the text pdftotext takes out of the PDF is the text put in."""

import json
import unicodedata

import pytest
from pythainlp.corpus import thai_words

from tidtam.documents import pdftext
from tidtam.documents.renderer import _compiler
from tidtam.documents.tests.helpers import pdf_text

STACKED = ["ทั่ว", "ซึ่ง", "ปั้น", "น้ำ", "ป่ำ", "ผู้", "ที่", "นั้น", "ทั้ง", "กลั่น", "เรื่อง"]
# Over the tall consonants ป ฝ ฟ the font shifts the tone mark left; without the repair
# pdftotext guesses a space after the cluster (เปื้ อน).
SHIFTED = ["เปื้อน", "ฟื้นฟู", "ปี่กลาง"]


def _document(lines: list[str]) -> dict:
    """A minimal form: each line a paragraph of the rationale."""
    paragraph = [{"p": [{"t": line, "b": False, "i": False}]} for line in lines]
    return {
        "labels": {key: key for key in [
            "title", "s1", "s11", "s12", "s13", "s14", "s15", "s16", "s2", "report_no",
            "report_detail", "no_reports", "certify", "sign", "sign_role", "position",
            "verify_code", "verify_at", "page",
        ]},
        "author": "test",
        "forms": [{
            "project_code": "X", "printed_line": "p", "s11_top": [], "s11_grid": [], "s12": [],
            "rationale": paragraph, "objectives": [], "targets": [], "alignment": [],
            "reports": [], "signer_name": "", "signer_position": "", "verify_code": "C",
            "verify_url": "u", "sha256": "h", "attachments": [],
            "qr_svg": '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>',
        }],
    }  # fmt: skip


def _typst(lines: list[str]) -> bytes:
    return _compiler().compile(
        sys_inputs={"data": json.dumps(_document(lines), ensure_ascii=False)}
    )


def _lines(pdf: bytes) -> list[str]:
    """The lines of text, without the page header ("title", "X") and footer ("p", "page …")."""
    return [
        unicodedata.normalize("NFKC", line.strip())
        for line in pdf_text(pdf).splitlines()
        if line.strip()
        and line.strip() not in {"title", "X", "p"}
        and not line.strip().startswith("page ")
    ]


def test_typst_alone_duplicates_clusters_with_two_stacked_marks():
    """The bug we repair, so that this test fails the day Typst fixes it upstream."""
    lines = _lines(_typst(STACKED))
    assert "ทั่ทั่ว" in lines
    assert "ซึ่ซึ่ง" in lines


@pytest.mark.parametrize("repair", [pdftext.repair_thai_text, pdftext._repair_with_pypdf])
def test_repaired_text_of_stacked_marks_is_exact(repair):
    pdf, count = repair(_typst(STACKED))
    assert count > 0
    lines = _lines(pdf)
    for word in STACKED:
        assert unicodedata.normalize("NFKC", word) in lines
    start = lines.index("ทั่ว")
    assert lines[start : start + len(STACKED)] == [
        unicodedata.normalize("NFKC", word) for word in STACKED
    ]


@pytest.mark.parametrize("repair", [pdftext.repair_thai_text, pdftext._repair_with_pypdf])
def test_tone_marks_shifted_over_tall_consonants_get_no_guessed_space(repair):
    raw = _typst(SHIFTED)
    assert "เปื้ อน" in _lines(raw)  # what pdftotext makes of Typst's output alone
    pdf, count = repair(raw)
    assert count == 3
    lines = _lines(pdf)
    start = lines.index("เปื้อน")
    assert lines[start : start + len(SHIFTED)] == SHIFTED


def test_the_fast_repair_and_the_general_one_agree():
    raw = _typst(STACKED * 3)
    fast, fast_count = pdftext._repair_fast(raw)
    general, general_count = pdftext._repair_with_pypdf(raw)
    assert fast_count == general_count
    assert pdf_text(fast) == pdf_text(general)
    assert fast.startswith(raw)  # an incremental update: the original bytes are kept


def test_a_thai_dictionary_sample_round_trips_exactly():
    """Every 25th word of PyThaiNLP's dictionary (about 2,500 words), one a line: each line
    comes back exactly (NFKC), not even a space added."""
    words = sorted(thai_words())[::25]
    pdf, _count = pdftext.repair_thai_text(_typst(words))
    got = _lines(pdf)
    expected = [unicodedata.normalize("NFKC", word) for word in words]
    start = got.index(expected[0])
    assert got[start : start + len(words)] == expected


def test_a_pdf_without_thai_is_returned_unchanged():
    raw = _typst(["Hello world 2566"])
    assert pdftext.repair_thai_text(raw) == (raw, 0)


def test_threads_each_get_their_own_compiler():
    """A Typst compiler cannot compile in two threads at once ("Already borrowed")."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda i: _typst([f"ทั่ว {i}"]), range(8)))
    assert all(pdf.startswith(b"%PDF-") for pdf in results)
