"""Repair the text layer of Typst's PDFs so that copied Thai text is not duplicated.

The cause (Typst 0.15 / krilla 0.8): a PDF text-showing operator cannot move glyphs
vertically, so when the shaper raises a tone mark above an upper vowel (ทั่, ซึ่, ปั้: GPOS
mark-to-mark with a y offset) krilla starts a new text run for that mark. Each run carries
the text of the *whole* grapheme cluster — through the glyph's ToUnicode entry or an
``/ActualText`` span — so the cluster is extracted once per run: ทั่ว → ทั่ทั่ว.

The fix: a run whose glyphs all have zero advance width (only combining marks) cannot start
a cluster; it continues the cluster of the run before it, which already carried the text.
We wrap such a run in an empty ``/ActualText`` span (replacing krilla's own span if it has
one), so extractors take the cluster's text once, from the base glyph's run. Nothing is
drawn differently. A second fix (``_extend_short_spans``) mends clusters whose span ends
before the cluster does (tone mark moved left over ป ฝ ฟ), for which pdftotext guessed a
space. The content streams are rewritten as an incremental update, so the rest
of the file (PDF/A metadata, attachments, tags) is kept byte for byte.
"""

import functools
import re
import zlib
from decimal import Decimal
from io import BytesIO

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

_STR = rb"\((?>\\.|[^\\)])*+\)"
# Only a run of one short string can be a stack of marks (one to four glyphs). Candidates
# are found from the "Tm" that starts every run (a literal, so the scan is fast); the
# operators before a candidate are matched only when its glyphs all have no advance.
_SHORT = rb"\((?>\\[0-7]{1,3}|\\.|[^\\)]){1,16}+\)"
_CANDIDATE = re.compile(
    rb"Tm(?P<show>\s*\[\s*(?:-?[\d.]+\s*)?" + _SHORT + rb"\s*\]\s*TJ|\s*" + _SHORT + rb"\s*Tj)"
    rb"(?P<emc>\s*EMC)?"
)
_SPAN = re.compile(rb"/Span\s*<<\s*/ActualText\s*(?:<[0-9A-Fa-f\s]*>|" + _STR + rb")\s*>>\s*BDC\s*")
_SETUP = re.compile(rb"\s*\d+\s+Tr\s*/(?P<font>[^\s/\[\]()<>]+)\s+[-\d.]+\s+Tf[-\d.\s]*")
_LOOK_BACK = 400
_ESCAPES = {b"n": 10, b"r": 13, b"t": 9, b"b": 8, b"f": 12}
_OCTAL = re.compile(rb"\\([0-7]{1,3})|\\(.)", re.S)
EMPTY_SPAN = b"/Span<</ActualText()>>BDC"
# A cluster's ActualText span drawn with one TJ whose last glyph is a mark.
_SPAN_TJ = re.compile(
    rb"/Span\s*<<\s*/ActualText\s*<[0-9A-Fa-f\s]*>\s*>>\s*BDC"
    rb"\s*(?P<tr>\d+)\s+Tr\s*/(?P<font>[^\s/\[\]()<>]+)\s+[-\d.]+\s+Tf[-\d.\s]*Tm"
    rb"\s*\[(?P<items>(?:" + _STR + rb"|[^\]\(])*)\]\s*TJ(?=\s*EMC)"
)
_MOVED_LEFT = re.compile(rb"(?<![-\d.])\d+(?:\.\d*)?\s*" + _STR + rb"\s*$")
_ITEM = re.compile(_STR + rb"|-?\d+(?:\.\d*)?|-?\.\d+")
# how far (thousandths of an em) a mark may end before its cluster before we mend it
_SHORT_BY = Decimal(100)


def _unescape(literal: bytes) -> bytes:
    def one(match: re.Match) -> bytes:
        if match[1] is not None:
            return bytes([int(match[1], 8) & 0xFF])
        char = match[2]
        return bytes([_ESCAPES[char]]) if char in _ESCAPES else char

    return _OCTAL.sub(one, literal)


