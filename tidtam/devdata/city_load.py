"""The living demo city, written (``tidtam demo_city``) beside the demo (``load_demo``), which it
loads first and leaves as it is.

``load_city`` writes ``city.plan`` through the services (project_create, report_add,
report_submit/accept/return), so the history and the figures are the real ones; only the
submission and review times are then set to days around each round's due date (one UPDATE per
report, as ``followup_demo`` does), so the rounds show reports filed on time, late or missing.
Reports of locked rounds are written by the admin, as someone bringing the unit's paper records up
to date would; the unit's reporter submits them and the agency's coordinator reviews them. A
project that exists already (same agency, year and name) is left alone: running it again changes
nothing.
"""

import datetime as dt
import functools
from collections import Counter
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from tidtam.devdata import city_data as data
from tidtam.devdata.city import (
    DUE_DAY,
    LOCK_AFTER_DAYS,
    SHOWCASE,
    SHOWCASE_DIVISION,
    ProjectPlan,
    S,
    agencies,
    plan,
)
from tidtam.devdata.demo import PASSWORD, load_demo
from tidtam.devdata.synthetic import DELAY_NOTES
from tidtam.lib.thai import fiscal_year_of
from tidtam.orgs.models import Membership, Unit, User
from tidtam.plans.models import PlanNode
from tidtam.projects.models import Project
from tidtam.projects.services import project_create
from tidtam.reports import figures, review
from tidtam.reports.models import ProgressReport, TargetStatus
from tidtam.reports.services import report_add
from tidtam.rounds import rules
from tidtam.rounds.models import RoundCalendar
from tidtam.rounds.services import calendar_create

Role = Membership.Role


def _unit(kind: str, name: str, parent: Unit | None, code: str = "") -> Unit:
    unit, _ = Unit.objects.get_or_create(
        kind=kind, name=name, parent=parent, defaults={"agency_code": code}
    )
    return unit


def _user(username: str, full_name: str, position: str, unit: Unit, role: str) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"full_name": full_name, "position": position}
    )
    if created:
        user.password = _password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, unit=unit, role=role)
    return user


@functools.cache
def _password() -> str:
    """The demo password, hashed once for every login the city creates."""
    return make_password(PASSWORD)


def _person(index: int) -> str:
    first = data.FIRST_NAMES[index % len(data.FIRST_NAMES)]
    return f"{first} {data.LAST_NAMES[index * 7 % len(data.LAST_NAMES)]}"


@dataclass
class People:
    agency: Unit
    reporter: User
    coordinator: User
    units: dict[str, Unit]  # the divisions, by name


def _city(demo: dict[str, User]) -> dict[str, People]:
    """The agencies, their divisions and their people: a reporter, an approver and the director
    of each agency, a coordinator of สยป. for each ten agencies, an executive for the city."""
    city = _unit(Unit.Kind.CITY, data.CITY, None)
    _user("city_executive", "นายธนวัฒน์ ประเสริฐกุล", "ปลัดกรุงเทพมหานคร", city, Role.EXECUTIVE)
    people = {}
    for index, agency in enumerate(agencies()):
        unit = _unit(Unit.Kind.AGENCY, agency.name, city, agency.code)
        units = {d: _unit(Unit.Kind.DIVISION, d, unit) for d in agency.divisions}
        number = index // 10 + 1
        coordinator = _user(
            f"coordinator_{number}",
            _person(number + 40),
            "นักวิเคราะห์นโยบายและแผนชำนาญการ",
            unit,
            Role.COORDINATOR,
        )
        if agency.code in ("50310000", "50300000"):  # the demo's coordinator follows these
            coordinator = demo["coordinator"]
        reporter = _user(
            f"reporter_{agency.code}",
            _person(index),
            "นักวิเคราะห์นโยบายและแผน",
            unit,
            Role.REPORTER,
        )
        _user(f"approver_{agency.code}", _person(index + 3), "หัวหน้าฝ่าย", unit, Role.APPROVER)
        _user(
            f"executive_{agency.code}",
            _person(index + 5),
            f"ผู้อำนวยการ{agency.name.removeprefix('สำนักงาน')}",
            unit,
            Role.EXECUTIVE,
        )
        people[agency.code] = People(
            agency=unit, reporter=reporter, coordinator=coordinator, units=units
        )
    return people


