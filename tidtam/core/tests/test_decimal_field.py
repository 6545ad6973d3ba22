"""A typed number is kept exactly or refused: never rounded by the database behind the form."""

from decimal import Decimal

import pytest
from django import forms

from tidtam.core.fields import ThaiDecimalField


def money() -> ThaiDecimalField:
    return ThaiDecimalField(min_value=Decimal(0), max_digits=15, decimal_places=2)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("1,250.50", Decimal("1250.50")),
        ("๑,๒๕๐.๕๐", Decimal("1250.50")),
        ("1.500", Decimal("1.5")),  # trailing zeros lose nothing
        ("1000", Decimal("1000")),
        ("0.01", Decimal("0.01")),
        ("9,999,999,999,999.99", Decimal("9999999999999.99")),  # 15 digits, 2 of them places
    ],
)
def test_a_number_the_column_holds_is_kept_exactly(typed, kept):
    assert money().clean(typed) == kept


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("1.005", "max_decimal_places"),
        ("๐.๐๐๑", "max_decimal_places"),
        ("10,000,000,000,000", "max_digits"),
        ("99999999999999999999", "max_digits"),
    ],
)
def test_a_number_the_database_would_round_or_cannot_hold_is_refused(typed, code):
    with pytest.raises(forms.ValidationError) as refused:
        money().clean(typed)
    assert refused.value.code == code


def test_without_limits_any_size_is_kept():
    assert ThaiDecimalField().clean("1.23456") == Decimal("1.23456")
