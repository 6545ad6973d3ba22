"""Dashboard figures against a small data set computed by hand; scope; query counts."""

import datetime as dt
import re
from decimal import Decimal
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from tidtam.core.testing import page_of
from tidtam.followup.dashboard import dashboard
from tidtam.plans.models import PlanNode
from tidtam.projects.tests.factories import add_report, make_project
from tidtam.reports import figures
from tidtam.reports.models import ProgressReport
from tidtam.reports.review import report_accept, report_submit

TODAY = dt.date(2023, 1, 20)  # no calendar: "this round" is January 2023


def _plan():
    plan = PlanNode.objects.create(kind="plan", code="20", title="แผนพัฒนา 20 ปี")
    targets = {}
    for digit, title in [("๗", "การบริหารจัดการเมืองมหานคร"), ("๑", "มหานครปลอดภัย")]:
        strategy = PlanNode.objects.create(kind="strategy", parent=plan, code=digit, title=title)
        sub = PlanNode.objects.create(kind="sub_strategy", parent=strategy, code=f"{digit}.๑")
        targets[digit] = PlanNode.objects.create(kind="target", parent=sub, code=f"{digit}.๑.๑")
    return targets


@pytest.fixture
def data(cast):
    targets = _plan()
    p1 = make_project(cast.alice, cast.a_admin, budget_received=Decimal("100000"))
    p1_first = add_report(
        cast.alice,
        p1,
        date=dt.date(2022, 10, 10),
        progress_percent=Decimal("20"),
        budget_disbursed=Decimal("10000"),
    )
    add_report(
        cast.alice,
        p1,
        date=dt.date(2023, 1, 10),
        progress_percent=Decimal("50"),
        budget_disbursed=Decimal("30000"),
        plan_status="behind_plan",
        delay_category="procurement",
        delay_note="ประกวดราคาไม่ได้",
    )
    p2 = make_project(cast.root, cast.a_works, budget_received=Decimal("50000"))
    p3 = make_project(
        cast.alice, cast.a_admin, budget_received=Decimal("0"), end_date=dt.date(2022, 12, 31)
    )
    p3_report = add_report(
        cast.alice, p3, date=dt.date(2022, 12, 1), progress_percent=Decimal("100")
    )
    p4 = make_project(cast.bob, cast.b_admin, budget_received=Decimal("200000"))
    p4_report = add_report(
        cast.bob,
        p4,
        date=dt.date(2023, 1, 5),
        progress_percent=Decimal("10"),
        budget_disbursed=Decimal("5000"),
        plan_status="ahead_of_plan",
    )
    make_project(
        cast.alice,
        cast.a_admin,
        fiscal_year=2565,
        start_date=dt.date(2021, 10, 1),
        end_date=dt.date(2022, 9, 30),
    )  # another year: never counted
    report_submit(actor=cast.bob, report=p4_report)  # waits for review
    # reviewed in 2½ days and in 1 day: agency A's turnaround is 1.75 days
    for report, hours in [(p1_first, 60), (p3_report, 24)]:
        report_accept(actor=cast.carol, report=report_submit(actor=cast.alice, report=report))
        submitted = timezone.make_aware(dt.datetime(2023, 1, 2, 9, 0))
        ProgressReport.objects.filter(pk=report.pk).update(
            first_submitted_at=submitted, reviewed_at=submitted + dt.timedelta(hours=hours)
        )
        figures.refresh([report.project_id])  # the times above bypassed the services
    p1.plan_targets.add(targets["๗"])
    p4.plan_targets.add(targets["๗"], targets["๑"])
    return p1, p2, p3, p4


def _figures(row):
    return (
        row.projects,
        row.average_progress,
        row.status_cells,
        row.budget_received,
        row.budget_used,
        row.used_percent,
        row.missing,
        row.waiting,
    )


def _statuses(on=0, behind=0, ahead=0, done=0, none=0):
    return [
        ("on_plan", on),
        ("behind_plan", behind),
        ("ahead_of_plan", ahead),
        ("completed", done),
        ("not_started", none),
    ]


