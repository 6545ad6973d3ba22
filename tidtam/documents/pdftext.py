"""The text layer of Typst's PDFs, exact in every reader: poppler, PDFium (Chrome), MuPDF.

The cause (Typst 0.15 / krilla 0.8; typst/typst#7610, #8767, #4225): krilla gives each glyph
the text of the first grapheme cluster it was drawn in (its ``/ToUnicode`` entry: ่ → "กี่",
the ก of ก้ → "ก้") and wraps a cluster whose glyphs do not spell it in an ``/ActualText``
span. When the shaper raises a tone mark over an upper vowel (ทั่, ซึ่, ครั้ง), krilla draws
the mark as runs of its own, in another marked-content sequence, outside the span. poppler
reads the spans and took the mark's cluster text once more (ทั่ทั่ว); PDFium reads a span
only when it has printable text and otherwise the glyph's entry (ครั้งสิ้ที่); MuPDF maps the
span's text onto the glyphs one by one and, with entries of whole clusters, doubles marks
(สำนัักงาน).

The fix, at the root: each glyph's ``/ToUnicode`` entry is its own characters, which the
font's glyph names give (``uni0E48.small`` is ่; the ligature ``uni0E4D0E49`` is ้ํ, in the
order typed). A span stays where its run draws its whole cluster (as typed, or in another
form: ดำ drawn as ด ํ า) or begins it: poppler needs it, for a mark of no advance that ends a
run where the next letter starts reads to it as duplicated text and is torn off (กรณีศก ึ ษา).
A mark run whose text that span already gave is made silent (ActualText NUL, which no reader
reads); any other span goes. Over ป ฝ ฟ the font moves a tone mark left, so a run ending
with it ends before its cluster and poppler guessed a space (เปื้ อน): the run gets a space
glyph, which draws nothing, ending where the cluster ends, inside the span. Nothing is drawn
differently. The changed objects (the fonts'
``/ToUnicode`` maps and the pages' content streams) are appended as an incremental update,
so the original bytes, the PDF/A metadata and the attachments are kept.
"""

import functools
import logging
import re
import struct
import unicodedata
import zlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

logger = logging.getLogger(__name__)

# Glyph names of the Adobe Glyph List that Sarabun uses for Thai letters.
_AGL = {
    "yoYingthai": "\u0e0d",
    "doChadathai": "\u0e0e",
    "toPatakthai": "\u0e0f",
    "thoThanthai": "\u0e10",
    "loChulathai": "\u0e2c",
}
_UNI_NAME = re.compile(r"uni((?:[0-9A-F]{4})+)|u([0-9A-F]{4,6})")
# The shaper draws NIKHAHIT (of SARA AM) before the tone mark typed before it.
_NIKHAHIT_FIRST = re.compile("(\u0e4d)([\u0e48-\u0e4b])")

_STR = rb"\((?>\\.|[^\\)])*+\)"
_ESCAPES = {b"n": 10, b"r": 13, b"t": 9, b"b": 8, b"f": 12}
_OCTAL = re.compile(rb"\\([0-7]{1,3})|\\(.)", re.S)
# One run as krilla writes it: render mode, font, matrix, one show. Found from its "Tr" (a
# literal, so the scan is fast); and the runs krilla put in an ActualText span of their own.
_SHOW = rb"(?P<show>\[(?P<items>(?:" + _STR + rb"|[^\]\(])*)\]\s*TJ|" + _STR + rb"\s*Tj)"
_RUN = re.compile(rb"Tr\s*/(?P<font>[^\s/\[\]()<>]+)\s+[-\d.]+\s+Tf[-\d.\s]*Tm\s*" + _SHOW)
_SPAN_RUN = re.compile(
    rb"/Span\s*<<\s*/ActualText\s*<(?P<hex>[0-9A-Fa-f\s]*)>\s*>>\s*BDC\s*"
    rb"(?P<body>\d+\s+(?P<tr>Tr)\s*/[^\s/\[\]()<>]+\s+[-\d.]+\s+Tf[-\d.\s]*Tm\s*"
    + _SHOW.replace(b"?P<show>", b"?:").replace(b"?P<items>", b"?:")
    + rb")\s*EMC"
)
# the number that ends a piece of a TJ array (the kern before its last string)
_LAST_NUMBER = re.compile(rb"-?\d*\.?\d+$")
_SPACE = frozenset(b" \t\r\n")
_DIGIT = frozenset(b"0123456789")
_ITEM = re.compile(_STR + rb"|-?\d+(?:\.\d*)?|-?\.\d+")
# A span whose text is one NUL byte: poppler ignores a null character, MuPDF reads an empty
# string, PDFium skips a span without a printable character; so no reader reads what it
# draws. (An empty span would not do: PDFium then reads the glyphs.)
_SILENT = b"/Span<</ActualText<00>>>BDC "
# how far (thousandths of an em) a mark may end before its cluster before we mend it
_SHORT_BY = Decimal(100)


