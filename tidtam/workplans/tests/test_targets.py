"""The city's quarterly disbursement targets, and the agencies' and projects' forecasts against
them on hand-made cases (figures worked out by hand in the comments)."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tidtam.core.models import AuditEntry
from tidtam.projects.models import Project
from tidtam.projects.tests.factories import add_report, make_project
from tidtam.reports.review import report_submit
from tidtam.workplans import services
from tidtam.workplans.models import QuarterTargets
from tidtam.workplans.money import money, quarter_ends

TARGETS = [D("20"), D("45"), D("70"), D("100")]
FEBRUARY = dt.date(2023, 2, 14)  # FY2566, second quarter: its end is 31 March


def _filed(cast, project, day, progress, disbursed):
    report = add_report(
        cast.alice, project, date=day, progress_percent=progress, budget_disbursed=disbursed
    )
    return report_submit(actor=cast.alice, report=report)


def test_an_admin_sets_the_targets_audited_and_cumulative(cast):
    made = services.targets_set(actor=cast.root, fiscal_year=2566, rates=TARGETS)
    assert made.rates == TARGETS
    assert AuditEntry.objects.filter(action="workplans.targets.set").count() == 1
    with pytest.raises(PermissionDenied):
        services.targets_set(actor=cast.chief, fiscal_year=2566, rates=TARGETS)
    with pytest.raises(ValidationError) as refused:
        services.targets_set(
            actor=cast.root, fiscal_year=2566, rates=[D("30"), D("20"), D("70"), D("100")]
        )
    assert "q2" in refused.value.message_dict
    assert QuarterTargets.objects.get(fiscal_year=2566).q2 == D("45")


def test_the_quarters_of_a_fiscal_year():
    assert quarter_ends(2566) == [
        dt.date(2022, 12, 31),
        dt.date(2023, 3, 31),
        dt.date(2023, 6, 30),
        dt.date(2023, 9, 30),
    ]


@pytest.fixture
def agency_a(cast):
    """Agency A: one project on pace, one stalled; agency B: one project without a report.
    Budgets 100,000 baht each, over the whole of FY2566 (365 days)."""
    on_pace = make_project(cast.alice, cast.a_admin, name="ตามแผน")
    stalled = make_project(cast.alice, cast.a_admin, name="หยุดนิ่ง")
    silent = make_project(cast.bob, cast.b_admin, name="ยังไม่รายงาน")
    # 16 January is the 108th day: 30,000 baht and 30 % by then
    _filed(cast, on_pace, dt.date(2023, 1, 16), D("30"), D("30000"))
    _filed(cast, stalled, dt.date(2023, 1, 16), D("5"), D("0"))
    return on_pace, stalled, silent


def test_without_targets_no_quarter_gap(cast, agency_a):
    figures = money(Project.objects.all(), fiscal_year=2566, today=FEBRUARY)
    assert figures.targets is None and figures.target_rate is None
    assert all(a.next_gap is None for a in figures.agencies)
    assert figures.city.year_gap == D("200000")  # 300,000 less the 100,000 forecast


def test_agencies_and_projects_against_the_quarter_target(cast, agency_a):
    on_pace, stalled, silent = agency_a
    services.targets_set(actor=cast.root, fiscal_year=2566, rates=TARGETS)
    figures = money(Project.objects.all(), fiscal_year=2566, today=FEBRUARY)
    assert (figures.quarter, figures.quarter_end, figures.target_rate) == (
        2,
        dt.date(2023, 3, 31),
        D("45"),
    )
    b, a = figures.agencies  # in the order of their codes
    # A: 30,000 of 200,000 disbursed = 15 % against the 45 % of the second quarter
    assert (a.label, a.spent_rate, a.next_rate, a.behind_target) == (
        cast.a.name,
        D("15.00"),
        D("45"),
        True,
    )
    # at pace on 31 March (day 182): 30,000 × 182 / 108 = 50,555.56; the stalled one stays at 0
    assert a.forecast_next == D("50555.56")
    # 45 % of 200,000 = 90,000 less 50,555.56
    assert a.next_gap == D("39444.44")
    # on 30 September (day 365) the one on pace reaches its budget (capped), the other nothing
    assert (a.forecast_spent, a.year_gap) == (D("100000.00"), D("100000.00"))
    # B: no report, nothing forecast: the whole of its target is the gap
    assert (b.spent_rate, b.next_gap, b.year_gap) == (D("0.00"), D("45000.00"), D("100000.00"))
    assert [x.label for x in figures.agencies_missing_next] == [cast.b.name, cast.a.name]
    assert figures.agencies_missing == figures.agencies
    # the project on pace meets both (50,555.56 ≥ 45,000; 100 % forecast): not listed
    listed = {row.project.pk: row for row in figures.missing}
    assert on_pace.pk not in listed
    assert set(listed) == {stalled.pk, silent.pk} and figures.missing_count == 2
    assert (listed[stalled.pk].next_gap, listed[stalled.pk].year_gap) == (
        D("45000.00"),
        D("100000.00"),
    )
    assert listed[stalled.pk].forecast_progress == D("16.90")  # 5 × 365 / 108
    assert listed[silent.pk].forecast_progress == D("0")


def test_the_first_quarter_compares_the_rate_but_does_not_forecast(cast, agency_a):
    services.targets_set(actor=cast.root, fiscal_year=2566, rates=TARGETS)
    figures = money(Project.objects.all(), fiscal_year=2566, today=dt.date(2022, 11, 30))
    assert not figures.forecasting and figures.target_rate == D("20")
    assert figures.missing == [] and figures.missing_count == 0
