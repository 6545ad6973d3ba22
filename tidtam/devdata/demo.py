"""Demo data: the Bang Sue district office with the sample ITA project and its 10 reports,
two more agencies with a handful of projects, and one demo login per role."""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from tidtam.orgs.models import Membership, Unit, User
from tidtam.plans.models import KPI, PlanNode
from tidtam.projects.models import Project
from tidtam.projects.services import project_create
from tidtam.reports.services import report_add

DATA = Path(__file__).parent / "demo_data"
PASSWORD = "demo"  # noqa: S105 - the documented demo password
Role = Membership.Role

AGENCIES = {
    "50310000": ("สำนักงานเขตบางซื่อ", ["ฝ่ายปกครอง", "ฝ่ายโยธา", "ฝ่ายการคลัง", "ฝ่ายสิ่งแวดล้อมและสุขาภิบาล"]),
    "50300000": ("สำนักงานเขตจตุจักร", ["ฝ่ายปกครอง", "ฝ่ายโยธา", "ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม"]),
    "11000000": ("สำนักการโยธา", ["สำนักงานวิศวกรรมทาง", "สำนักงานสำรวจและแผนที่"]),
}  # fmt: skip

# username: (full name, position, agency code, division or None, role)
# fmt: off
LOGINS = {
    "reporter": ("นายสมชาย ใจดี", "เจ้าพนักงานปกครองชำนาญงาน", "50310000", "ฝ่ายปกครอง", Role.REPORTER),
    "approver": ("นางสาวมาลี รักงาน", "หัวหน้าฝ่ายปกครอง", "50310000", "ฝ่ายปกครอง", Role.APPROVER),
    "coordinator": ("นางสาวอรนิชา ศาลิคุปต์", "นักวิเคราะห์นโยบายและแผนชำนาญการ", "50310000", None, Role.COORDINATOR),
    "executive": ("นายวิชัย มั่นคง", "ผู้อำนวยการเขตบางซื่อ", "50310000", None, Role.EXECUTIVE),
    "admin": ("ผู้ดูแลระบบ", "เจ้าหน้าที่ระบบสารสนเทศ", None, None, Role.ADMIN),
}
# fmt: on

OTHER_PROJECTS = [
    # agency, division, name, budget, [(date, progress, disbursed, plan status, narrative)]
    ("50300000", "ฝ่ายโยธา", "โครงการปรับปรุงทางเท้าถนนพหลโยธิน ช่วงห้าแยกลาดพร้าว", "2450000.00", [
        ("2022-11-25", "10.00", "0.00", "on_plan", "สำรวจพื้นที่และจัดทำแบบรูปรายการ"),
        ("2022-12-23", "25.00", "350000.00", "on_plan", "ลงนามในสัญญาจ้าง เริ่มรื้อถอนทางเท้าเดิม"),
        ("2023-01-27", "35.00", "420000.50", "behind_plan", "ผู้รับจ้างเข้าพื้นที่ล่าช้าเนื่องจากการย้ายสายสื่อสาร"),
    ]),
    ("50300000", "ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม", "โครงการส่งเสริมสุขภาพผู้สูงอายุในชุมชน", "180000.00", [
        ("2022-12-15", "30.00", "45000.00", "on_plan", "จัดกิจกรรมออกกำลังกายผู้สูงอายุ 12 ชุมชน"),
    ]),
    ("50310000", "ฝ่ายสิ่งแวดล้อมและสุขาภิบาล", "โครงการคัดแยกขยะต้นทางในชุมชนบางซื่อ", "95000.00", []),
    ("11000000", "สำนักงานวิศวกรรมทาง", "โครงการก่อสร้างสะพานข้ามคลองเปรมประชากร", "18500000.00", [
        ("2022-12-30", "15.00", "2775000.00", "on_plan", "ส่งมอบพื้นที่ ผู้รับจ้างเริ่มงานเสาเข็ม"),
        ("2023-02-28", "40.00", "4625000.00", "ahead_of_plan", "งานเสาเข็มและฐานรากแล้วเสร็จก่อนกำหนด"),
    ]),
]  # fmt: skip


def _unit(kind: str, name: str, parent: Unit | None, code: str = "") -> Unit:
    unit, _ = Unit.objects.get_or_create(
        kind=kind, name=name, parent=parent, defaults={"agency_code": code}
    )
    return unit


def _plan() -> tuple[PlanNode, KPI]:
    data = json.loads((DATA / "bangsue-ita-2566.json").read_text(encoding="utf-8"))["plan"]
    node, _ = PlanNode.objects.get_or_create(
        kind=PlanNode.Kind.PLAN, code="", defaults={"title": "แผนพัฒนากรุงเทพมหานคร ระยะ 20 ปี"}
    )
    for kind in ("strategy", "sub_strategy", "target"):
        code, title = data[kind]
        node, _ = PlanNode.objects.get_or_create(
            kind=kind, parent=node, code=code, defaults={"title": title}
        )
    kpi, _ = KPI.objects.get_or_create(target=node, fiscal_year=2566, title=data["kpi"])
    return node, kpi