@dataclass(frozen=True)
class Font:
    """What the text layer needs of one font: each glyph's text and advance."""

    text: dict[int, str]
    widths: dict[int, Decimal]
    default_width: Decimal
    space: int | None  # a glyph that draws nothing and has an advance, if the font has one
    spelled: dict[tuple[int, ...], str] = field(default_factory=dict, compare=False)

    def width(self, glyph: int) -> Decimal:
        return self.widths.get(glyph, self.default_width)

    def spell(self, glyphs: tuple[int, ...]) -> str:
        """The text the glyphs spell."""
        text = self.spelled.get(glyphs)
        if text is None:
            text = self.spelled[glyphs] = "".join(self.text.get(g, "") for g in glyphs)
        return text


def glyph_names(program: bytes) -> list[str]:
    """The glyph names of a TrueType font program from its ``post`` table (format 2, which
    Typst's subsetter keeps), by glyph id; "" for a name of the standard Macintosh set."""
    tables = int.from_bytes(program[4:6], "big")
    for index in range(tables):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", program, 12 + 16 * index)
        if tag == b"post":
            break
    else:
        return []
    post = program[offset : offset + length]
    if post[:4] != b"\x00\x02\x00\x00":
        return []
    count = int.from_bytes(post[32:34], "big")
    indexes = struct.unpack_from(f">{count}H", post, 34)
    names, position = [], 34 + 2 * count
    while position < len(post):
        size = post[position]
        names.append(post[position + 1 : position + 1 + size].decode("latin-1"))
        position += 1 + size
    return [names[i - 258] if i >= 258 else "" for i in indexes]


@functools.lru_cache(maxsize=1024)
def name_text(name: str) -> str | None:
    """The characters a glyph name stands for (uni0E48.small → ่), in the order typed;
    None when the name says nothing."""
    base = name.partition(".")[0]
    if base in _AGL:
        return _AGL[base]
    match = _UNI_NAME.fullmatch(base)
    if match is None:
        return None
    if match[1]:
        text = "".join(chr(int(match[1][i : i + 4], 16)) for i in range(0, len(match[1]), 4))
    else:
        text = chr(int(match[2], 16))
    return _NIKHAHIT_FIRST.sub(r"\2\1", text)


def own_text(krilla: dict[int, str], names: list[str]) -> dict[int, str]:
    """Each glyph's own characters: from its name where it has one, else krilla's text
    (krilla leaves out a glyph drawn only inside ActualText spans)."""
    own = dict(krilla)
    for glyph, name in enumerate(names):
        text = name_text(name)
        if text:
            own[glyph] = text
    return own


# --- ToUnicode CMaps ---------------------------------------------------------------------

_BFCHAR = re.compile(rb"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]*)>")


def parse_cmap(cmap: bytes) -> dict[int, str]:
    """The entries of a ToUnicode CMap as krilla writes it (bfchar only, two-byte codes)."""
    if b"bfrange" in cmap:
        raise _Unexpected("bfrange")
    text = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, value in _BFCHAR.findall(block):
            text[int(code, 16)] = bytes.fromhex(value.decode()).decode("utf-16-be")
    return text