def test_the_city_executive_sees_every_agency_figured_by_hand(cast, data):
    board = dashboard(cast.chief, fiscal_year=2566, today=TODAY)
    b, a = board.agencies  # by agency code: 50300000 before 50310000
    assert (a.label, b.label) == ("สำนักงานเขตบางซื่อ", "สำนักงานเขตจตุจักร")
    assert _figures(a) == (
        3,
        Decimal("50.00"),
        _statuses(behind=1, done=1, none=1),
        Decimal("150000.00"),
        Decimal("40000.00"),
        Decimal("26.67"),
        2,  # P1 has only a draft for January, P2 nothing
        0,
    )
    assert _figures(b) == (
        1,
        Decimal("10.00"),
        _statuses(ahead=1),
        Decimal("200000.00"),
        Decimal("5000.00"),
        Decimal("2.50"),
        0,
        1,
    )
    assert _figures(board.total) == (
        4,
        Decimal("40.00"),
        _statuses(behind=1, ahead=1, done=1, none=1),
        Decimal("350000.00"),
        Decimal("45000.00"),
        Decimal("12.86"),
        2,
        1,
    )
    one, seven = board.strategies  # by plan code: ๑ before ๗
    assert seven.label.startswith("๗")
    assert _figures(seven) == (
        2,
        Decimal("30.00"),
        _statuses(behind=1, ahead=1),
        Decimal("300000.00"),
        Decimal("45000.00"),
        Decimal("15.00"),
        1,
        1,
    )
    assert (one.projects, one.average_progress) == (1, Decimal("10.00"))
    assert [(key, n) for key, _label, n in board.delays] == [("procurement", 1)]
    assert (a.review_days, b.review_days, board.total.review_days) == (
        Decimal("1.75"),
        None,
        Decimal("1.75"),
    )


def test_two_targets_under_one_strategy_count_the_project_once(cast, data):
    p1 = data[0]
    sub = p1.plan_targets.get().parent
    p1.plan_targets.add(PlanNode.objects.create(kind="target", parent=sub, code="๗.๑.๒"))
    board = dashboard(cast.chief, fiscal_year=2566, today=TODAY)
    seven = board.strategies[1]
    assert (seven.projects, seven.budget_received) == (2, Decimal("300000.00"))


@pytest.mark.parametrize(
    ("who", "agencies"),
    [
        ("carol", ["สำนักงานเขตบางซื่อ"]),
        ("ed", ["สำนักงานเขตบางซื่อ"]),
        ("cody", ["สำนักงานเขตจตุจักร"]),
        ("bert", ["สำนักงานเขตจตุจักร"]),
    ],
)
def test_a_coordinator_or_executive_never_sees_another_agency(cast, data, who, agencies):
    board = dashboard(getattr(cast, who), fiscal_year=2566, today=TODAY)
    assert [row.label for row in board.agencies] == agencies
    assert board.total.projects == (3 if agencies[0].endswith("บางซื่อ") else 1)


def test_this_round_of_a_past_year_is_its_last(cast, data):
    board = dashboard(cast.chief, fiscal_year=2566, today=dt.date(2026, 11, 24))
    assert (board.period.start, board.period.end) == (dt.date(2023, 9, 1), dt.date(2023, 9, 30))
    # P1, P2 and P4 run to 30 Sep 2023 and have no report in September
    assert board.total.missing == 3


def test_dashboard_queries_do_not_grow_with_projects(cast, data, django_assert_max_num_queries):
    for _i in range(10):
        project = make_project(cast.bob, cast.b_admin)
        add_report(cast.bob, project)
    # memberships, this round, agencies (with the reasons for delay), strategies
    with django_assert_max_num_queries(4):
        dashboard(cast.chief, fiscal_year=2566, today=TODAY)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("chief", 200),
        ("carol", 200),
        ("ed", 200),
        ("root", 200),
        ("alice", 403),
        ("bob", 403),
        ("olive", 403),
    ],
)
def test_dashboard_page_permissions(client, cast, data, who, status):
    client.force_login(getattr(cast, who))
    assert client.get(reverse("followup:dashboard") + "?fy=2566").status_code == status


