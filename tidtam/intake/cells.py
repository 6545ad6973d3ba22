"""Reading one cell: Thai or Arabic digits, Buddhist Era dates, money, codes and lists."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from tidtam.core import spreadsheets
from tidtam.intake.columns import Column, choice_words
from tidtam.lib.money import parse_decimal
from tidtam.lib.thai import BE_OFFSET, parse_date, to_arabic_digits

LIST_SEPARATORS = (",", ";", "\n")


class CellError(ValueError):
    pass


def text_of(raw) -> str:
    """A cell as text (``core.spreadsheets.text_of``); ``CellError`` for a yes/no cell."""
    try:
        return spreadsheets.text_of(raw)
    except ValueError as error:
        raise CellError(str(error)) from None


def read(sheet: str, column: Column, raw):
    """The cell's value for its column; ``CellError`` with a message when it cannot be one."""
    if column.kind == "date" and isinstance(raw, dt.datetime | dt.date):
        year = raw.year - BE_OFFSET if raw.year >= 2400 else raw.year
        return dt.date(year, raw.month, raw.day)
    text = text_of(raw)
    if not text:
        if column.required:
            raise CellError(_("This cell is required."))
        return [] if column.kind in ("list", "lines") else ""
    return READERS[column.kind](sheet, column, text)


def _text(sheet, column, text):
    return text


def _code(sheet, column, text):
    return to_arabic_digits(text).strip()


def _int(sheet, column, text):
    cleaned = to_arabic_digits(text).strip()
    if not cleaned.isascii() or not cleaned.isdigit():
        raise CellError(_("“%(text)s” is not a whole number.") % {"text": text})
    return int(cleaned)


def _money(sheet, column, text):
    try:
        value = parse_decimal(text)
    except (ValueError, InvalidOperation):
        raise CellError(_("“%(text)s” is not an amount in baht.") % {"text": text}) from None
    if value < 0:
        raise CellError(_("An amount cannot be negative."))
    if value != value.quantize(Decimal("0.01")):
        raise CellError(_("An amount has at most two decimals."))
    return value


def _date(sheet, column, text):
    try:
        return parse_date(text)
    except ValueError:
        raise CellError(
            _("“%(text)s” is not a date (day/month/B.E. year, e.g. 16/01/2566).") % {"text": text}
        ) from None


def _choice(sheet, column, text):
    words = choice_words(sheet, column.key)
    value = words.get(text.strip().lower())
    if value is None:
        labels = sorted({word for word in words if not word.isascii()})
        raise CellError(
            _("“%(text)s” is not one of: %(choices)s.")
            % {"text": text, "choices": ", ".join(labels)}
        )
    return value


def _list(sheet, column, text):
    for separator in LIST_SEPARATORS:
        text = text.replace(separator, "\n")
    return [part.strip() for part in text.split("\n") if part.strip()]


def _lines(sheet, column, text):
    return [line.strip() for line in text.split("\n") if line.strip()]


READERS = {
    "text": _text,
    "code": _code,
    "int": _int,
    "money": _money,
    "date": _date,
    "choice": _choice,
    "list": _list,
    "lines": _lines,
}