def _targets() -> list[PlanNode]:
    """One target under each strategy of the demo's plan."""
    plan_root = PlanNode.objects.get(kind=PlanNode.Kind.PLAN, code="")
    targets = []
    for code, title, sub_title, target_title in data.STRATEGIES:
        node = plan_root
        for kind, node_code, node_title in (
            (PlanNode.Kind.STRATEGY, code, title),
            (PlanNode.Kind.SUB_STRATEGY, f"{code}.๑", sub_title),
            (PlanNode.Kind.TARGET, f"{code}.๑.๑", target_title),
        ):
            node, _ = PlanNode.objects.get_or_create(
                kind=kind, parent=node, code=node_code, defaults={"title": node_title}
            )
        targets.append(node)
    return targets


def _calendars(admin: User, years: list[int]) -> None:
    for year in years:
        if not RoundCalendar.objects.filter(fiscal_year=year).exists():
            calendar_create(
                actor=admin, fiscal_year=year, due_day=DUE_DAY, lock_after_days=LOCK_AFTER_DAYS
            )


def _at(day: dt.date | None) -> dt.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def _write(
    spec: ProjectPlan, people: People, admin: User, reporter: User, target: PlanNode
) -> Project:
    project = _create(spec, people, reporter, target)
    dues = [due for _start, _end, due in rules.monthly_periods(spec.fiscal_year, DUE_DAY)]
    real_today = timezone.localdate()  # the services lock rounds by the real date
    for report in spec.reports:
        locked = rules.is_locked(
            due_date=dues[(report.date.month - 10) % 12],
            lock_after_days=LOCK_AFTER_DAYS,
            today=real_today,
            reopened_until=None,
        )
        written = report_add(
            actor=admin if locked else reporter,
            project=project,
            date=report.date,
            narrative=report.narrative,
            progress_percent=report.progress,
            budget_disbursed=report.disbursed,
            plan_status=report.plan_status,
            target_status=TargetStatus.ON_TARGET,
            delay_category=report.delay_category,
            delay_note=DELAY_NOTES.get(report.delay_category, ""),
        )
        if report.state == S.DRAFT:
            continue
        written = review.report_submit(actor=reporter, report=written)
        if report.state == S.ACCEPTED:
            review.report_accept(actor=people.coordinator, report=written)
        elif report.state == S.RETURNED:
            review.report_return(actor=people.coordinator, report=written, comment=report.comment)
        ProgressReport.objects.filter(pk=written.pk).update(
            first_submitted_at=_at(report.filed_on),
            submitted_at=_at(report.filed_on),
            reviewed_at=_at(report.reviewed_on),
        )
    return project


def _create(spec: ProjectPlan, people: People, reporter: User, target: PlanNode) -> Project:
    division = people.units[spec.division]
    return project_create(
        actor=reporter,
        name=spec.name,
        fiscal_year=spec.fiscal_year,
        start_date=spec.start,
        end_date=spec.end,
        budget_received=spec.budget,
        responsible_unit=division,
        responsible_person=f"{division.name} {people.agency.name}",
        coordinator=people.coordinator,
        rationale=f"<p>{spec.name} ตามแผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. {spec.fiscal_year}</p>",
        objectives="<ol><li>เพื่อพัฒนาคุณภาพชีวิตของประชาชนในพื้นที่</li>"
        "<li>เพื่อให้การดำเนินงานเป็นไปตามแผน</li></ol>",
        targets="<p>ดำเนินการแล้วเสร็จภายในปีงบประมาณ</p>",
        plan_targets=[target],
    )


@transaction.atomic
def load_city(*, today: dt.date | None = None, scale: float = 1.0) -> Counter:
    """Load the demo (when missing) and the city; what it wrote, by kind (nothing the second
    time)."""
    today = today or timezone.localdate()
    demo = load_demo()
    year = fiscal_year_of(today)
    _calendars(demo["admin"], [year - 1, year])
    people = _city(demo)
    targets = _targets()
    existing = set(
        Project.objects.filter(fiscal_year__in=[year - 1, year]).values_list(
            "agency__agency_code", "fiscal_year", "name"
        )
    )
    counts: Counter = Counter()
    written = []
    for spec in plan(today=today, scale=scale):
        if (spec.agency, spec.fiscal_year, spec.name) in existing:
            continue
        crew = people[spec.agency]
        reporter = crew.reporter
        if spec.agency == SHOWCASE and spec.division == SHOWCASE_DIVISION:
            reporter = demo["reporter"]  # the demo's reporter files their division's reports
        project = _write(spec, crew, demo["admin"], reporter, targets[spec.strategy])
        written.append(project.pk)
        counts["projects"] += 1
        counts["reports"] += len(spec.reports)
    figures.refresh(written)
    return counts