def write_cmap(text: dict[int, str]) -> bytes:
    """A ToUnicode CMap with one entry per glyph (at most 100 entries a block)."""
    entries = [
        b"<%04X> <%s>" % (glyph, value.encode("utf-16-be").hex().upper().encode())
        for glyph, value in sorted(text.items())
    ]
    blocks = [
        b"%d beginbfchar\n%s\nendbfchar" % (len(chunk), b"\n".join(chunk))
        for chunk in (entries[i : i + 100] for i in range(0, len(entries), 100))
    ]
    return b"\n".join(
        [
            b"/CIDInit /ProcSet findresource begin",
            b"12 dict begin",
            b"begincmap",
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            b"/CMapName /Adobe-Identity-UCS def",
            b"/CMapType 2 def",
            b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange",
            *blocks,
            b"endcmap",
            b"CMapName currentdict /CMap defineresource pop",
            b"end",
            b"end",
        ]
    )


# --- content streams ---------------------------------------------------------------------


def _unescape(literal: bytes) -> bytes:
    def one(match: re.Match) -> bytes:
        if match[1] is not None:
            return bytes([int(match[1], 8) & 0xFF])
        char = match[2]
        return bytes([_ESCAPES[char]]) if char in _ESCAPES else char

    return _OCTAL.sub(one, literal)


@functools.lru_cache(maxsize=8192)
def _glyphs(show: bytes) -> tuple[int, ...]:
    """The two-byte glyph ids of every string literal in ``show``."""
    data = b"".join(_unescape(literal[1:-1]) for literal in re.findall(_STR, show))
    return tuple(int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data) - 1, 2))


@functools.lru_cache(maxsize=4096)
def _actual(span_hex: bytes) -> str:
    return bytes.fromhex(span_hex.decode()).decode("utf-16-be").removeprefix("\ufeff")


def _span(text: str) -> bytes:
    return b"/Span<</ActualText<FEFF%s>>>BDC " % text.encode("utf-16-be").hex().upper().encode()


class _Run(NamedTuple):
    """One run: where it starts and ends (with its span, if it has one)."""

    start: int
    end: int
    body: bytes  # render mode to show
    span: str | None  # the text of its ActualText span


def _skip_back(data: bytes, position: int, chars: frozenset[int]) -> int:
    while position > 0 and data[position - 1] in chars:
        position -= 1
    return position


def _run(data: bytes, match: re.Match, span: re.Match | None) -> _Run:
    """The run of a match, with its span (krilla's, found by ``_SPAN_RUN``) if it has one."""
    if span is not None:
        return _Run(span.start(), span.end(), span["body"], _actual(span["hex"]))
    start = _skip_back(data, _skip_back(data, match.start(), _SPACE), _DIGIT)
    return _Run(start, match.end(), data[start : match.end()], None)


def rewrite_stream(data: bytes, fonts: dict[bytes, Font]) -> bytes:
    """One page's content stream with the text layer mended, run by run.

    krilla draws a cluster whose tone mark is raised over an upper vowel (ทั่) as a run
    with the cluster's ActualText (ทั่ over ท ั) and then the mark as runs of their own.
    The first run keeps its span and every reader takes the cluster from it; the mark
    runs whose text that span already gave are made silent."""
    spans = {span.start("tr"): span for span in _SPAN_RUN.finditer(data)}
    pieces: list[bytes] = []
    done = 0
    owed = ""  # what a span gave ahead for marks still to come
    for match in _RUN.finditer(data):
        span = spans.get(match.start())
        moved = _moved_back(match["items"])
        if span is None and not owed and moved is None:
            continue  # most runs: nothing to mend
        font = fonts.get(match["font"])
        if font is None:
            owed = ""
            continue
        run = _run(data, match, span)
        glyphs = _glyphs(match["show"])
        shown = font.spell(glyphs)
        if owed and shown and owed.startswith(shown) and not any(map(font.width, glyphs)):
            owed = owed[len(shown) :]
            new = _SILENT + run.body + b"\nEMC"
        else:
            kept, owed = _cluster(run.span, shown)
            new = _ended(match, run, font, kept, moved) if moved else None
            if new is None and kept != run.span:
                new = b" " + run.body if kept is None else _span(kept) + run.body + b"\nEMC"
        if new is not None:
            pieces += [data[done : run.start], new]
            done = run.end
    pieces.append(data[done:])
    return b"".join(pieces)