def test_dashboard_page_drills_down_and_has_pinned_queries(
    client, cast, data, django_assert_max_num_queries
):
    client.force_login(cast.chief)
    # + session and user
    with django_assert_max_num_queries(7):
        page = page_of(client.get(reverse("followup:dashboard") + "?fy=2566"))
    assert f"/projects/?unit={cast.a.pk}&amp;fiscal_year=2566&amp;status=behind_plan" in page
    seven = PlanNode.objects.get(kind="strategy", code="๗")
    assert f"/projects/?strategy={seven.pk}&amp;fiscal_year=2566&amp;status=ahead_of_plan" in page
    assert 'id="agency-chart-data"' in page and 'id="strategy-chart-data"' in page
    assert "26.67" in page
    assert "ภาพรวมปีงบประมาณ 2566" in page  # the app's Thai catalogue


def test_anonymous_goes_to_log_in(client, db):
    for name in ["dashboard", "queue", "my_reports", "rounds"]:
        response = client.get(reverse(f"followup:{name}"))
        assert response.status_code == 302
        assert "/login/" in response["Location"]


def test_a_refusal_says_why_and_what_to_do(client, cast, data):
    client.force_login(cast.alice)  # a reporter: no dashboard
    response = client.get(reverse("followup:dashboard"))
    page = page_of(response)
    assert response.status_code == 403
    assert "ท่านไม่มีสิทธิ์ใช้หน้านี้" in page and "ผู้ดูแลระบบ" in page
    client.force_login(cast.bob)  # another agency's project is as if it did not exist
    response = client.get(reverse("projects:detail", kwargs={"code": data[0].code}))
    assert response.status_code == 404 and "ไม่พบหน้านี้" in page_of(response)


def test_a_year_without_projects_says_so_and_links_the_latest_year_with_some(
    client, cast, data, django_assert_max_num_queries
):
    make_project(
        cast.bob,
        cast.b_admin,
        fiscal_year=2567,
        start_date=dt.date(2023, 10, 1),
        end_date=dt.date(2024, 9, 30),
    )
    client.force_login(cast.ed)  # Bang Sue's executive: projects in 2566 only
    with mock.patch("django.utils.timezone.localdate", return_value=dt.date(2026, 11, 30)):
        page = page_of(client.get(reverse("followup:dashboard")))
    assert "ภาพรวมปีงบประมาณ 2570" in page  # opens on the current year
    assert "ไม่มีโครงการที่คุณติดตามในปีงบประมาณ 2570" in page
    assert '<a href="?fy=2566">' in page  # not 2567: that year is Chatuchak's
    board = dashboard(cast.ed, fiscal_year=2570, today=TODAY)
    assert board.latest_year == 2566
    # a year with projects says nothing of the kind, at no extra query
    with django_assert_max_num_queries(5):
        board = dashboard(cast.ed, fiscal_year=2566, today=TODAY)
    assert board.total.projects and board.latest_year is None
    page = page_of(client.get(reverse("followup:dashboard") + "?fy=2566"))
    assert "ไม่มีโครงการที่คุณติดตาม" not in page
    client.force_login(cast.bert)
    assert dashboard(cast.bert, fiscal_year=2570, today=TODAY).latest_year == 2567


def test_the_figures_tables_are_named_focusable_regions_with_a_scroll_hint(client, cast, data):
    client.force_login(cast.chief)
    page = page_of(client.get(reverse("followup:dashboard") + "?fy=2566"))
    regions = re.findall(
        r'<div class="table-wrap" tabindex="0" role="region" aria-label="([^"]+)"', page
    )
    assert regions == ["ตัวเลขแยกตามหน่วยงาน", "ตัวเลขแยกตามประเด็นยุทธศาสตร์"]
    assert page.count('class="scroll-hint') == 2
    # the year's label sits with its field, in one small form
    assert re.search(r'<form method="get" class="year-picker">\s*<label for="id_fy">', page)
