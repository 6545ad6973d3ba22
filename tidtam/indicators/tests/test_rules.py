import datetime as dt
from decimal import Decimal

import pytest

from tidtam.indicators import rules


@pytest.mark.parametrize(
    ("result", "target", "direction", "met"),
    [
        ("80", "80", "higher", True),  # at the target is on it
        ("79.99", "80", "higher", False),
        ("104.15", "80", "higher", True),  # results can exceed 100
        ("5", "5", "lower", True),
        ("5.01", "5", "lower", False),
        ("4.99", "5", "lower", True),
        (None, "80", "higher", None),
        ("80", None, "higher", None),
    ],
)
def test_on_target_by_direction(result, target, direction, met):
    as_decimal = lambda v: None if v is None else Decimal(v)  # noqa: E731
    assert rules.on_target(as_decimal(result), as_decimal(target), direction) is met


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2022, 9, 30), (2565, 4)),
        (dt.date(2022, 10, 1), (2566, 1)),  # October opens quarter 1 of the next year
        (dt.date(2022, 12, 31), (2566, 1)),
        (dt.date(2023, 1, 1), (2566, 2)),
        (dt.date(2023, 3, 31), (2566, 2)),
        (dt.date(2023, 4, 1), (2566, 3)),
        (dt.date(2023, 6, 30), (2566, 3)),
        (dt.date(2023, 7, 1), (2566, 4)),
        (dt.date(2023, 9, 30), (2566, 4)),
    ],
)
def test_quarter_of_a_date_both_sides_of_each_boundary(day, expected):
    assert rules.quarter_of(day) == expected


def test_quarter_bounds_and_default_due_dates():
    assert rules.quarter_bounds(2566, 1) == (dt.date(2022, 10, 1), dt.date(2022, 12, 31))
    assert rules.quarter_bounds(2566, 2) == (dt.date(2023, 1, 1), dt.date(2023, 3, 31))
    assert rules.quarter_bounds(2566, 4) == (dt.date(2023, 7, 1), dt.date(2023, 9, 30))
    assert rules.default_due_date(2566, 1) == dt.date(2023, 1, 15)
    assert rules.default_due_date(2566, 4) == dt.date(2023, 10, 15)
    with pytest.raises(ValueError):
        rules.quarter_bounds(2566, 5)


@pytest.mark.parametrize(
    ("today", "is_open"),
    [
        (dt.date(2022, 9, 30), False),  # the day before the quarter
        (dt.date(2022, 10, 1), True),
        (dt.date(2023, 1, 25), True),  # the lock date itself
        (dt.date(2023, 1, 26), False),
    ],
)
def test_a_quarter_is_open_from_its_first_day_to_its_lock_date(today, is_open):
    lock = dt.date(2023, 1, 25)
    assert rules.is_open(fiscal_year=2566, quarter=1, today=today, lock_date=lock) is is_open


def test_share_is_a_decimal_percentage():
    assert rules.share(2, 3) == Decimal("66.67")
    assert rules.share(0, 4) == Decimal("0.00")
    assert rules.share(0, 0) is None
