"""The plan's rules, both ways round, and the status computed from it."""

import datetime as dt
from decimal import Decimal as D

import pytest

from tidtam.workplans.rules import Row, computed_status, plan_errors, planned_progress_on

START, END = dt.date(2022, 10, 1), dt.date(2022, 12, 31)
OCT, NOV, DEC = dt.date(2022, 10, 1), dt.date(2022, 11, 1), dt.date(2022, 12, 1)


def plan(*figures, months=(OCT, NOV, DEC)):
    return [Row(m, D(p), D(d)) for m, (p, d) in zip(months, figures, strict=True)]


def errors(rows, budget="1000"):
    return plan_errors(rows, start=START, end=END, budget=D(budget))


def test_a_sound_plan_has_no_error():
    assert errors(plan(("10", "300"), ("60", "300"), ("100", "400"))) == {}


def test_disbursements_may_add_up_to_the_budget_but_not_more():
    assert errors(plan(("10", "300"), ("60", "300"), ("100", "400"))) == {}
    found = errors(plan(("10", "300"), ("60", "300"), ("100", "400.01")))
    assert list(found) == ["disbursement_2"]
    assert "1,000.01" in found["disbursement_2"][0]


def test_the_excess_is_said_once_on_the_month_the_sum_passes_the_budget():
    found = errors(plan(("10", "900"), ("60", "200"), ("100", "50")))
    assert list(found) == ["disbursement_1"]


def test_progress_may_stay_flat_but_never_goes_down():
    assert errors(plan(("40", "0"), ("40", "0"), ("100", "0"))) == {}
    found = errors(plan(("40", "0"), ("39.99", "0"), ("100", "0")))
    assert list(found) == ["progress_1"]
    assert "40" in found["progress_1"][0]


def test_the_plan_ends_at_100():
    assert errors(plan(("10", "0"), ("60", "0"), ("100", "0"))) == {}
    assert list(errors(plan(("10", "0"), ("60", "0"), ("99.99", "0")))) == ["progress_2"]


def test_months_lie_within_the_project_period():
    assert errors(plan(("10", "0"), ("100", "0"), months=(OCT, DEC))) == {}
    found = errors(plan(("10", "0"), ("100", "0"), months=(OCT, dt.date(2023, 1, 1))))
    assert list(found) == ["month_1"]
    assert "มกราคม 2566" in found["month_1"][0]


ROWS = plan(("10", "0"), ("40", "0"), ("100", "0"))


@pytest.mark.parametrize(
    ("date", "planned"),
    [
        (dt.date(2022, 10, 31), D("10.00")),  # a month's figure on its last day
        (dt.date(2022, 11, 15), D("25.00")),  # half of November: 10 + 30 × 15/30
        (dt.date(2022, 11, 1), D("11.00")),  # 10 + 30 × 1/30
        (dt.date(2022, 10, 1), D("0.32")),  # from 0: 10 × 1/31
        (dt.date(2022, 12, 31), D("100.00")),
        (dt.date(2023, 2, 1), D("100")),  # after the plan: its end
        (dt.date(2022, 9, 30), D("0")),  # before it: nothing yet
    ],
)
def test_the_planned_progress_grows_evenly_within_a_month(date, planned):
    assert planned_progress_on(ROWS, date) == planned


def test_no_plan_no_planned_progress():
    assert planned_progress_on([], dt.date(2022, 11, 1)) is None


@pytest.mark.parametrize(
    ("actual", "status"),
    [
        ("44.99", "behind_plan"),
        ("45", "on_plan"),  # exactly the tolerance below: still on plan
        ("50", "on_plan"),
        ("55", "on_plan"),  # exactly the tolerance above
        ("55.01", "ahead_of_plan"),
    ],
)
def test_the_computed_status_at_the_tolerance_boundary(actual, status):
    assert computed_status(D(actual), D("50"), D("5")) == status
