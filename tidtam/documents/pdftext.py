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
drawn differently. The content streams are rewritten as an incremental update, so the rest
of the file (PDF/A metadata, attachments, tags) is kept byte for byte.
"""

import functools
import re
import zlib
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


def _marks_only(glyphs: tuple[int, ...], font: tuple[dict, object]) -> bool:
    widths, default = font
    return all(widths.get(g, default) == 0 for g in glyphs)


def repair_stream(data: bytes, fonts: dict) -> tuple[bytes, int]:
    """Wrap the mark-only runs of one content stream; returns the new stream and the count.

    ``fonts`` maps a font resource name to (widths by glyph id, default width)."""
    pieces: list[bytes] = []
    done = 0
    count = 0
    maybe: dict[bytes, bool] = {}  # show bytes → marks only in some font of the page
    for candidate in _CANDIDATE.finditer(data):
        show = candidate["show"]
        if show not in maybe:
            glyphs = _glyphs(show)
            maybe[show] = bool(glyphs) and any(_marks_only(glyphs, f) for f in fonts.values())
        if not maybe[show]:
            continue
        glyphs = _glyphs(show)
        start = candidate.start()
        tr = data.rfind(b"Tr", max(done, start - _LOOK_BACK), start)
        if tr < 0:
            continue
        setup_start = len(data[:tr].rstrip().rstrip(b"0123456789").rstrip())
        setup = _SETUP.fullmatch(data, setup_start, start)
        if setup is None or not _marks_only(glyphs, fonts.get(setup["font"], ({}, 1))):
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
    return b"".join(pieces), count


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
    widths: dict[int, int] = {}
    i = 0
    while i < len(tokens) and tokens[i] != b"]":
        first = int(tokens[i])
        if tokens[i + 1] == b"[":
            i += 2
            while tokens[i] != b"]":
                widths[first] = 0 if tokens[i].strip(b"0.-") == b"" else 1
                first += 1
                i += 1
            i += 1
        else:
            zero = tokens[i + 2].strip(b"0.-") == b""
            for gid in range(first, int(tokens[i + 1]) + 1):
                widths[gid] = 0 if zero else 1
            i += 3
    return widths, (0 if default[1].strip(b"0") == b"" else 1) if default else 1


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