@functools.lru_cache(maxsize=4096)
def _glyphs(show: bytes) -> tuple[int, ...]:
    data = b"".join(_unescape(literal[1:-1]) for literal in re.findall(_STR, show))
    return tuple(int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data) - 1, 2))


_SPACE = frozenset(b" \t\r\n")
_DIGIT = frozenset(b"0123456789")


def _skip_back(data: bytes, position: int, chars: frozenset[int]) -> int:
    """The position before the run of ``chars`` that ends at ``position``."""
    while position > 0 and data[position - 1] in chars:
        position -= 1
    return position


def _zero_test(font: tuple[dict, object]) -> tuple[bool, frozenset[int]]:
    """(True, glyphs with an advance) when unlisted glyphs have none, else (False, glyphs
    without an advance): so that a run is checked with one set operation."""
    widths, default = font
    if default == 0:
        return True, frozenset(g for g, width in widths.items() if width != 0)
    return False, frozenset(g for g, width in widths.items() if width == 0)


def _marks_only(glyphs: tuple[int, ...], test: tuple[bool, frozenset[int]]) -> bool:
    default_zero, listed = test
    return listed.isdisjoint(glyphs) if default_zero else listed.issuperset(glyphs)


def repair_stream(data: bytes, fonts: dict) -> tuple[bytes, int]:
    """Wrap the mark-only runs of one content stream and mend the spans that end short;
    returns the new stream and how many runs were changed.

    ``fonts`` maps a font resource name to (widths by glyph id, default width)."""
    pieces: list[bytes] = []
    done = 0
    count = 0
    maybe: dict[bytes, bool] = {}  # show bytes → marks only in some font of the page
    tests = {name: _zero_test(font) for name, font in fonts.items()}
    for candidate in _CANDIDATE.finditer(data):
        show = candidate["show"]
        if show not in maybe:
            glyphs = _glyphs(show)
            maybe[show] = bool(glyphs) and any(_marks_only(glyphs, t) for t in tests.values())
        if not maybe[show]:
            continue
        glyphs = _glyphs(show)
        start = candidate.start()
        tr = data.rfind(b"Tr", max(done, start - _LOOK_BACK), start)
        if tr < 0:
            continue
        setup_start = _skip_back(
            data, _skip_back(data, _skip_back(data, tr, _SPACE), _DIGIT), _SPACE
        )
        setup = _SETUP.fullmatch(data, setup_start, start)
        test = tests.get(setup["font"]) if setup else None
        if test is None or not _marks_only(glyphs, test):
            continue
        span_start = setup_start
        head = data[max(done, setup_start - _LOOK_BACK) : setup_start]
        if head.rstrip().endswith(b"BDC") and b"/ActualText" in head:
            span_start = setup_start - len(head) + head.rfind(b"/Span")
            if _SPAN.fullmatch(data, span_start, setup_start) is None:
                continue
        has_span = span_start != setup_start
        if has_span and candidate["emc"] is None:
            continue  # krilla's span would end further on: leave it as it is
        count += 1
        tail = b"\nEMC"
        if not has_span and candidate["emc"] is not None:
            tail += candidate["emc"]  # that EMC closes an enclosing span: keep it
        pieces += [
            data[done:span_start],
            EMPTY_SPAN,
            data[setup_start:start],
            b"Tm",
            candidate["show"],
            tail,
        ]
        done = candidate.end()
    pieces.append(data[done:])
    mended, extended = _extend_short_spans(b"".join(pieces), fonts)
    return mended, count + extended


