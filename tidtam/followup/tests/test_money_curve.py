"""The S-curves of an agency and of all the projects a user follows: figures worked out by
hand, scope, pinned queries; the disbursement page's targets and its queries."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.test import Client
from django.urls import reverse

from tidtam.core.testing import page_of
from tidtam.followup.curves import group_curve
from tidtam.projects.models import Project
from tidtam.projects.tests.factories import add_report, make_project
from tidtam.workplans import services
from tidtam.workplans.rules import Row, months_between

START, END = dt.date(2022, 10, 1), dt.date(2023, 9, 30)


@pytest.fixture
def agency_a(cast):
    """Two projects of 100,000 baht: one with a plan (8 % and 8,000 baht a month, 100 % in
    September), one without a plan, reporting 50 % and 20,000 baht in January, then 60 % and
    10,000 more in February."""
    planned = make_project(cast.alice, cast.a_admin, name="มีแผน")
    rows = [
        Row(m, D("100") if i == 11 else D(8 * (i + 1)), D("8000"))
        for i, m in enumerate(months_between(START, END))
    ]
    services.plan_save(actor=cast.alice, project=planned, rows=rows)
    unplanned = make_project(cast.alice, cast.a_admin, name="ไม่มีแผน")
    add_report(
        cast.alice,
        unplanned,
        date=dt.date(2023, 1, 16),
        progress_percent=D("50"),
        budget_disbursed=D("20000"),
    )
    add_report(
        cast.alice,
        unplanned,
        date=dt.date(2023, 2, 15),
        progress_percent=D("60"),
        budget_disbursed=D("10000"),
    )
    make_project(cast.bob, cast.b_admin, name="ของหน่วยงานอื่น")
    return planned, unplanned


def test_the_curve_of_an_agency(cast, agency_a):
    curve = group_curve(
        Project.objects.filter(agency=cast.a), fiscal_year=2566, today=dt.date(2023, 3, 10)
    )
    by_month = {m.month: m for m in curve}
    assert len(curve) == 12 and curve[0].month == START
    october, january, february, march = (
        by_month[dt.date(2022, 10, 1)],
        by_month[dt.date(2023, 1, 1)],
        by_month[dt.date(2023, 2, 1)],
        by_month[dt.date(2023, 3, 1)],
    )
    # planned: 8 % of one of the two budgets = 4 %; actual: nothing reported yet
    assert (october.planned_progress, october.actual_progress) == (D("4.00"), D("0.00"))
    assert (october.planned_spent, october.actual_spent) == (D("8000"), D("0"))
    # January: planned 32 % × 100,000 / 200,000 = 16 %; actual 50 % × 100,000 / 200,000 = 25 %
    assert (january.planned_progress, january.actual_progress) == (D("16.00"), D("25.00"))
    assert (february.actual_progress, february.actual_spent) == (D("30.00"), D("30000"))
    assert (february.planned_spent, february.planned_spent_rate) == (D("40000"), D("20.00"))
    assert february.actual_spent_rate == D("15.00")
    # March is under way: its progress carries February's; April is not reached
    assert march.actual_progress == D("30.00")
    assert by_month[dt.date(2023, 4, 1)].actual_spent is None
    # September: the plan reaches 100 % of its project, half of the agency's budget
    assert by_month[dt.date(2023, 9, 1)].planned_progress == D("50.00")


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_who_sees_which_curve(cast, agency_a):
    a_url = reverse("followup:money_curve_agency", args=[cast.a.pk]) + "?fy=2566"
    b_url = reverse("followup:money_curve_agency", args=[cast.b.pk]) + "?fy=2566"
    all_url = reverse("followup:money_curve") + "?fy=2566"
    for user in (cast.ed, cast.carol, cast.chief, cast.root):
        assert _client(user).get(a_url).status_code == 200
    for user in (cast.ed, cast.carol):  # another agency: not found
        assert _client(user).get(b_url).status_code == 404
    assert _client(cast.alice).get(a_url).status_code == 403  # a reporter has no dashboard
    assert _client(cast.olive).get(all_url).status_code == 403
    page = page_of(_client(cast.chief).get(all_url))
    assert "S-curve" in page or "เอสเคิร์ฟ" in page or "เส้นโค้ง" in page
    own = page_of(_client(cast.ed).get(all_url))  # an agency's executive: their agency only
    assert "40,000.00" in own  # planned by February … the table holds both agencies' sums
    assert _client(cast.chief).get(all_url + "&fy=abc").status_code in (200, 400)


def test_pinned_queries_of_the_curves_and_the_disbursement_page(
    cast, agency_a, django_assert_num_queries
):
    services.targets_set(
        actor=cast.root, fiscal_year=2566, rates=[D("20"), D("45"), D("70"), D("100")]
    )
    client = _client(cast.chief)
    urls = {
        "agency": reverse("followup:money_curve_agency", args=[cast.a.pk]) + "?fy=2566",
        "all": reverse("followup:money_curve") + "?fy=2566",
        "money": reverse("followup:money") + "?fy=2566",
    }
    counts = {"agency": 8, "all": 6, "money": 6}
    for name, url in urls.items():
        client.get(url)
        with django_assert_num_queries(counts[name]):
            assert client.get(url).status_code == 200
    make_project(cast.bob, cast.b_admin, name="อีกโครงการ")  # more projects, as many queries
    for name, url in urls.items():
        with django_assert_num_queries(counts[name]):
            client.get(url)


def test_the_disbursement_page_says_when_no_targets_are_set(cast, agency_a):
    url = reverse("followup:money") + "?fy=2566"
    assert reverse("admin:workplans_quartertargets_add") not in page_of(
        _client(cast.chief).get(url)
    )
    cast.root.is_staff = True  # the admin site's users get the link
    cast.root.save()
    page = page_of(_client(cast.root).get(url))
    assert reverse("admin:workplans_quartertargets_add") in page
    services.targets_set(
        actor=cast.root, fiscal_year=2566, rates=[D("20"), D("45"), D("70"), D("100")]
    )
    page = page_of(_client(cast.root).get(url))
    assert reverse("admin:workplans_quartertargets_add") not in page
    assert "45.00" in page
    assert reverse("followup:money_curve_agency", args=[cast.a.pk]) in page


def test_a_plan_that_ends_early_stays_at_100(cast):
    project = make_project(cast.bob, cast.b_admin, end_date=dt.date(2023, 3, 31))
    progress = ["10", "20", "40", "60", "80", "100"]
    rows = [
        Row(m, D(p), D("10000"))
        for m, p in zip(months_between(START, dt.date(2023, 3, 31)), progress, strict=True)
    ]
    services.plan_save(actor=cast.bob, project=project, rows=rows)
    curve = group_curve(
        Project.objects.filter(agency=cast.b), fiscal_year=2566, today=dt.date(2023, 9, 30)
    )
    assert [m.planned_progress for m in curve][4:8] == [
        D("80.00"),
        D("100.00"),
        D("100.00"),
        D("100.00"),
    ]
    assert curve[-1].planned_spent == D("60000")