def _logins(agencies: dict[str, Unit], city: Unit) -> dict[str, User]:
    users = {}
    for username, (full_name, position, code, division, role) in LOGINS.items():
        user, created = User.objects.get_or_create(
            username=username, defaults={"full_name": full_name, "position": position}
        )
        if created:
            user.set_password(PASSWORD)
            user.is_staff = user.is_superuser = role == Role.ADMIN  # the admin site too
            user.save()
        unit = city if code is None else agencies[code]
        if division:
            unit = Unit.objects.get(parent=unit, name=division)
        Membership.objects.get_or_create(user=user, unit=unit, role=role)
        users[username] = user
    # the coordinator follows two district offices, not the department
    Membership.objects.get_or_create(
        user=users["coordinator"], unit=agencies["50300000"], role=Role.COORDINATOR
    )
    return users


def _sample_project(admin: User, coordinator: User, agencies: dict[str, Unit]) -> None:
    data = json.loads((DATA / "bangsue-ita-2566.json").read_text(encoding="utf-8"))
    if Project.objects.filter(code=data["code"]).exists():
        return
    target, kpi = _plan()
    project = project_create(
        actor=admin,
        code=data["code"],
        name=data["name"],
        fiscal_year=data["fiscal_year"],
        start_date=dt.date.fromisoformat(data["start_date"]),
        end_date=dt.date.fromisoformat(data["end_date"]),
        budget_received=Decimal(data["budget_received"]),
        responsible_unit=Unit.objects.get(parent=agencies["50310000"], name="ฝ่ายปกครอง"),
        responsible_person=data["responsible_person"],
        coordinator=coordinator,
        rationale=data["rationale"],
        objectives=data["objectives"],
        targets=data["targets"],
        plan_targets=[target],
        kpis=[kpi],
    )
    for report in data["reports"]:
        report_add(
            actor=admin,
            project=project,
            date=dt.date.fromisoformat(report["date"]),
            narrative=report["narrative"],
            progress_percent=Decimal(report["progress"]),
            budget_disbursed=Decimal(report["budget_disbursed"]),
            plan_status=report["plan_status"],
            target_status=report["target_status"],
        )


def _other_projects(admin: User, coordinator: User, agencies: dict[str, Unit]) -> None:
    for code, division, name, budget, reports in OTHER_PROJECTS:
        if Project.objects.filter(name=name).exists():
            continue
        project = project_create(
            actor=admin,
            name=name,
            fiscal_year=2566,
            start_date=dt.date(2022, 10, 1),
            end_date=dt.date(2023, 9, 30),
            budget_received=Decimal(budget),
            responsible_unit=Unit.objects.get(parent=agencies[code], name=division),
            responsible_person=division,
            coordinator=coordinator if code != "11000000" else None,
            rationale=f"<p>{name} ตามแผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2566</p>",
            objectives="<ol><li>เพื่อพัฒนาคุณภาพชีวิตของประชาชนในพื้นที่</li>"
            "<li>เพื่อให้การดำเนินงานเป็นไปตามแผน</li></ol>",
            targets="<p>ดำเนินการแล้วเสร็จภายในปีงบประมาณ</p>",
        )
        for date, progress, disbursed, plan_status, narrative in reports:
            report_add(
                actor=admin,
                project=project,
                date=dt.date.fromisoformat(date),
                narrative=f"<p>{narrative}</p>",
                progress_percent=Decimal(progress),
                budget_disbursed=Decimal(disbursed),
                plan_status=plan_status,
                target_status="on_target",
            )


def login_lines() -> list[str]:
    """The demo logins, one line each, as the commands print them."""
    return [
        f"  {username:<12} {role.label:<12} {full_name} — {position}"
        for username, (full_name, position, *_rest, role) in LOGINS.items()
    ]


@transaction.atomic
def load_demo() -> dict[str, User]:
    """Create the demo data; running it again changes nothing."""
    city = _unit(Unit.Kind.CITY, "กรุงเทพมหานคร", None)
    agencies = {}
    for code, (name, divisions) in AGENCIES.items():
        agency = _unit(Unit.Kind.AGENCY, name, city, code)
        for division in divisions:
            _unit(Unit.Kind.DIVISION, division, agency)
        agencies[code] = agency
    _unit(
        Unit.Kind.SECTION,
        "งานทะเบียนราษฎร",
        Unit.objects.get(parent=agencies["50310000"], name="ฝ่ายปกครอง"),
    )
    users = _logins(agencies, city)
    _sample_project(users["admin"], users["coordinator"], agencies)
    _other_projects(users["admin"], users["coordinator"], agencies)
    return users
