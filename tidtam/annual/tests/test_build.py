"""Each document's figures on hand-made data (``helpers.py``): accepted reports only, each
project's latest on or before the cut-off, which itself counts."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tidtam.annual import build, tables
from tidtam.annual.tests.helpers import NAMES, accepted, make_documents_data
from tidtam.projects.tests.factories import add_report, make_project
from tidtam.reports import review

pytestmark = pytest.mark.django_db
YEAR = 2566


@pytest.fixture
def made(cast):
    return make_documents_data(cast)


def test_the_cut_off_days():
    assert build.cutoff(YEAR, build.PLAN) is None
    assert build.cutoff(YEAR, build.SIX_MONTH) == dt.date(2023, 3, 31)
    assert build.cutoff(YEAR, build.ANNUAL) == dt.date(2023, 9, 30)


def test_the_plan_lists_the_agency_projects_of_the_year_with_their_months(cast, made):
    data = build.document(cast.a, YEAR, build.PLAN)
    assert data["projects"] == [made.p1.code, made.p2.code, made.p3.code]
    assert data["code"] == "50310000/2566/plan" and data["cutoff"] is None
    p1 = made.p1.code
    assert data[f"{p1}.budget_received"] == "100000.00"
    assert data[f"{p1}.alignment"] == [
        "๗ การบริหารจัดการเมืองมหานคร – ๗.๑ การบริหารจัดการที่ดี – ๗.๑.๑ ประชาชนเข้าถึงบริการ"
    ]
    assert len(data[f"{p1}.months"]) == 12
    assert data[f"{p1}.months"][5] == ["2023-03-01", "50.00", "8000.00", "กิจกรรมเดือนที่ 6"]
    assert data[f"{made.p2.code}.months"] == []
    projects, by_month, months = tables.tables(data)
    assert projects.total[5] == D("400000.00")
    assert by_month.rows[5] == ["มีนาคม 2566", D("8000.00"), D("48000.00"), D("12.00")]
    assert by_month.rows[-1][2:] == [D("96000.00"), D("24.00")]
    assert len(months.rows) == 12


def test_the_six_month_report_counts_accepted_reports_to_31_march(cast, made):
    data = build.document(cast.a, YEAR, build.SIX_MONTH)
    p1, p2, p3 = made.p1.code, made.p2.code, made.p3.code
    assert data["cutoff"] == "2023-03-31"
    # report 2, of 31 March itself; not report 3 of 1 April
    assert data[f"{p1}.report"] == 2 and data[f"{p1}.report_date"] == "2023-03-31"
    assert data[f"{p1}.progress_percent"] == "40.00"
    assert data[f"{p1}.budget_disbursed"] == "30000.75"
    assert data[f"{p1}.planned_disbursed"] == "48000.00"  # October to March
    assert data[f"{p1}.planned_progress"] == "50.00"
    assert data[f"{p1}.plan_status"] == "on_plan"  # declared
    assert data[f"{p1}.computed_status"] == "behind_plan"  # 40 against 50 ± 5
    # the returned report counts for nothing: no accepted report, nothing disbursed
    assert data[f"{p2}.report"] is None and data[f"{p2}.progress_percent"] is None
    assert data[f"{p2}.budget_disbursed"] == "0.00"
    assert data[f"{p2}.planned_disbursed"] is None  # no plan
    assert data[f"{p3}.report"] is None
    (table,) = tables.tables(data)
    assert table.total[2:] == [
        D("400000.00"),
        "",
        None,
        None,
        None,
        D("48000.00"),
        D("30000.75"),
        "",
        "",
    ]
    assert table.total[8] == D("30000.75")


def test_the_annual_report_counts_accepted_reports_to_30_september(cast, made):
    data = build.document(cast.a, YEAR, build.ANNUAL)
    p1, p3 = made.p1.code, made.p3.code
    # the submitted report of 30 September is not counted: report 3 is the latest accepted
    assert data[f"{p1}.report"] == 3 and data[f"{p1}.progress_percent"] == "55.00"
    assert data[f"{p1}.budget_disbursed"] == "35000.75"
    assert data[f"{p1}.planned_disbursed"] == "96000.00"
    assert data[f"{p1}.planned_progress"] == "50.33"  # a day into April
    assert data[f"{p1}.computed_status"] == "on_plan"
    # accepted on 30 September itself: counted
    assert data[f"{p3}.report"] == 1 and data[f"{p3}.progress_percent"] == "100.00"
    assert data[f"{p3}.budget_disbursed"] == "50000.00"
    (table,) = tables.tables(data)
    assert table.total[8] == D("85000.75")
    # once accepted, the late report counts
    late = made.p1.reports.get(number=4)
    review.report_accept(actor=cast.carol, report=late)
    again = build.document(cast.a, YEAR, build.ANNUAL)
    assert again[f"{p1}.progress_percent"] == "90.00"
    assert again[f"{p1}.budget_disbursed"] == "36000.76"


def test_a_document_reads_the_same_few_queries_however_many_projects(cast, made):
    with CaptureQueriesContext(connection) as few:
        build.document(cast.a, YEAR, build.ANNUAL)
        build.document(cast.a, YEAR, build.PLAN)
    for index in range(3):
        project = make_project(cast.alice, cast.a_admin, name=f"โครงการเพิ่ม {index}")
        accepted(cast, add_report(cast.alice, project))
    with CaptureQueriesContext(connection) as more:
        build.document(cast.a, YEAR, build.ANNUAL)
        build.document(cast.a, YEAR, build.PLAN)
    assert len(few) == len(more) == 9  # 5 for a report, 4 for the plan
    assert NAMES["p1"] in build.document(cast.a, YEAR, build.PLAN).values()