def _cluster(span: str | None, shown: str) -> tuple[str | None, str]:
    """The span text a run keeps (None: no span) and what it gives ahead for the marks
    drawn after it. A span stays where its run draws the whole cluster, as typed or in
    another form (ดำ as ด ํ า), or begins it."""
    if span is None:
        return None, ""
    if shown and span.startswith(shown):
        return span, span[len(shown) :]
    if unicodedata.normalize("NFKC", shown) == unicodedata.normalize("NFKC", span):
        return span, ""
    return None, ""


def _moved_back(items: bytes | None) -> bytes | None:
    """The last string of a TJ whose last items are a kern that moves back by more than a
    little and one string (a tone mark the font moved left); None for any other run."""
    if items is None or not items.endswith(b")"):
        return None
    start = items.rfind(b"(")
    while start > 0 and items[start - 1] == 0x5C:  # an escaped parenthesis
        start = items.rfind(b"(", 0, start - 1)
    kern = _LAST_NUMBER.search(items[max(0, start - 16) : start].rstrip())
    if kern is None or Decimal(kern[0].decode()) <= _SHORT_BY / 2:
        return None
    return items[start:]


def _ended(match: re.Match, run: _Run, font: Font, text: str | None, last: bytes) -> bytes | None:
    """A run whose last glyph is a tone mark the font moved back (over ป ฝ ฟ) ends, for a
    reader, before its cluster does, and poppler guessed a space there (เปื้ อน). The run
    gets a space glyph, which draws nothing, placed to end where the cluster ends, inside
    an ActualText span with the run's text (``text``, else its own), so that the space is
    not read. None if the run needs nothing (or the font has no space glyph)."""
    gap = _gap_after(match, font, last)
    if gap is None:
        return None
    space = b"".join(b"\\%03o" % byte for byte in font.space.to_bytes(2, "big"))
    shown = text if text is not None else font.spell(_glyphs(match["show"]))
    setup = run.body[: len(run.body) - len(match["show"])]
    return b"%s%s[%s %s(%s)]TJ\nEMC" % (
        _span(shown),
        setup,
        match["items"],
        str(font.width(font.space) - gap).encode(),
        space,
    )


def _gap_after(match: re.Match, font: Font, last: bytes) -> Decimal | None:
    """How far (thousandths of an em) a run whose last glyph (``last``) is a mark ends
    before its cluster, if more than a little and the font has a space glyph; else None."""
    glyphs = _glyphs(last)
    if font.space is None or len(glyphs) != 1 or font.width(glyphs[0]) != 0:
        return None
    pen, end = Decimal(0), Decimal(0)
    for item in _ITEM.findall(match["items"])[:-1]:
        if item.startswith(b"("):
            for glyph in _glyphs(item):
                pen += font.width(glyph)
                end = max(end, pen)
        else:
            pen -= Decimal(item.decode())
    return end - pen if end - pen > _SHORT_BY else None


# --- the file ----------------------------------------------------------------------------


class _Unexpected(Exception):
    """The file is not laid out as Typst writes it."""


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
    return pdf[start : pdf.find(b"endobj", start)]


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


def _widths(descendant: bytes) -> tuple[dict[int, Decimal], Decimal]:
    default = re.search(rb"/DW\s*(\d+)", descendant)
    start = re.search(rb"/W\s*\[", descendant)
    if start is None:
        raise _Unexpected("W")
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