def _extend_short_spans(data: bytes, fonts: dict) -> tuple[bytes, int]:
    """Over the tall consonants ป ฝ ฟ the font moves a tone mark left, so a cluster drawn as
    [base vowel -205 mark] ends, for an extractor, where the mark is: before the cluster's
    real end. pdftotext then sees a gap to the next letter and inserts a space (เปื้ อน).
    We draw the base glyph once more, invisibly (render mode 3), at its own place, as the
    last glyph of the span, so the span ends where the cluster ends. Nothing visible changes
    and the span still gives its text once."""
    pieces: list[bytes] = []
    done = 0
    for match in _SPAN_TJ.finditer(data):
        if _MOVED_LEFT.search(match["items"]) is None:
            continue  # the last glyph is not moved back: the span ends where it should
        widths, default = fonts.get(match["font"], ({}, 1))
        pen = Decimal(0)
        placed = []  # (glyph, x, width)
        for item in _ITEM.findall(match["items"]):
            if item.startswith(b"("):
                for glyph in _glyphs(item):
                    width = Decimal(str(widths.get(glyph, default)))
                    placed.append((glyph, pen, width))
                    pen += width
            else:
                pen -= Decimal(item.decode())
        if len(placed) < 2 or placed[-1][2] != 0:
            continue
        glyph, x, width = max(placed, key=lambda g: g[1] + g[2])
        if placed[-1][1] >= x + width - _SHORT_BY:
            continue
        back = pen - x
        pieces += [
            data[done : match.end()],
            b" 3 Tr[%s<%04X>]TJ %s Tr" % (str(back).encode(), glyph, match["tr"]),
        ]
        done = match.end()
    if not pieces:
        return data, 0
    pieces.append(data[done:])
    return b"".join(pieces), len(pieces) // 2


def _font_table(resources) -> dict[bytes, tuple[dict[int, object], object]]:
    """For each two-byte CID font of a page: its glyph widths and the default width."""
    table = {}
    for name, ref in (resources.get("/Font") or {}).items():
        font = ref.get_object()
        if font.get("/Subtype") != "/Type0":
            continue
        descendant = font["/DescendantFonts"][0].get_object()
        default = descendant.get("/DW", 1000)
        raw = list(descendant.get("/W", []))
        widths: dict[int, object] = {}
        i = 0
        while i < len(raw):
            first = int(raw[i])
            nxt = raw[i + 1].get_object() if hasattr(raw[i + 1], "get_object") else raw[i + 1]
            if isinstance(nxt, list):
                for offset, width in enumerate(nxt):
                    widths[first + offset] = width
                i += 2
            else:
                for gid in range(first, int(nxt) + 1):
                    widths[gid] = raw[i + 2]
                i += 3
        table[name[1:].encode()] = (widths, default)
    return table


def repair_thai_text(pdf: bytes) -> tuple[bytes, int]:
    """The PDF with every mark-only run's duplicated text removed, and how many runs."""
    try:
        return _repair_fast(pdf)
    except _Unexpected:
        return _repair_with_pypdf(pdf)


def _repair_with_pypdf(pdf: bytes) -> tuple[bytes, int]:
    """The general path: any PDF pypdf reads (slow: it parses the whole file)."""
    writer = PdfWriter(BytesIO(pdf), incremental=True)
    total = 0
    for page in writer.pages:
        fonts = _font_table(page["/Resources"])
        if not fonts:
            continue
        contents = page.get_contents()
        if contents is None:
            continue
        data = contents.get_data()
        new, count = repair_stream(data, fonts)
        if count:
            total += count
            stream = DecodedStreamObject()
            stream.set_data(new)
            stream = stream.flate_encode()
            page[NameObject("/Contents")] = writer._add_object(stream)
    if not total:
        return pdf, 0
    out = BytesIO()
    writer.write(out)
    return out.getvalue(), total


class _Unexpected(Exception):
    """The file is not laid out as Typst writes it; use the general path."""


_OBJECT = rb"\n%d 0 obj\s*"
_PAGE = re.compile(rb"\n\d+ 0 obj\s*<</Type/Page(/[^\n]*)>>\s*endobj")
_REF = rb"/%s\s*(\d+) 0 R"
_STREAM = re.compile(rb"<<(?P<dict>[^\n]*?)>>\s*stream\r?\n")
_TRAILER = re.compile(rb"trailer\s*<<(?P<dict>.*?)>>\s*startxref\s*(?P<xref>\d+)\s*%%EOF\s*$", re.S)


def _object_at(pdf: bytes, number: int) -> int:
    found = re.search(_OBJECT % number, pdf)
    if found is None:
        raise _Unexpected(number)
    return found.end()


def _dictionary(pdf: bytes, number: int) -> bytes:
    start = _object_at(pdf, number)
    end = pdf.find(b"endobj", start)
    return pdf[start:end]


