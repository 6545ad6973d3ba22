"""Thai digits, Buddhist Era dates and the Thai fiscal year."""

import bisect
import datetime as dt
import functools
import os
import re

BE_OFFSET = 543
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)

MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
MONTHS_LONG = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip

_DATE_RE = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
_COMPACT_RE = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")  # 15122566, typed on a keypad
_ISO_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?\s*$")


def to_arabic_digits(text: str) -> str:
    """Replace Thai digits with Arabic ones; everything else is kept as it is."""
    return text.translate(_TO_ARABIC)


def to_thai_digits(text: str) -> str:
    return text.translate(_TO_THAI)


# What search folds, so that text is found however it was typed: Thai digits as Arabic ones,
# and sara am written as nikhahit + sara aa (ํ + า, found in real BMA data) as the one letter ำ,
# also with a tone mark typed between them (น + ํ + ้ + า is น้ำ). The database's search
# column applies the same pairs, in this order (``projects.models``).
TONE_MARKS = "\u0e48\u0e49\u0e4a\u0e4b"
SEARCH_FOLDS: tuple[tuple[str, str], ...] = (
    *zip(THAI_DIGITS, "0123456789", strict=True),
    ("\u0e4d\u0e32", "\u0e33"),
    *((f"\u0e4d{mark}\u0e32", f"{mark}\u0e33") for mark in TONE_MARKS),
)


def search_key(text: str) -> str:
    """``text`` as search compares it: the folds above, then lower case."""
    for typed, folded in SEARCH_FOLDS:
        text = text.replace(typed, folded)
    return text.lower()


def be_year(ce_year: int) -> int:
    return ce_year + BE_OFFSET


def format_date_short(value: dt.date) -> str:
    """16/01/2566 — the form used in tables."""
    return f"{value.day:02d}/{value.month:02d}/{be_year(value.year)}"


def format_date_long(value: dt.date) -> str:
    """16 ม.ค. 2566 — the form used in running text."""
    return f"{value.day} {MONTHS_SHORT[value.month - 1]} {be_year(value.year)}"


def format_date_full(value: dt.date) -> str:
    """16 มกราคม 2566 — the form used in headings and signatures."""
    return f"{value.day} {MONTHS_LONG[value.month - 1]} {be_year(value.year)}"


class ChristianEraYear(ValueError):
    """A day-first date with a Christian-era year (15/12/2023): refused rather than guessed,
    with the date it would be in the Buddhist Era (``suggestion``, 15/12/2566) to offer."""

    def __init__(self, text: str, year: int, suggestion: str):
        super().__init__(f"Christian-era year in {text!r}")
        self.year, self.suggestion = year, suggestion


