"""The forecast on hand-made cases, and the disbursement page: figures, scope, queries."""

import datetime as dt
from decimal import Decimal as D

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tidtam.core.testing import page_of
from tidtam.projects.tests.factories import add_report, make_project
from tidtam.workplans import services
from tidtam.workplans.money import at_pace, forecast_progress, forecast_spent, money
from tidtam.workplans.rules import Row, months_between

START, END = dt.date(2022, 10, 1), dt.date(2023, 9, 30)  # FY2566: 365 days


def test_a_project_on_pace_reaches_its_end():
    halfway = START + dt.timedelta(days=182)  # 183 days counted of 365
    assert forecast_progress(D("50.14"), START, halfway, END) == D("100")
    assert at_pace(D("50"), START, halfway, END) == D("99.73")


def test_a_stalled_project_stays_far_short():
    late = dt.date(2023, 7, 31)  # 304 days
    assert forecast_progress(D("10"), START, late, END) == D("12.01")
    assert forecast_spent(D("0"), D("100000"), START, late, END) == D("0")


def test_a_project_without_a_report_forecasts_what_it_has():
    assert forecast_progress(None, START, None, END) == D("0")
    assert forecast_spent(D("0"), D("5000"), START, None, END) == D("0")


def test_the_forecast_never_passes_the_budget_nor_100():
    early = START + dt.timedelta(days=9)
    assert forecast_spent(D("50000"), D("100000"), START, early, END) == D("100000")
    assert forecast_progress(D("90"), START, early, END) == D("100")


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_money_page_per_agency_and_the_projects_that_will_miss(cast):
    on_pace = make_project(cast.alice, cast.a_admin, name="ตามแผน")
    stalled = make_project(cast.alice, cast.a_admin, name="หยุดนิ่ง")
    make_project(cast.bob, cast.b_admin, name="ของหน่วยงานอื่น")
    rows = [
        Row(m, D("100") if i == 11 else D(8 * (i + 1)), D("8000"))
        for i, m in enumerate(months_between(START, END))
    ]
    services.plan_save(actor=cast.alice, project=on_pace, rows=rows)
    add_report(
        cast.alice,
        on_pace,
        date=dt.date(2023, 9, 29),
        progress_percent=D("100"),
        budget_disbursed=D("100000"),
    )
    add_report(cast.alice, stalled, date=dt.date(2023, 1, 16), progress_percent=D("5"))
    figures = money(
        on_pace.__class__.objects.filter(agency=cast.a),
        fiscal_year=2566,
        today=dt.date(2023, 9, 30),
    )
    (agency,) = figures.agencies
    assert (agency.projects, agency.spent, agency.planned_to_date) == (2, D("100000"), D("96000"))
    assert [row.project for row in figures.missing] == [stalled]
    assert figures.missing[0].gap == D("100000")
    assert figures.forecasting
    early = money(on_pace.__class__.objects.all(), fiscal_year=2566, today=dt.date(2022, 12, 31))
    assert not early.forecasting and early.as_of == dt.date(2022, 12, 31)

    url = reverse("followup:money") + "?fy=2566"
    page = page_of(_client(cast.ed).get(url))
    assert "หยุดนิ่ง" in page and "ของหน่วยงานอื่น" not in page
    assert _client(cast.alice).get(url).status_code == 403  # a reporter has no dashboard
    client = _client(cast.chief)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    make_project(cast.bob, cast.b_admin, name="อีกโครงการ")
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(few) == len(more)
