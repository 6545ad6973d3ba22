"""The indicators' part of the daily digest: quarters due and overdue, results to review."""

import datetime as dt

import pytest
from django.core import mail

from tidtam.followup.reminders import digest_for, send_digests
from tidtam.indicators import services
from tidtam.indicators.reminders import recent_quarters
from tidtam.indicators.tests.helpers import file_result, make_year
from tidtam.rounds.services import calendar_create

pytestmark = pytest.mark.django_db

# FY2566 without a reporting calendar: quarter 1 (Oct–Dec 2022) is due on 15 Jan 2023 and
# locks ten days later
DUE = dt.date(2023, 1, 15)


@pytest.fixture
def year(cast):
    return make_year(cast, fiscal_year=2566)


def _lines(user, today):
    return {title: lines for title, lines in digest_for(user, today).sections}


def _mentions(user, today, year) -> list[str]:
    """The titles of the sections of the person's digest that list the indicator."""
    return [
        title
        for title, lines in _lines(user, today).items()
        if any(year.indicator.code in line for line in lines)
    ]


def test_recent_quarters_cross_the_fiscal_year():
    found = recent_quarters(dt.date(2023, 1, 10))  # quarter 2 of 2566 (Jan–Mar)
    assert [(y, q) for y, q, _due, _lock in found] == [(2565, 4), (2566, 1), (2566, 2)]
    assert found[1][2:] == (DUE, dt.date(2023, 1, 25))


@pytest.mark.parametrize(
    ("today", "told"),
    [
        (DUE - dt.timedelta(days=4), None),  # not near yet
        (DUE - dt.timedelta(days=3), "ครบกำหนดส่งวันที่ 15/01/2566"),
        (DUE, "ครบกำหนดส่งวันที่ 15/01/2566"),
        (DUE + dt.timedelta(days=1), "ครบกำหนดส่งเมื่อวันที่ 15/01/2566 และจะปิดรับหลังวันที่ 25/01/2566"),
        (dt.date(2023, 1, 25), "ครบกำหนดส่งเมื่อวันที่ 15/01/2566 และจะปิดรับหลังวันที่ 25/01/2566"),
        (dt.date(2023, 1, 26), None),  # locked: nothing more to file
    ],
)
def test_the_unit_hears_of_its_quarter_due_and_overdue(cast, year, today, told):
    found = _mentions(cast.alice, today, year)
    if told is None:
        assert found == []
    else:
        assert len(found) == 1 and "ไตรมาสที่ 1 ปีงบประมาณ 2566" in found[0] and told in found[0]


def test_a_draft_or_returned_result_still_counts_as_missing_a_submitted_one_not(cast, year):
    row = file_result(cast, year, 1, "25")
    assert _mentions(cast.alice, DUE, year)  # a draft
    row = services.result_step(actor=cast.alice, row=row, action="submit")
    assert _mentions(cast.alice, DUE, year) == []
    services.result_step(actor=cast.carol, row=row, action="return", comment="แก้ไข")
    assert _mentions(cast.alice, DUE, year)


def test_another_unit_hears_nothing_of_it(cast, year):
    assert _mentions(cast.bob, DUE, year) == []  # another agency's reporter


def test_the_coordinator_hears_of_overdue_indicators_and_results_to_review(cast, year):
    after = DUE + dt.timedelta(days=2)
    assert _mentions(cast.carol, DUE, year) == []  # not overdue yet
    (title,) = _mentions(cast.carol, after, year)
    assert "ครบกำหนดส่งเมื่อวันที่ 15/01/2566" in title
    assert _mentions(cast.cody, after, year) == []  # another agency's coordinator
    row = file_result(cast, year, 1, "25")
    services.result_step(actor=cast.alice, row=row, action="submit")
    (title,) = _mentions(cast.carol, after, year)
    assert "รอการตรวจของท่าน" in title
    assert any("ไตรมาสที่ 1" in line for line in _lines(cast.carol, after)[title])


def test_with_a_reporting_calendar_the_quarter_is_due_with_its_last_months_round(cast, year):
    calendar_create(actor=cast.root, fiscal_year=2566, due_day=5)  # December's: 5 Jan 2023
    (title,) = _mentions(cast.alice, dt.date(2023, 1, 3), year)
    assert "ครบกำหนดส่งวันที่ 05/01/2566" in title


def test_the_reminders_travel_in_the_one_daily_email(cast, year):
    cast.alice.email = "alice@example.org"
    cast.alice.save()
    assert send_digests(DUE)["sent"] == 1
    (message,) = mail.outbox
    assert year.indicator.code in message.body
    assert send_digests(DUE)["sent"] == 0  # once a day
