"""Copy, paste and search: the text every reader takes out of the PDF is the text put in —
poppler (pdftotext), PDFium (Chrome's viewer) and MuPDF."""

import unicodedata

import pytest
from pythainlp.corpus import thai_words

from tidtam.documents import pdftext
from tidtam.documents.tests.helpers import READERS, found, mupdf_text, pdf_text, thai_letters
from tidtam.documents.typesetting import compiler

STACKED = ["ทั่ว", "ซึ่ง", "ปั้น", "น้ำ", "ป่ำ", "ผู้", "ที่", "นั้น", "ทั้ง", "กลั่น", "เรื่อง"]
# Over the tall consonants ป ฝ ฟ the font shifts the tone mark left, and poppler guessed a
# space after the cluster (เปื้ อน); a raised mark drawn on its own it put after the next
# letter (กริน้); a lone mark of no advance it tore from its cluster (กรณีศก ึ ษา).
SHIFTED = ["เปื้อน", "ฟื้นฟู", "ปี่กลาง", "กระผีกริ้น", "ขมิ้น", "กรณีศึกษา", "กดขี่ข่มเหง"]


def _document(lines: list[str]) -> dict:
    """A minimal form: each line a paragraph of the rationale."""
    paragraph = [{"p": [{"t": line, "b": False, "i": False}]} for line in lines]
    return {
        "labels": {key: key for key in [
            "title", "s1", "s11", "s12", "s13", "s14", "s15", "s16", "s2", "report_no",
            "report_detail", "report_continued", "no_reports", "certify", "sign", "sign_role",
            "position", "verify_code", "verify_at", "page",
        ]},
        "author": "test", "keywords": [],
        "forms": [{
            "project_code": "X", "printed_line": "p", "s11_top": [], "s11_grid": [], "s12": [],
            "rationale": paragraph, "objectives": [], "targets": [], "alignment": [],
            "reports": [], "signer_name": "", "signer_position": "", "verify_code": "C",
            "verify_url": "u", "sha256": "h", "qr_alt": "QR",
            "attachment": {"name": "s.json", "content": "{}", "description": "d"},
            "qr_svg": '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>',
        }],
    }  # fmt: skip


def _typst(lines: list[str]) -> bytes:
    return compiler().compile(_document(lines))


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _lines(pdf: bytes) -> list[str]:
    """poppler's lines of text, without the page header ("title", "X") and footer."""
    return [
        _nfkc(line.strip())
        for line in pdf_text(pdf).splitlines()
        if line.strip()
        and line.strip() not in {"title", "X", "p"}
        and not line.strip().startswith("page ")
    ]


def _assert_round_trip(pdf: bytes, reader: str, words: list[str]) -> None:
    """poppler: one word a line, each exactly; the others: the same letters in order."""
    if reader == "poppler":
        got = _lines(pdf)
        expected = [_nfkc(word) for word in words]
        start = got.index(expected[0])
        assert got[start : start + len(words)] == expected
        return
    got, expected = thai_letters(READERS[reader](pdf)), thai_letters("".join(words))
    first = next((i for i, (a, b) in enumerate(zip(got, expected, strict=False)) if a != b), None)
    assert got == expected, (first, got[first - 20 : first + 20] if first else got[-40:])


def test_typst_alone_gives_a_mark_the_text_of_its_whole_cluster():
    """The bug we mend, so that this test fails the day Typst fixes it upstream."""
    raw = _typst(STACKED)
    assert "ทั่ทั่ว" in _lines(raw) or "ซึ่ซึ่ง" in _lines(raw)
    assert "ทั่ทั่ว" in mupdf_text(raw)


@pytest.mark.parametrize("reader", READERS)
def test_stacked_and_shifted_marks_come_back_exactly(reader):
    words = STACKED + SHIFTED
    _assert_round_trip(pdftext.fix_text_layer(_typst(words)), reader, words)


@pytest.fixture(scope="module")
def dictionary() -> tuple[list[str], bytes]:
    """All of PyThaiNLP's dictionary, one word a line (about 1,300 pages)."""
    words = sorted(thai_words())
    return words, pdftext.fix_text_layer(_typst(words))


@pytest.mark.parametrize("reader", READERS)
def test_every_word_of_the_thai_dictionary_comes_back_exactly(dictionary, reader):
    words, pdf = dictionary
    assert len(words) == 62106
    _assert_round_trip(pdf, reader, words)


@pytest.mark.parametrize("reader", ["pdfium", "mupdf"])
def test_each_reader_finds_thai_words_by_its_own_search(reader):
    pdf = pdftext.fix_text_layer(_typst(["บรรลุซึ่งเป้าหมาย", "รายงานครั้งที่ 1", "ทั่วถึง"]))
    for word in ["ซึ่ง", "ครั้งที่", "ทั่วถึง"]:
        assert found(pdf, reader, word) == 1, word


def test_each_glyph_carries_its_own_characters():
    """uni0E48.small is ่ alone, the ligature NIKHAHIT + MAI THO is read in the typed order."""
    assert pdftext.name_text("uni0E48.small") == "\u0e48"
    assert pdftext.name_text("uni0E4D0E49.narrow") == "\u0e49\u0e4d"
    assert pdftext.name_text("yoYingthai.less") == "ญ"
    assert pdftext.name_text("uni0E33") == "ำ"
    assert pdftext.name_text("A.ss01") is None


def test_the_fix_is_an_incremental_update():
    raw = _typst(STACKED)
    fixed = pdftext.fix_text_layer(raw)
    assert fixed.startswith(raw) and len(fixed) > len(raw)


def test_a_pdf_not_written_by_typst_is_left_as_it_is():
    assert pdftext.fix_text_layer(b"%PDF-1.7\n%%EOF\n") == b"%PDF-1.7\n%%EOF\n"


def test_threads_each_get_their_own_compiler():
    """A Typst compiler cannot compile in two threads at once ("Already borrowed")."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda i: _typst([f"ทั่ว {i}"]), range(8)))
    assert all(pdf.startswith(b"%PDF-") for pdf in results)
