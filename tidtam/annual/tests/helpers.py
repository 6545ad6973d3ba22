"""Hand-made data for the annual documents of agency A (Bang Sue), FY2566.

P1 (budget 100,000.00) follows a plan in force (8,000 baht a month, 50 % by the end of March);
its reports: 16 Jan 20 % 10,000.50 accepted; 31 Mar 40 % 20,000.25 accepted (the 6-month
cut-off itself); 1 Apr 55 % 5,000.00 accepted; 30 Sep 90 % 1,000.01 submitted, never counted.
P2 (budget 250,000.00, no plan): its only report is returned, never counted. P3 (budget
50,000.00): accepted on 30 September (the annual cut-off itself), 100 %, 50,000.00.
Agency B has a project of its own, and A one of FY2567: neither is in A's 2566 documents."""

import datetime as dt
from decimal import Decimal as D
from types import SimpleNamespace

from tidtam.plans.models import PlanNode
from tidtam.projects.tests.factories import add_report, make_project
from tidtam.reports import review
from tidtam.workplans.rules import Row, months_between
from tidtam.workplans.services import plan_save

START, END = dt.date(2022, 10, 1), dt.date(2023, 9, 30)
PROGRESS = [5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 100]
NAMES = {
    "p1": "โครงการปรับปรุงภูมิทัศน์ริมคลองเปรมประชากร",
    "p2": "โครงการฝึกอบรมอาสาสมัครป้องกันภัยฝ่ายพลเรือน",
    "p3": "โครงการตรวจสุขภาพผู้สูงอายุในชุมชน",
}


def _target() -> PlanNode:
    plan = PlanNode.objects.create(kind="plan", code="", title="แผนพัฒนากรุงเทพมหานคร ระยะ 20 ปี")
    strategy = PlanNode.objects.create(
        kind="strategy", parent=plan, code="๗", title="การบริหารจัดการเมืองมหานคร"
    )
    sub = PlanNode.objects.create(
        kind="sub_strategy", parent=strategy, code="๗.๑", title="การบริหารจัดการที่ดี"
    )
    return PlanNode.objects.create(
        kind="target", parent=sub, code="๗.๑.๑", title="ประชาชนเข้าถึงบริการ"
    )


def accepted(cast, report):
    report = review.report_submit(actor=cast.alice, report=report)
    return review.report_accept(actor=cast.carol, report=report)


def make_documents_data(cast) -> SimpleNamespace:
    p1 = make_project(
        cast.alice,
        cast.a_admin,
        name=NAMES["p1"],
        budget_received=D("100000.00"),
        plan_targets=[_target()],
    )
    rows = [
        Row(month, D(PROGRESS[i]), D("8000.00"), f"กิจกรรมเดือนที่ {i + 1}")
        for i, month in enumerate(months_between(START, END))
    ]
    plan_save(actor=cast.alice, project=p1, rows=rows)
    for date, progress, spent in [
        (dt.date(2023, 1, 16), "20", "10000.50"),
        (dt.date(2023, 3, 31), "40", "20000.25"),
        (dt.date(2023, 4, 1), "55", "5000.00"),
    ]:
        report = add_report(
            cast.alice, p1, date=date, progress_percent=D(progress), budget_disbursed=D(spent)
        )
        accepted(cast, report)
    late = add_report(
        cast.alice,
        p1,
        date=END,
        progress_percent=D("90"),
        budget_disbursed=D("1000.01"),
    )
    review.report_submit(actor=cast.alice, report=late)

    p2 = make_project(cast.alice, cast.a_admin, name=NAMES["p2"], budget_received=D("250000.00"))
    returned = review.report_submit(
        actor=cast.alice,
        report=add_report(
            cast.alice,
            p2,
            date=dt.date(2023, 2, 1),
            progress_percent=D("30"),
            budget_disbursed=D("9999.99"),
        ),
    )
    review.report_return(actor=cast.carol, report=returned, comment="แก้ไข")

    p3 = make_project(cast.alice, cast.a_admin, name=NAMES["p3"], budget_received=D("50000.00"))
    accepted(
        cast,
        add_report(
            cast.alice, p3, date=END, progress_percent=D("100"), budget_disbursed=D("50000.00")
        ),
    )
    other = make_project(cast.bob, cast.b_admin, name="โครงการของเขตจตุจักร")
    next_year = make_project(cast.alice, cast.a_admin, name="โครงการปีหน้า", fiscal_year=2567)
    return SimpleNamespace(p1=p1, p2=p2, p3=p3, other=other, next_year=next_year, late=late)
