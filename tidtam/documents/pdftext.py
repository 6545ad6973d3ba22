"""The text layer of Typst's PDFs, exact in every reader (poppler, PDFium, MuPDF).

The cause (Typst 0.15 / krilla 0.8, typst/typst#7610, #8767, #4225): krilla gives each glyph
the text of the first grapheme cluster it was drawn in (its ``/ToUnicode`` entry) and wraps a
cluster whose glyphs do not spell its text in an ``/ActualText`` span. In Thai a cluster is a
consonant with its marks (ที่: ท ี ่), so a mark's entry is a whole cluster ("่" → "กี่"), and
when the shaper raises a tone mark over an upper vowel krilla draws the mark as a run of its
own, outside the span, which carries the cluster's text once more. poppler reads the spans,
PDFium reads some of them (เริ่มกี่ต้น), MuPDF reads both (สำนัักงาน).

The fix, at the root: each glyph's ``/ToUnicode`` entry is the glyph's own characters, which
the font's glyph names give (``uni0E48.small`` is ่, ``uni0E4D0E49`` the ligature ํ้, written
in the order typed: ้ํ). Then every span whose glyphs spell its text, or begin it (the rest
of the cluster follows as separate runs), is dropped; a span stays only where the glyphs
spell the cluster another way (ดำ drawn as ด ํ า), so that copying gives what was typed.
Over ป ฝ ฟ the font moves a tone mark left, so the mark ends before its cluster and
poppler guessed a space (เปื้ อน): the mark gets a character spacing (``Tc``) that ends it
where the cluster ends; nothing moves on the page. The changed objects (the fonts'
``/ToUnicode`` maps and the pages' content streams) are appended as an incremental update,
so the original bytes, the PDF/A metadata and the attachments are kept.
"""

import functools
import logging
import re
import struct
import unicodedata
import zlib
from dataclasses import dataclass
from decimal import Decimal

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
_FONT_SET = re.compile(rb"/([^\s/\[\]()<>]+)\s+([-\d.]+)\s+Tf")
# krilla's span: one run (text state, Tm, one show), never another marked-content sequence.
_SPAN = re.compile(
    rb"/Span\s*<<\s*/ActualText\s*<(?P<hex>[0-9A-Fa-f\s]*)>\s*>>\s*BDC\s*"
    rb"(?P<body>(?:" + _STR + rb"|[^()BE]|B(?!DC)|E(?!MC))*?)EMC"
)
# A TJ run whose last item is a kern and then one glyph string: a mark moved back.
_MOVED_BACK = re.compile(
    rb"/(?P<font>[^\s/\[\]()<>]+)\s+(?P<size>[-\d.]+)\s+Tf[-\d.\s]*Tm\s*"
    rb"\[(?P<items>(?:" + _STR + rb"|[^\]\(])*?)(?P<kern>-?\d+(?:\.\d*)?)\s*"
    rb"(?P<last>" + _STR + rb")\s*\]\s*TJ"
)
# A run of one string, kerned at most once before it.
_SHORT_RUN = re.compile(
    rb"(?P<tr>\d+)\s+Tr\s*/(?P<font>[^\s/\[\]()<>]+)\s+[-\d.]+\s+Tf[-\d.\s]*Tm\s*"
    rb"(?:\[\s*(?P<kern>-?\d+(?:\.\d*)?)?\s*(?P<marks>" + _STR + rb")\s*\]\s*TJ"
    rb"|(?P<alone>" + _STR + rb")\s*Tj)"
)
_ITEM = re.compile(_STR + rb"|-?\d+(?:\.\d*)?|-?\.\d+")
# how far (thousandths of an em) a mark may end before its cluster before we mend it
_SHORT_BY = Decimal(100)
# how far (thousandths of an em) a lone mark's text starts before the mark: more than
# poppler's duplicate distance (0.1 em), less than its word-breaking overlap (0.2 em)
_LEAD = Decimal(150)


@dataclass(frozen=True)
class Font:
    """What the text layer needs of one font: each glyph's text and advance."""

    text: dict[int, str]
    widths: dict[int, Decimal]
    default_width: Decimal
    space: int | None  # a glyph that draws nothing and has an advance, if the font has one

    def width(self, glyph: int) -> Decimal:
        return self.widths.get(glyph, self.default_width)


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


def _shown_text(body: bytes, fonts: dict[bytes, Font]) -> str | None:
    """The text the glyphs of one run spell, or None if its font is unknown."""
    font_set = _FONT_SET.search(body)
    font = fonts.get(font_set[1]) if font_set else None
    if font is None:
        return None
    return "".join(font.text.get(glyph, "") for glyph in _glyphs(body[font_set.end() :]))