def _font(pdf: bytes, number: int) -> tuple[Font, int, bytes] | None:
    """A Typst font (two-byte glyph ids, embedded TrueType): the font, its ToUnicode
    object and that object's new content; None for another kind of font."""
    font = _dictionary(pdf, number)
    if b"/Subtype/Type0" not in font or b"/Identity-H" not in font:
        return None
    descendant = _dictionary(pdf, _ref(font, rb"DescendantFonts\s*\["))
    if b"/CIDToGIDMap/Identity" not in descendant:
        raise _Unexpected(number)
    descriptor = _dictionary(pdf, _ref(descendant, b"FontDescriptor"))
    names = glyph_names(_stream(pdf, _ref(descriptor, b"FontFile2")))
    to_unicode = _ref(font, b"ToUnicode")
    text = own_text(parse_cmap(_stream(pdf, to_unicode)), names)
    widths, default = _widths(descendant)
    space = next((g for g, t in text.items() if t == " " and widths.get(g, default)), None)
    return Font(text, widths, default, space), to_unicode, write_cmap(text)


def _updated(pdf: bytes, updates: dict[int, tuple[bytes, bytes]]) -> bytes:
    """The PDF with the given objects (number → (dictionary entries, stream data)) replaced
    by an incremental update."""
    trailer = _TRAILER.search(pdf[-2048:])
    if trailer is None or b"/Encrypt" in trailer["dict"]:
        raise _Unexpected("trailer")
    out = bytearray(pdf)
    if not out.endswith(b"\n"):
        out += b"\n"
    offsets = []
    for number, (entries, data) in sorted(updates.items()):
        packed = zlib.compress(data, 1)
        offsets.append((number, len(out)))
        out += b"%d 0 obj\n<<%s/Length %d/Filter/FlateDecode>>\nstream\n" % (
            number,
            entries,
            len(packed),
        )
        out += packed + b"\nendstream\nendobj\n"
    xref = len(out)
    out += b"xref\n"
    for number, offset in offsets:
        out += b"%d 1\n%010d 00000 n\r\n" % (number, offset)
    previous = re.sub(rb"/Prev\s+\d+", b"", trailer["dict"])
    out += b"trailer\n<<" + previous + b"/Prev " + trailer["xref"] + b">>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _rewrite(pdf: bytes) -> bytes:
    """Typst writes plain objects one per line and a classic cross-reference table, so the
    few objects needed are found directly."""
    fonts: dict[int, Font | None] = {}
    updates: dict[int, tuple[bytes, bytes]] = {}
    for page in _PAGE.finditer(pdf):
        page_dict = page[1]
        resources_ref = re.search(_REF % b"Resources", page_dict)
        resources = _dictionary(pdf, int(resources_ref[1])) if resources_ref else page_dict
        font_block = re.search(rb"/Font\s*<<(.*?)>>", resources)
        if font_block is None:
            continue
        page_fonts = {}
        for name, number in re.findall(rb"/([^\s/<>\[\]()]+)\s+(\d+) 0 R", font_block[1]):
            number = int(number)
            if number not in fonts:
                found = _font(pdf, number)
                fonts[number] = found[0] if found else None
                if found:
                    updates[found[1]] = (b"/Type/CMap", found[2])
            if fonts[number] is not None:
                page_fonts[name] = fonts[number]
        contents = _ref(page_dict, b"Contents")
        data = _stream(pdf, contents)
        new = rewrite_stream(data, page_fonts)
        if new != data:
            updates[contents] = (b"", new)
    return _updated(pdf, updates) if updates else pdf


def fix_text_layer(pdf: bytes) -> bytes:
    """The PDF with a text layer that every reader extracts as the text typed; a PDF not
    laid out as Typst writes it is returned as it is."""
    try:
        return _rewrite(pdf)
    except _Unexpected as error:
        logger.warning("text layer left as Typst wrote it: unexpected %s", error)
        return pdf