def _ref(text: bytes, key: bytes) -> int:
    found = re.search(_REF % key, text)
    if found is None:
        raise _Unexpected(key)
    return int(found[1])


def _stream(pdf: bytes, number: int) -> bytes:
    start = _object_at(pdf, number)
    head = _STREAM.match(pdf, start)
    if head is None or b"/FlateDecode" not in head["dict"] or b"/DecodeParms" in head["dict"]:
        raise _Unexpected(number)
    length = re.search(rb"/Length (\d+)", head["dict"])
    if length is None:
        raise _Unexpected(number)
    return zlib.decompress(pdf[head.end() : head.end() + int(length[1])])


def _widths(pdf: bytes, font_number: int) -> tuple[dict[int, int], int] | None:
    font = _dictionary(pdf, font_number)
    if b"/Subtype/Type0" not in font or b"/Identity-H" not in font:
        return None
    descendant = _dictionary(pdf, _ref(font, rb"DescendantFonts\s*\["))
    default = re.search(rb"/DW\s*(\d+)", descendant)
    start = re.search(rb"/W\s*\[", descendant)
    if start is None:
        raise _Unexpected(font_number)
    tokens = re.findall(rb"\[|\]|-?\d+(?:\.\d*)?", descendant[start.end() :])
    widths: dict[int, Decimal] = {}
    i = 0
    while i < len(tokens) and tokens[i] != b"]":
        first = int(tokens[i])
        if tokens[i + 1] == b"[":
            i += 2
            while tokens[i] != b"]":
                widths[first] = Decimal(tokens[i].decode())
                first += 1
                i += 1
            i += 1
        else:
            width = Decimal(tokens[i + 2].decode())
            for gid in range(first, int(tokens[i + 1]) + 1):
                widths[gid] = width
            i += 3
    return widths, Decimal(default[1].decode()) if default else Decimal(1000)


def _repair_fast(pdf: bytes) -> tuple[bytes, int]:
    """Typst writes plain objects one per line and a classic cross-reference table, so the
    few objects needed are found directly and the new content streams are appended as an
    incremental update (the original bytes stay as they are)."""
    trailer = _TRAILER.search(pdf[-2048:])
    if trailer is None or b"/Encrypt" in trailer["dict"]:
        raise _Unexpected("trailer")
    fonts_cache: dict[int, tuple[dict[int, int], int] | None] = {}
    updates: list[tuple[int, bytes]] = []
    total = 0
    for page in _PAGE.finditer(pdf):
        page_dict = page[1]
        resources_ref = re.search(_REF % b"Resources", page_dict)
        resources = _dictionary(pdf, int(resources_ref[1])) if resources_ref else page_dict
        font_block = re.search(rb"/Font\s*<<(.*?)>>", resources)
        if font_block is None:
            continue
        fonts = {}
        for name, number in re.findall(rb"/([^\s/<>\[\]()]+)\s+(\d+) 0 R", font_block[1]):
            number = int(number)
            if number not in fonts_cache:
                fonts_cache[number] = _widths(pdf, number)
            if fonts_cache[number] is not None:
                fonts[name] = fonts_cache[number]
        contents = _ref(page_dict, b"Contents")
        new, count = repair_stream(_stream(pdf, contents), fonts)
        if count:
            total += count
            updates.append((contents, new))
    if not total:
        return pdf, 0
    out = bytearray(pdf)
    if not out.endswith(b"\n"):
        out += b"\n"
    offsets = []
    for number, data in updates:
        packed = zlib.compress(data, 1)
        offsets.append((number, len(out)))
        out += b"%d 0 obj\n<</Length %d/Filter/FlateDecode>>\nstream\n" % (number, len(packed))
        out += packed + b"\nendstream\nendobj\n"
    xref = len(out)
    out += b"xref\n"
    for number, offset in sorted(offsets):
        out += b"%d 1\n%010d 00000 n\r\n" % (number, offset)
    previous = trailer["dict"]
    previous = re.sub(rb"/Prev\s+\d+", b"", previous)
    out += b"trailer\n<<" + previous + b"/Prev " + trailer["xref"] + b">>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out), total
