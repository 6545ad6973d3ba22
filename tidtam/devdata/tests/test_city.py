import datetime as dt
import re

import pytest

from tidtam.core.models import AuditEntry
from tidtam.devdata import city
from tidtam.devdata.city_load import load_city
from tidtam.devdata.demo import AGENCIES
from tidtam.orgs.models import Membership, Unit
from tidtam.projects.models import Project, ProjectFigures
from tidtam.reports.models import ProgressReport
from tidtam.rounds.models import RoundCalendar

TODAY = dt.date(2026, 11, 30)  # fiscal year 2570: round 1 (October) due, round 2 running


def test_every_agency_code_is_well_formed_unique_and_agrees_with_the_demo():
    agencies = city.agencies()
    codes = [a.code for a in agencies]
    assert all(re.fullmatch(r"\d{8}", code) for code in codes)
    assert len(set(codes)) == len(codes)
    assert len(set(a.name for a in agencies)) == len(agencies)
    districts = [a for a in agencies if a.name.startswith("สำนักงานเขต")]
    assert len(districts) == 50
    assert {a.code[2:4] for a in districts} == {f"{n:02d}" for n in range(1, 51)}
    assert all(a.code.startswith("50") and a.code.endswith("0000") for a in districts)
    by_code = {a.code: a.name for a in agencies}
    for code, (name, _divisions) in AGENCIES.items():
        assert by_code[code] == name  # the demo's agencies keep their codes


def test_the_plan_is_the_same_for_the_same_day_and_covers_every_state():
    first = city.plan(today=TODAY, scale=0.1)
    assert first == city.plan(today=TODAY, scale=0.1)
    assert {p.fate for p in first if p.fiscal_year == 2570} == set(city.FATES)
    assert any(p.fiscal_year == 2569 for p in first)
    later = city.plan(today=dt.date(2027, 1, 20), scale=0.1)
    assert {p.fiscal_year for p in later} == {2570, 2569}
    assert sum(len(p.reports) for p in later) > sum(len(p.reports) for p in first)


@pytest.fixture
def loaded(db):
    counts = load_city(today=TODAY, scale=0.1)
    assert counts["projects"] > 0
    return counts


def _reports(**filters):
    return ProgressReport.objects.filter(project__fiscal_year=2570, **filters)


def _figures(status):
    return ProjectFigures.objects.filter(project__fiscal_year=2570, status=status).count()


def test_the_city_has_every_state_in_the_current_year(loaded):
    assert _reports(status="submitted").count() >= 2
    returned = _reports(status="returned")
    assert returned.count() >= 1 and all(r.review_comment for r in returned)
    assert _reports(status="accepted").count() >= 10
    assert _reports(status="draft").count() >= 1
    behind = _reports(plan_status="behind_plan")
    assert behind.exists() and all(r.delay_category and r.delay_note for r in behind)
    assert _figures("behind_plan") >= 1
    assert _figures("ahead_of_plan") >= 1
    assert _figures("completed") >= 1
    assert _figures("not_started") >= 2  # the missing report and the projects not yet begun
    assert _figures("on_plan") >= 3
    # a project running in round 1 (October) without a report for it
    october = ProgressReport.objects.filter(date__month=10, date__year=2026)
    missing = Project.objects.filter(fiscal_year=2570, start_date__lte=dt.date(2026, 10, 1))
    assert missing.exclude(reports__in=october).exists()
    # one filed after the due date (5 November)
    assert _reports(first_submitted_at__date__gt=dt.date(2026, 11, 5), date__month=10).exists()
    # last year's projects, followed to the end
    last_year = Project.objects.filter(fiscal_year=2569)
    assert last_year.count() >= 5
    assert ProjectFigures.objects.filter(project__in=last_year, status="completed").exists()
    assert set(RoundCalendar.objects.values_list("fiscal_year", flat=True)) >= {2569, 2570}


def test_the_history_and_the_figures_are_those_of_the_services(loaded):
    accepted = ProgressReport.objects.filter(status="accepted").count()
    assert AuditEntry.objects.filter(action="reports.report.accepted").count() == accepted
    created = ProgressReport.objects.count()
    assert AuditEntry.objects.filter(action="reports.report.created").count() == created
    for figures in ProjectFigures.objects.filter(project__fiscal_year__in=[2569, 2570]):
        reports = list(figures.project.reports.order_by("number"))
        assert figures.report_count == len(reports)
        assert figures.latest_progress == (reports[-1].progress_percent if reports else None)


def test_loading_again_changes_nothing(loaded):
    before = (Project.objects.count(), ProgressReport.objects.count(), AuditEntry.objects.count())
    memberships = Membership.objects.count()
    assert load_city(today=TODAY, scale=0.1) == {}
    after = (Project.objects.count(), ProgressReport.objects.count(), AuditEntry.objects.count())
    assert after == before
    assert Membership.objects.count() == memberships


def test_the_demo_logins_see_the_current_year(loaded):
    bang_sue = Unit.objects.get(agency_code="50310000")
    assert Project.objects.filter(fiscal_year=2570, agency=bang_sue).count() >= len(city.FATES)
    division = Unit.objects.get(parent=bang_sue, name="ฝ่ายปกครอง")
    mine = ProgressReport.objects.filter(project__responsible_unit=division)
    assert mine.filter(status="returned").exists() and mine.filter(status="draft").exists()
    assert mine.filter(status="submitted", submitted_by__username="reporter").exists()
    assert Membership.objects.filter(user__username="city_executive", unit__kind="city").exists()
    assert Unit.objects.filter(kind="agency").count() == 56
