"""Small readers for the values printed by the old system. No Django."""

import datetime as dt
import re
from decimal import Decimal

from tidtam.lib.money import CENT, parse_decimal
from tidtam.lib.thai import BE_OFFSET, MONTHS_LONG, MONTHS_SHORT, to_arabic_digits

D = "[0-9๐-๙]"
NUMBER = rf"{D}(?:[0-9๐-๙,]*{D})?(?:\.{D}+)?"  # never ends in its comma: "20, งบ…"
_MONTHS = {name: i + 1 for names in (MONTHS_SHORT, MONTHS_LONG) for i, name in enumerate(names)}
MONTH = "|".join(re.escape(name) for name in sorted(_MONTHS, key=len, reverse=True))
BE_DATE = (
    rf"{D}{{1,2}}\s*/\s*{D}{{1,2}}\s*/\s*{D}{{4}}"  # 16/01/2566
    rf"|{D}{{1,2}}\s*(?:{MONTH})\s*{D}{{4}}"  # 16 ม.ค. 2566, 16 มกราคม 2566
)

_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_BE_RE = re.compile(r"^(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})$")
_WORDS_RE = re.compile(rf"^(\d{{1,2}})\s*({MONTH})\s*(\d{{4}})$")
# A "?" standing for a dash the old system could not print: between spaces or between digits,
# or as a bullet at the start of a line or a paragraph ("? ดำเนินการ", "<p>? ดำเนินการ").
_DASH_RE = re.compile(rf"(?:(?<=\s)|(?<=^)|(?<=>))\?(?=\s)|(?<={D})\?(?={D})")


def collapse(text: str) -> str:
    """Runs of white space as one space, none at the ends."""
    return " ".join(text.split())


def restore_dashes(text: str) -> tuple[str, int]:
    """``2561 ? 2580`` → ``2561 – 2580``; the count tells whether to warn."""
    return _DASH_RE.subn("–", text) if "?" in text else (text, 0)


def read_date(text: str) -> dt.date | None:
    """``2022-10-01 00:00:00`` (CE) or ``16/01/2566`` (BE, Thai or Arabic digits)."""
    text = to_arabic_digits(collapse(text)).strip(" :")
    try:
        iso = _ISO_RE.match(text)
        if iso:
            year, month, day = (int(part) for part in iso.groups())
            return dt.date(year, month, day)
        be = _BE_RE.match(text)
        if be:
            day, month, year = (int(part) for part in be.groups())
            return dt.date(year - BE_OFFSET if year >= 2400 else year, month, day)
        words = _WORDS_RE.match(text)
        if words:
            day, month, year = int(words[1]), _MONTHS[words[2]], int(words[3])
            return dt.date(year - BE_OFFSET if year >= 2400 else year, month, day)
    except ValueError:
        return None
    return None


def read_amount(text: str) -> Decimal | None:
    """A number of baht or a percentage, always with two decimal places."""
    try:
        return parse_decimal(collapse(text)).quantize(CENT)
    except (ValueError, ArithmeticError):
        return None


def read_year(text: str) -> int | None:
    cleaned = to_arabic_digits(collapse(text)).removeprefix("พ.ศ.").strip()
    return int(cleaned) if re.fullmatch(r"\d{4}", cleaned) else None


def join_wrapped(first: str, second: str) -> str:
    """Join a value with its wrapped tail: Thai words have no space between them, so a break
    between two Thai letters is joined without one; any other break gets a space."""
    if not first:
        return second
    if not second:
        return first
    if _is_thai(first[-1]) and _is_thai(second[0]):
        return first + second
    return f"{first} {second}"


def _is_thai(char: str) -> bool:
    return "\u0e01" <= char <= "\u0e5b" and not "\u0e50" <= char <= "\u0e59"
