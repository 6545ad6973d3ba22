"""Round rules as plain functions, both ways around each boundary."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tidtam.rounds import rules

D = dt.date
DUE = D(2022, 11, 5)


@pytest.mark.parametrize(
    ("filed_on", "today", "expected"),
    [
        (D(2022, 11, 4), D(2022, 11, 4), rules.ON_TIME),
        (D(2022, 11, 5), D(2022, 11, 30), rules.ON_TIME),  # on the due date itself
        (D(2022, 11, 6), D(2022, 11, 30), rules.LATE),  # the day after
        (None, D(2022, 11, 5), rules.NOT_DUE),  # not yet missing on the due date
        (None, D(2022, 11, 6), rules.MISSING),  # missing from the next day
    ],
)
def test_timeliness(filed_on, today, expected):
    assert rules.timeliness(due_date=DUE, filed_on=filed_on, today=today) == expected


def test_a_report_of_the_old_system_is_neither_missing_nor_timed():
    today = D(2024, 1, 1)
    assert rules.timeliness(due_date=DUE, filed_on=None, today=today, imported=True) == (
        rules.IMPORTED
    )
    # filed in tidtam as well: tidtam's own time counts
    assert rules.timeliness(due_date=DUE, filed_on=DUE, today=today, imported=True) == (
        rules.ON_TIME
    )


@pytest.mark.parametrize(
    ("today", "reopened_until", "locked"),
    [
        (D(2022, 11, 15), None, False),  # the lock date: still open
        (D(2022, 11, 16), None, True),  # the day after: locked
        (D(2022, 11, 16), D(2022, 11, 16), False),  # reopened up to and including today
        (D(2022, 11, 17), D(2022, 11, 16), True),  # the reopening has run out
        (D(2022, 11, 1), D(2022, 10, 1), False),  # a stale reopening does not lock early
    ],
)
def test_lock(today, reopened_until, locked):
    assert (
        rules.is_locked(
            due_date=DUE, lock_after_days=10, today=today, reopened_until=reopened_until
        )
        is locked
    )


def test_lock_after_zero_days_locks_the_day_after_the_due_date():
    kwargs = {"due_date": DUE, "lock_after_days": 0, "reopened_until": None}
    assert not rules.is_locked(today=DUE, **kwargs)
    assert rules.is_locked(today=DUE + dt.timedelta(days=1), **kwargs)


def test_monthly_periods_of_fiscal_year_2566():
    periods = rules.monthly_periods(2566, due_day=31)
    assert len(periods) == 12
    assert periods[0] == (D(2022, 10, 1), D(2022, 10, 31), D(2022, 11, 30))
    assert periods[3] == (D(2023, 1, 1), D(2023, 1, 31), D(2023, 2, 28))  # short month
    assert periods[-1] == (D(2023, 9, 1), D(2023, 9, 30), D(2023, 10, 31))


@given(
    due=st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31)),
    days=st.integers(min_value=0, max_value=60),
    offset=st.integers(min_value=-90, max_value=90),
)
def test_a_round_locks_exactly_after_its_lock_date_and_stays_locked(due, days, offset):
    today = due + dt.timedelta(days=offset)
    locked = rules.is_locked(due_date=due, lock_after_days=days, today=today, reopened_until=None)
    assert locked == (offset > days)
    later = rules.is_locked(
        due_date=due, lock_after_days=days, today=today + dt.timedelta(days=1), reopened_until=None
    )
    assert later or not locked  # once locked, never open again by itself


@given(
    due=st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31)),
    filed=st.integers(min_value=-30, max_value=30),
)
def test_filed_on_or_before_the_due_date_is_on_time(due, filed):
    filed_on = due + dt.timedelta(days=filed)
    status = rules.timeliness(due_date=due, filed_on=filed_on, today=filed_on)
    assert status == (rules.ON_TIME if filed <= 0 else rules.LATE)
