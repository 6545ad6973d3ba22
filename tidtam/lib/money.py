"""Decimal amounts typed by people and shown to them: baht and percentages."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from tidtam.lib.thai import to_arabic_digits

CENT = Decimal("0.01")
_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def parse_decimal(text: str) -> Decimal:
    """Read a number typed by a person: Thai or Arabic digits, thousands commas, spaces,
    an optional trailing ``%`` or ``บาท``. Raises ``ValueError`` for anything else."""
    cleaned = to_arabic_digits(text).strip()
    for suffix in ("%", "บาท"):
        cleaned = cleaned.removesuffix(suffix).strip()
    cleaned = cleaned.replace(",", "").replace(" ", "")
    if not _NUMBER_RE.match(cleaned):
        raise ValueError(f"not a number: {text!r}")
    try:
        return Decimal(cleaned)
    except InvalidOperation as error:  # pragma: no cover - the regex admits only numbers
        raise ValueError(f"not a number: {text!r}") from error


def round_half_up(value: Decimal, places: Decimal = CENT) -> Decimal:
    return value.quantize(places, rounding=ROUND_HALF_UP)


def format_baht(value: Decimal) -> str:
    """1234567.5 → 1,234,567.50 ; whole amounts keep their two decimals."""
    return f"{round_half_up(value):,.2f}"


def format_percent(value: Decimal) -> str:
    return f"{round_half_up(value):.2f}"