def parse_date(text: str) -> dt.date:
    """Read a date typed by a person.

    Accepts ``dd/mm/yyyy`` in the Buddhist Era (Thai or Arabic digits, ``/``, ``.`` or ``-``),
    the same without separators as a phone keypad types it (``15122566``), and ISO
    ``yyyy-mm-dd`` in the Common Era (what ``<input type=date>`` sends). A day-first date with
    a year below 2400 is a Christian-era year typed by mistake: ``ChristianEraYear``, never a
    silent conversion. Raises ``ValueError`` when the text is not a real date.
    """
    text = to_arabic_digits(text)
    iso = _ISO_RE.match(text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
        return dt.date(year, month, day)
    match = _DATE_RE.match(text) or _COMPACT_RE.match(text)
    if not match:
        raise ValueError(f"not a date: {text!r}")
    day, month, year = (int(part) for part in match.groups())
    if year < 2400:
        typed = dt.date(year, month, day)  # no date at all (31/02/2023) is said first
        raise ChristianEraYear(text, year, format_date_short(typed))
    return dt.date(year - BE_OFFSET, month, day)


def fiscal_year_of(value: dt.date) -> int:
    """The Thai fiscal year (BE) a date falls in: October starts the next year."""
    return be_year(value.year + (1 if value.month >= 10 else 0))


def fiscal_year_bounds(fiscal_year: int) -> tuple[dt.date, dt.date]:
    """1 October of the year before to 30 September: 2566 is 2022-10-01 … 2023-09-30."""
    ce_end = fiscal_year - BE_OFFSET
    return dt.date(ce_end - 1, 10, 1), dt.date(ce_end, 9, 30)


class Dictionary:
    """PyThaiNLP's word list as newmm reads it (``prefixes``, ``len``), held as the sorted list
    of its words: the words that begin a text are found by bisection, each longer piece of the
    text searched from where the shorter one was found. Built in about 0.03 s (sorting 62,000
    words), where a flat dict of every prefix took 0.2 s and PyThaiNLP's own trie of node
    objects 1.3 s: a CLI print and each new web worker pay it once, at the first Thai text
    cut."""

    def __init__(self, words) -> None:
        """``words`` as PyThaiNLP's corpus gives them: stripped, none empty."""
        self._set = frozenset(words)  # thai_words() is one already: no copy
        self._words = sorted(self._set)

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """The words that begin ``text`` at ``start``, shortest first (``Trie.prefixes``)."""
        found, words, count = [], self._words, len(self._words)
        at = 0
        for end in range(start + 1, len(text) + 1):
            piece = text[start:end]
            # a longer piece sorts after the shorter one: search on from where that was
            at = bisect.bisect_left(words, piece, at)
            if at == count or not words[at].startswith(piece):
                break  # no word begins with this piece, nor with any longer one
            if words[at] == piece:
                found.append(piece)
        return found

    def __contains__(self, word: str) -> bool:
        return word in self._set

    def __len__(self) -> int:
        return len(self._words)


@functools.cache
def _dictionary() -> Dictionary:
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    from pythainlp.corpus.common import thai_words

    return Dictionary(thai_words())


@functools.cache
def _word_tokenize():
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    from pythainlp.tokenize import word_tokenize

    return functools.partial(word_tokenize, custom_dict=_dictionary())


NOMINAL = "การ"  # การ + verb makes a noun: การพัฒนา, การปรับปรุง


def _attach_nominal(pieces: list[str]) -> list[str]:
    """newmm ties "โครงการพัฒนา" as โครง|การพัฒนา (two words either way). When the word before
    and การ make a word and the rest is one too, การ goes back where officers read it:
    โครงการ|พัฒนา. (Not กิจกรรม|การประเมิน: กิจกรรมการ is no word.)"""
    known = _dictionary()
    for i in range(1, len(pieces)):
        before, word = pieces[i - 1], pieces[i]
        rest = word[len(NOMINAL) :]
        if word.startswith(NOMINAL) and before + NOMINAL in known and rest in known:
            pieces[i - 1], pieces[i] = before + NOMINAL, rest
    return pieces


REPETITION_MARKS = "ๆฯ"  # ไม้ยมก and ไปยาลน้อย: never the first thing on a line
MAI_YAMOK = "ๆ"


def _attach_marks(pieces: list[str]) -> list[str]:
    """newmm cuts เด็กๆ as เด็ก|ๆ and เด็ก ๆ as เด็ก| |ๆ: the mark goes with the word it
    repeats or shortens, with the space the official style puts before ๆ."""
    joined: list[str] = []
    for piece in pieces:
        if joined and piece and not piece.strip(REPETITION_MARKS):
            if joined[-1] == " " and piece.startswith(MAI_YAMOK) and len(joined) > 1:
                space = joined.pop()
                joined[-1] += space
            if not joined[-1].isspace():
                joined[-1] += piece
                continue
        joined.append(piece)
    return joined


@functools.lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """Thai text cut into words (PyThaiNLP's newmm, offline dictionary), spaces kept as pieces;
    the pieces always join back to ``text``. Names and labels recur: the cuts are kept."""
    pieces = _word_tokenize()(text, engine="newmm", keep_whitespace=True)
    pieces = _attach_marks(_attach_nominal(pieces))
    return tuple(pieces) if "".join(pieces) == text else (text,)


# Words a line may not break inside: a Thai word of at least MIN_UNBROKEN characters. Longer
# than MAX_UNBROKEN (whole agency names are dictionary entries) may still break, so a narrow
# column never overflows.
MIN_UNBROKEN = 4
MAX_UNBROKEN = 24
THAI_LETTER = re.compile("[\u0e01-\u0e5b]")


@functools.lru_cache(maxsize=8192)
def word_pieces(text: str, shortest: int = MIN_UNBROKEN) -> tuple[tuple[str, bool], ...]:
    """``text`` as ``(piece, keep_whole)`` pairs that join back to it: each Thai word of
    ``shortest`` to MAX_UNBROKEN characters is a piece of its own, kept whole; the rest
    (spaces, Latin, digits, shorter words) is left to the renderer's line breaking. ICU's
    dictionary, which browsers and Typst use, splits some compounds that officers read as one
    word (ตรวจ|สอบ, ข้า|ราชการ)."""
    pieces: list[tuple[str, bool]] = []
    free = ""
    for word in words(text):
        # a phrase is not one word, but เด็ก ๆ is
        whole = shortest <= len(word) <= MAX_UNBROKEN and " " not in word.replace(" ๆ", "")
        if whole and THAI_LETTER.search(word):
            if free:
                pieces.append((free, False))
                free = ""
            pieces.append((word, True))
        else:
            free += word
    if free:
        pieces.append((free, False))
    return tuple(pieces)


def lines(text: str, width: int) -> list[str]:
    """``text`` on lines of about ``width`` characters, broken only between words (a longer
    word keeps a line of its own); spaces at the ends of lines are dropped."""
    result: list[str] = []
    line = ""
    for word in words(text):
        if line.strip() and len(line.rstrip()) + len(word.rstrip()) > width:
            result.append(line.strip())
            line = ""
        line += word
    if line.strip():
        result.append(line.strip())
    return result or [text]