def _span_kept(shown: str | None, actual: str) -> bool:
    """A span stays where its run draws the whole cluster: its glyphs spell its text, as
    typed or in another form (ดำ as ด ํ า). poppler needs it there too: a lone mark of no
    advance at the place of the next letter reads to it as duplicated text, and it tears
    the mark from its cluster (กรณีศก ึ ษา). A span that claims more than its run draws
    (the rest of the cluster follows in runs of its own) goes."""
    if shown is None:
        return True
    return unicodedata.normalize("NFKC", shown) == unicodedata.normalize("NFKC", actual)


def drop_spans(data: bytes, fonts: dict[bytes, Font]) -> bytes:
    """The stream without the ActualText spans its glyphs no longer need."""

    def one(match: re.Match) -> bytes:
        actual = bytes.fromhex(match["hex"].decode()).decode("utf-16-be").removeprefix("\ufeff")
        if _span_kept(_shown_text(match["body"], fonts), actual):
            return match[0]
        return b" " + match["body"]

    return _SPAN.sub(one, data)


def end_moved_marks(data: bytes, fonts: dict[bytes, Font]) -> bytes:
    """A run whose last glyph is a tone mark the font moved back (over ป ฝ ฟ) ends, for a
    reader, before its cluster does, and poppler guesses a space there (เปื้ อน). The run
    gets a space glyph, which draws nothing, placed to end where the cluster ends, inside
    an ActualText span with the run's own text (its own, or a new one), so that the space
    is not read."""

    def one(match: re.Match) -> bytes:
        font = fonts.get(match["font"])
        gap = _gap_after(match, font) if font and font.space is not None else None
        if gap is None:
            return match[0]
        run = b"%s %s(%s)]TJ" % (
            data[match.start() : match.end("last")],
            str(font.width(font.space) - gap).encode(),
            _literal(font.space),
        )
        if _in_span(data, match.start()):
            return run
        shown = "".join(font.text.get(g, "") for g in _glyphs(match["items"] + match["last"]))
        return _span_start(shown) + run + b"\nEMC"

    return _MOVED_BACK.sub(one, data)


def _span_start(text: str) -> bytes:
    return b"/Span<</ActualText<FEFF%s>>>BDC " % text.encode("utf-16-be").hex().upper().encode()


def _in_span(data: bytes, position: int) -> bool:
    """Whether an ActualText span is open at ``position`` (krilla's spans do not nest)."""
    return data.rfind(b"/ActualText", 0, position) > data.rfind(b"EMC", 0, position)


def _gap_after(match: re.Match, font: Font) -> Decimal | None:
    """How far (thousandths of an em) the run's last glyph, a mark, ends before the run."""
    last = _glyphs(match["last"])
    if len(last) != 1 or font.width(last[0]) != 0:
        return None
    pen, end = Decimal(0), Decimal(0)
    for item in _ITEM.findall(match["items"]):
        if item.startswith(b"("):
            for glyph in _glyphs(item):
                pen += font.width(glyph)
                end = max(end, pen)
        else:
            pen -= Decimal(item.decode())
    pen -= Decimal(match["kern"].decode())
    return end - pen if end - pen > _SHORT_BY else None


def lead_lone_marks(data: bytes, fonts: dict[bytes, Font]) -> bytes:
    """A run of marks only (krilla draws a raised tone mark apart from its cluster) sits,
    with no advance, where the next letter starts, and poppler may put it after that
    letter (กริน้). The run gets an invisible space glyph before the marks, starting a
    little to their left, inside an ActualText span with the marks' own text: the text
    then starts before the next letter, and the space is not read (MuPDF reads the span
    once only when its first visible glyph is a mark, hence invisible)."""

    def one(match: re.Match) -> bytes:
        font = fonts.get(match["font"])
        marks = match["marks"] or match["alone"]
        glyphs = _glyphs(marks)
        if font is None or font.space is None or any(font.width(g) for g in glyphs):
            return match[0]
        if not glyphs or _in_span(data, match.start()):
            return match[0]
        kern = Decimal(match["kern"].decode()) if match["kern"] else Decimal(0)
        head = data[match.start("font") - 1 : match.end()].partition(b"Tm")[0]
        run = b"3 Tr%sTm[%s(%s)%s]TJ %s Tr%sTj" % (
            head,
            str(kern + _LEAD).encode(),
            _literal(font.space),
            str(font.width(font.space) - _LEAD).encode(),
            match["tr"],
            marks,
        )
        shown = "".join(font.text.get(g, "") for g in glyphs)
        return _span_start(shown) + run + b"\nEMC"

    return _SHORT_RUN.sub(one, data)


def _literal(glyph: int) -> bytes:
    return b"".join(b"\\%03o" % byte for byte in glyph.to_bytes(2, "big"))


def rewrite_stream(data: bytes, fonts: dict[bytes, Font]) -> bytes:
    """One page's content stream with the text layer mended (see the module's note)."""
    return lead_lone_marks(end_moved_marks(drop_spans(data, fonts), fonts), fonts)


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
