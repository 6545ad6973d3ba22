"""A synthetic city for benchmarks and demos: realistic Thai records, deterministic for a seed.

``generate`` is pure (no database): the same arguments give the same records. ``write`` stores
them with PostgreSQL's ``COPY`` (``bulk_create`` on other databases), each project's figures
computed from its records as the report services compute them, and its operating plan in
force (``plan_rows``: an S-shaped plan over its months, the whole budget planned), bypassing
the services on purpose — the records are made
valid by construction (cumulative progress, disbursements within the budget, dates inside the
project and the fiscal year) and marked with agency codes starting with 9 so they never collide
with real agencies.
"""

import calendar
import datetime as dt
import functools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from tidtam.lib.thai import fiscal_year_bounds
from tidtam.orgs.models import Membership, Unit, User
from tidtam.plans.models import PlanNode
from tidtam.projects.models import PlanStatus, Project, ProjectFigures, SupportedStrategy
from tidtam.reports import figures
from tidtam.reports.models import DelayCategory, ProgressReport, ReviewStatus
from tidtam.reports.models import TargetStatus as T
from tidtam.rounds import rules
from tidtam.rounds.models import ReportingRound, RoundCalendar
from tidtam.workplans.models import PlanMonth, WorkPlan

DISTRICTS = [
    "พระนคร",
    "ดุสิต",
    "หนองจอก",
    "บางรัก",
    "บางเขน",
    "บางกะปิ",
    "ปทุมวัน",
    "ป้อมปราบศัตรูพ่าย",
    "พระโขนง",
    "มีนบุรี",
    "ลาดกระบัง",
    "ยานนาวา",
    "สัมพันธวงศ์",
    "พญาไท",
    "ธนบุรี",
    "บางกอกใหญ่",
    "ห้วยขวาง",
    "คลองสาน",
    "ตลิ่งชัน",
    "บางกอกน้อย",
    "บางขุนเทียน",
    "ภาษีเจริญ",
    "หนองแขม",
    "ราษฎร์บูรณะ",
    "บางพลัด",
    "ดินแดง",
    "บึงกุ่ม",
    "สาทร",
    "บางซื่อ",
    "จตุจักร",
    "บางคอแหลม",
    "ประเวศ",
    "คลองเตย",
    "สวนหลวง",
    "จอมทอง",
    "ดอนเมือง",
    "ราชเทวี",
    "ลาดพร้าว",
    "วัฒนา",
    "บางแค",
    "หลักสี่",
    "สายไหม",
    "คันนายาว",
    "สะพานสูง",
    "วังทองหลาง",
    "คลองสามวา",
    "บางนา",
    "ทวีวัฒนา",
    "ทุ่งครุ",
    "บางบอน",
]
DEPARTMENTS = [
    "สำนักการโยธา",
    "สำนักการระบายน้ำ",
    "สำนักสิ่งแวดล้อม",
    "สำนักการศึกษา",
    "สำนักอนามัย",
    "สำนักการแพทย์",
    "สำนักการจราจรและขนส่ง",
    "สำนักป้องกันและบรรเทาสาธารณภัย",
    "สำนักพัฒนาสังคม",
    "สำนักเทศกิจ",
]
DIVISIONS = ["ฝ่ายปกครอง", "ฝ่ายโยธา", "ฝ่ายการคลัง", "ฝ่ายสิ่งแวดล้อมและสุขาภิบาล"]
ACTIVITIES = [
    "ปรับปรุงผิวจราจร",
    "ขุดลอกคูคลอง",
    "ก่อสร้างทางเท้า",
    "ติดตั้งไฟฟ้าส่องสว่าง",
    "อบรมอาสาสมัครป้องกันภัยฝ่ายพลเรือน",
    "รณรงค์คัดแยกขยะมูลฝอย",
    "ตรวจสุขาภิบาลอาหาร",
    "พัฒนาศูนย์เด็กเล็ก",
    "จัดเก็บภาษีที่ดินและสิ่งปลูกสร้าง",
    "ปลูกต้นไม้ล้านต้น",
    "ซ่อมแซมท่อระบายน้ำ",
    "ส่งเสริมอาชีพผู้สูงอายุ",
]
PLACES = [
    "ซอยประชาราษฎร์บำเพ็ญ",
    "ถนนประชาชื่น",
    "คลองบางเขน",
    "ชุมชนริมทางรถไฟ",
    "ตลาดนัดชุมชน",
    "โรงเรียนในสังกัด",
    "สวนสาธารณะ",
    "ถนนพหลโยธิน",
]
STRATEGIES = [
    ("๑", "มหานครปลอดภัย"),
    ("๒", "มหานครสีเขียว สะดวกสบาย"),
    ("๓", "มหานครสำหรับทุกคน"),
    ("๔", "มหานครกะทัดรัด"),
    ("๕", "มหานครแห่งประชาธิปไตย"),
    ("๖", "มหานครแห่งเศรษฐกิจและการเรียนรู้"),
    ("๗", "การบริหารจัดการเมืองมหานคร"),
]
DELAY_NOTES = {
    DelayCategory.PROCUREMENT: "ประกวดราคาแล้วไม่มีผู้ยื่นข้อเสนอ ต้องประกาศใหม่",
    DelayCategory.BUDGET: "ได้รับจัดสรรงบประมาณล่าช้า",
    DelayCategory.CONTRACTOR: "ผู้รับจ้างเข้าพื้นที่ล่าช้า",
    DelayCategory.WEATHER: "ฝนตกหนักต่อเนื่อง ทำงานในพื้นที่ไม่ได้",
    DelayCategory.COORDINATION: "รอการอนุญาตจากการไฟฟ้านครหลวง",
    DelayCategory.STAFF: "เจ้าหน้าที่ผู้รับผิดชอบย้ายสังกัด",
    DelayCategory.OTHER: "เลื่อนตามข้อสั่งการของผู้บริหาร",
}
HUNDRED = Decimal("100")
CENT = Decimal("0.01")
DUE_DAY = 5
LOCK_AFTER_DAYS = 10
REVIEW_LAG_DAYS = 75  # at the year's end the coordinators are two rounds and more behind
RETURN_COMMENT = "กรุณาแนบภาพถ่ายผลการดำเนินงานและแก้ไขร้อยละความก้าวหน้าให้ตรงกับผลงาน"


@dataclass
class ReportSpec:
    date: dt.date
    progress: Decimal
    disbursed: Decimal
    plan_status: str
    target_status: str
    delay_category: str
    status: str
    submitted_on: dt.date | None
    review_days: int = 0


@dataclass
class ProjectSpec:
    running: int
    division: int
    name: str
    fiscal_year: int
    start: dt.date
    end: dt.date
    budget: Decimal
    target: int  # index into the plan's targets
    reports: list[ReportSpec] = field(default_factory=list)


@dataclass
class AgencySpec:
    code: str
    name: str
    projects: list[ProjectSpec]


def _month_starts(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    month = start.replace(day=1)
    while month <= end:
        yield month
        month = (month + dt.timedelta(days=32)).replace(day=1)


def _project(
    rng: random.Random, running: int, fiscal_year: int, today: dt.date, targets: int
) -> ProjectSpec:
    first, last = fiscal_year_bounds(fiscal_year)
    # most of a district's projects run through the year: about 10 monthly reports each
    start = first + dt.timedelta(days=rng.randrange(0, 45))
    end = min(last, start + dt.timedelta(days=rng.randrange(240, 365)))
    budget = Decimal(rng.choice([0, 1, 2, 5, 10, 25, 50, 120, 300, 850]) * 10000)
    project = ProjectSpec(
        running=running,
        division=rng.randrange(len(DIVISIONS)),
        name=f"โครงการ{rng.choice(ACTIVITIES)} {rng.choice(PLACES)}",
        fiscal_year=fiscal_year,
        start=start,
        end=end,
        budget=budget,
        target=rng.randrange(targets),
    )
    months = list(_month_starts(start, end))
    progress = Decimal("0")
    spent = Decimal("0")
    behind = rng.random() < 0.25  # a quarter of projects fall behind at some point
    for index, month in enumerate(months):
        last_day = calendar.monthrange(month.year, month.month)[1]
        date = month.replace(day=rng.randrange(15, last_day + 1))
        if date < start or date > end or date > today:
            continue
        if rng.random() < 0.08:  # a missing report
            continue
        share = Decimal(index + 1) / Decimal(len(months))
        target_progress = (share * HUNDRED).quantize(CENT)
        is_behind = behind and rng.random() < 0.6 and index < len(months) - 1
        if is_behind:
            target_progress = (target_progress * Decimal("0.7")).quantize(CENT)
        progress = max(progress, min(HUNDRED, target_progress))
        due_budget = (budget * progress / HUNDRED).quantize(CENT)
        disbursed = max(Decimal("0"), due_budget - spent)
        spent += disbursed
        category = rng.choice(list(DelayCategory)) if is_behind else ""
        plan_status = PlanStatus.BEHIND_PLAN if is_behind else PlanStatus.ON_PLAN
        if not is_behind and rng.random() < 0.1:
            plan_status = PlanStatus.AHEAD_OF_PLAN
        due = _periods(fiscal_year)[(month.month - 10) % 12][2]
        late = rng.random() < 0.12
        submitted_on = (
            due + dt.timedelta(days=rng.randrange(1, 9))
            if late
            else due - (dt.timedelta(days=rng.randrange(0, 15)))
        )
        submitted_on = max(submitted_on, date)
        if submitted_on > today:
            status, submitted_on = (
                (ReviewStatus.SUBMITTED, today)
                if rng.random() < 0.5
                else (ReviewStatus.DRAFT, None)
            )
        else:
            # the coordinators have reviewed all but the most recent: of those, most wait in
            # the queue and a few went back to the unit with a comment
            recent = (today - submitted_on).days < REVIEW_LAG_DAYS
            roll = rng.random()
            status = ReviewStatus.ACCEPTED
            if recent and roll < 0.8:
                status = ReviewStatus.SUBMITTED
            elif recent and roll < 0.85:
                status = ReviewStatus.RETURNED
        project.reports.append(
            ReportSpec(
                date=date,
                progress=progress,
                disbursed=disbursed,
                plan_status=plan_status,
                target_status=T.ON_TARGET if not is_behind or rng.random() < 0.5 else T.OFF_TARGET,
                delay_category=category,
                status=status,
                submitted_on=submitted_on,
                review_days=min(rng.randrange(0, 8), (today - (submitted_on or today)).days),
            )
        )
    return project


def generate(
    *,
    agencies: int,
    projects_per_agency: int,
    years: int,
    seed: int,
    last_fiscal_year: int,
    today: dt.date,
    targets: int = 42,
) -> Iterator[AgencySpec]:
    """Agencies with their projects and reports; the same arguments give the same records.

    The city is seen on ``today``, or, when its last fiscal year ended before, ten days after
    that year's last round was due: its last round is then still under review, so the review
    queue is as full as it is at month-end."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    last_due = _periods(last_fiscal_year)[-1][2]
    today = min(today, last_due + dt.timedelta(days=LOCK_AFTER_DAYS))
    names = [f"สำนักงานเขต{d}" for d in DISTRICTS] + DEPARTMENTS
    for index in range(agencies):
        name = names[index % len(names)]
        if index >= len(names):
            name = f"{name} {index // len(names) + 1}"
        running = 0
        specs = []
        for fiscal_year in range(last_fiscal_year - years + 1, last_fiscal_year + 1):
            for _i in range(projects_per_agency):
                running += 1
                specs.append(_project(rng, running, fiscal_year, today, targets))
        yield AgencySpec(code=f"9{index:04d}000", name=name, projects=specs)


def plan_rows(project: ProjectSpec) -> list[tuple[dt.date, Decimal, Decimal]]:
    """The project's operating plan: (month, cumulative progress %, disbursement in baht) for
    each month of its period, along an S (3x² − 2x³ of the share of months gone), reaching 100
    and the whole budget in its last month. No randomness: the city's other records stay as the
    seed makes them."""
    months = list(_month_starts(project.start, project.end))
    shape = _plan_shape(len(months), project.budget)
    return [(month, *figures) for month, figures in zip(months, shape, strict=True)]


@functools.cache
def _plan_shape(months: int, budget: Decimal) -> list[tuple[Decimal, Decimal]]:
    """(progress, disbursement) per month of an S-shaped plan; a few lengths and budgets make
    the whole city, so each is computed once."""
    rows, planned = [], Decimal("0")
    for index in range(1, months + 1):
        x = Decimal(index) / Decimal(months)
        share = 3 * x * x - 2 * x * x * x
        spent_by_then = (budget * share).quantize(CENT)
        rows.append(((share * HUNDRED).quantize(CENT), spent_by_then - planned))
        planned = spent_by_then
    return rows


def _plan_targets() -> list[PlanNode]:
    plan, _ = PlanNode.objects.get_or_create(
        kind=PlanNode.Kind.PLAN,
        parent=None,
        code="สังเคราะห์",
        defaults={"title": "แผนพัฒนากรุงเทพมหานคร ระยะ 20 ปี (ข้อมูลสังเคราะห์)"},
    )
    targets = []
    for code, title in STRATEGIES:
        strategy, _ = PlanNode.objects.get_or_create(
            kind=PlanNode.Kind.STRATEGY, parent=plan, code=code, defaults={"title": title}
        )
        for sub_index in range(1, 4):
            sub, _ = PlanNode.objects.get_or_create(
                kind=PlanNode.Kind.SUB_STRATEGY,
                parent=strategy,
                code=f"{code}.{sub_index}",
                defaults={"title": f"ประเด็นย่อย {code}.{sub_index}"},
            )
            for target_index in range(1, 3):
                target, _ = PlanNode.objects.get_or_create(
                    kind=PlanNode.Kind.TARGET,
                    parent=sub,
                    code=f"{code}.{sub_index}.{target_index}",
                    defaults={"title": f"เป้าหมาย {code}.{sub_index}.{target_index}"},
                )
                targets.append(target)
    return targets


def _calendars(fiscal_years: range) -> None:
    for fiscal_year in fiscal_years:
        calendar_, created = RoundCalendar.objects.get_or_create(
            fiscal_year=fiscal_year, defaults={"lock_after_days": LOCK_AFTER_DAYS}
        )
        if created:
            ReportingRound.objects.bulk_create(
                ReportingRound(
                    calendar=calendar_, number=n, period_start=s, period_end=e, due_date=d
                )
                for n, (s, e, d) in enumerate(rules.monthly_periods(fiscal_year, DUE_DAY), 1)
            )


@functools.cache
def _periods(fiscal_year: int) -> list[tuple[dt.date, dt.date, dt.date]]:
    return rules.monthly_periods(fiscal_year, DUE_DAY)


@functools.cache
def _at(day: dt.date | None) -> dt.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


class _Rows:
    """Writes rows given as tuples of attribute names' values: PostgreSQL's ``COPY`` (the
    rows streamed, no model instance made), ``bulk_create`` elsewhere. Ids are taken by the
    writer so that reports can name their projects without reading them back."""

    def __init__(self, batch_size: int) -> None:
        self.batch_size = batch_size
        self.copy = connection.vendor == "postgresql"

    def ids(self, model, count: int) -> list[int]:
        with connection.cursor() as cursor:
            if self.copy:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [model._meta.db_table, count],
                )
                return [row[0] for row in cursor.fetchall()]
        last = model.objects.aggregate(last=Max("pk"))["last"] or 0
        return list(range(last + 1, last + 1 + count))

    def write(self, model, fields: list[str], rows: list[tuple]) -> None:
        if not self.copy:
            model.objects.bulk_create(
                (model(**dict(zip(fields, row, strict=True))) for row in rows),
                batch_size=self.batch_size,
            )
            return
        columns = ", ".join(
            connection.ops.quote_name(model._meta.get_field(f).column) for f in fields
        )
        table = connection.ops.quote_name(model._meta.db_table)
        sql = f"COPY {table} ({columns}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)


def _columns(model) -> list[str]:
    """What a load writes: every stored field but what the database makes (a generated
    column)."""
    return [f.attname for f in model._meta.concrete_fields if not f.generated]


PROJECT_FIELDS = _columns(Project)
REPORT_FIELDS = [f for f in _columns(ProgressReport) if f != "id"]
FIGURES_FIELDS = _columns(ProjectFigures)
PLAN_FIELDS = _columns(WorkPlan)
MONTH_FIELDS = [f for f in _columns(PlanMonth) if f != "id"]


def _report_rows(project_id: int, p: ProjectSpec, reporter: int, coordinator: int, now):
    """The project's reports as dicts of ``REPORT_FIELDS``."""
    for number, r in enumerate(p.reports, 1):
        submitted = _at(r.submitted_on)
        reviewed = r.status in (ReviewStatus.ACCEPTED, ReviewStatus.RETURNED)
        yield {
            "version": 1,
            "project_id": project_id,
            "number": number,
            "date": r.date,
            "narrative": f"<p>ดำเนินการ{p.name.removeprefix('โครงการ')} "
            f"ความก้าวหน้าสะสมร้อยละ {r.progress}</p>",
            "progress_percent": r.progress,
            "budget_disbursed": r.disbursed,
            "plan_status": r.plan_status,
            "target_status": r.target_status,
            "delay_category": r.delay_category,
            "delay_note": DELAY_NOTES.get(r.delay_category, ""),
            "status": r.status,
            "first_submitted_at": submitted,
            "submitted_at": submitted,
            "submitted_by_id": reporter if submitted else None,
            "reviewed_at": submitted + dt.timedelta(days=r.review_days) if reviewed else None,
            "reviewed_by_id": coordinator if reviewed else None,
            "review_comment": RETURN_COMMENT if r.status == ReviewStatus.RETURNED else "",
            "imported": False,
            "created_by_id": reporter,
            "created_at": now,
            "updated_at": now,
        }


def _write_plans(rows: _Rows, ids: list[int], specs: list[ProjectSpec], reporter: int, now):
    """Each project's plan in force (version 1), frozen when a report of it was accepted."""
    plan_ids = rows.ids(WorkPlan, len(ids))
    plans, months = [], []
    for plan_id, project_id, p in zip(plan_ids, ids, specs, strict=True):
        accepted = any(r.status == ReviewStatus.ACCEPTED for r in p.reports)
        plan = {
            "id": plan_id,
            "version": 1,
            "project_id": project_id,
            "number": 1,
            "state": WorkPlan.State.IN_FORCE,
            "frozen_at": now if accepted else None,
            "reason": "",
            "created_by_id": reporter,
            "created_at": now,
            "approved_by_id": None,
            "approved_at": None,
        }
        plans.append(tuple(plan[f] for f in PLAN_FIELDS))
        months += [(plan_id, m, prog, spent, "") for m, prog, spent in plan_rows(p)]
    rows.write(WorkPlan, PLAN_FIELDS, plans)
    rows.write(PlanMonth, MONTH_FIELDS, months)


@transaction.atomic
def write(
    *,
    agencies: int,
    projects_per_agency: int,
    years: int,
    seed: int,
    last_fiscal_year: int,
    today: dt.date,
    batch_size: int = 5000,
    progress=None,
) -> dict[str, int]:
    """Store the synthetic city; refuses to run twice over the same agency codes."""
    if Unit.objects.filter(agency_code__startswith="9", kind=Unit.Kind.AGENCY).exists():
        raise ValueError("synthetic agencies (codes 9…) exist already")
    city = Unit.objects.filter(kind=Unit.Kind.CITY).first() or Unit.objects.create(
        kind=Unit.Kind.CITY, name="กรุงเทพมหานคร"
    )
    targets = _plan_targets()
    strategy_of = [target.parent.parent_id for target in targets]
    _calendars(range(last_fiscal_year - years + 1, last_fiscal_year + 1))
    password = make_password("demo")
    counts = {"agencies": 0, "projects": 0, "reports": 0, "users": 0}
    executive, _ = User.objects.get_or_create(
        username="syn_executive", defaults={"full_name": "ผู้บริหารทดสอบ", "password": password}
    )
    Membership.objects.get_or_create(user=executive, unit=city, role=Membership.Role.EXECUTIVE)
    rows = _Rows(batch_size)
    now = timezone.now()
    links = Project.plan_targets.through
    coordinator = None
    for index, spec in enumerate(
        generate(
            agencies=agencies,
            projects_per_agency=projects_per_agency,
            years=years,
            seed=seed,
            last_fiscal_year=last_fiscal_year,
            today=today,
            targets=len(targets),
        )
    ):
        agency = Unit.objects.create(
            kind=Unit.Kind.AGENCY, name=spec.name, parent=city, agency_code=spec.code
        )
        divisions = [
            Unit.objects.create(kind=Unit.Kind.DIVISION, name=n, parent=agency) for n in DIVISIONS
        ]
        if index % 10 == 0:  # one coordinator follows ten agencies
            coordinator = User.objects.create(
                username=f"syn_coordinator_{index // 10 + 1}",
                password=password,
                full_name=f"ผู้ประสานงาน สยป. {index // 10 + 1}",
            )
            counts["users"] += 1
        users = [
            User(
                username=f"syn_{role}_{spec.code}",
                password=password,
                full_name=f"{label} {spec.name}",
            )
            for role, label in (("reporter", "ผู้รายงาน"), ("approver", "หัวหน้าฝ่าย"))
        ]
        User.objects.bulk_create(users)
        users = list(User.objects.filter(username__in=[u.username for u in users]).order_by("pk"))
        Membership.objects.bulk_create(
            [
                Membership(user=users[0], unit=divisions[0], role=Membership.Role.REPORTER),
                Membership(user=users[1], unit=divisions[0], role=Membership.Role.APPROVER),
                Membership(user=coordinator, unit=agency, role=Membership.Role.COORDINATOR),
            ]
        )
        counts["users"] += 2
        ids = rows.ids(Project, len(spec.projects))
        projects = [
            {
                "id": pk,
                "version": 1,
                "code": f"{spec.code}-{p.running}",
                "agency_id": agency.pk,
                "running_number": p.running,
                "name": p.name,
                "fiscal_year": p.fiscal_year,
                "start_date": p.start,
                "end_date": p.end,
                "budget_received": p.budget,
                "responsible_unit_id": divisions[p.division].pk,
                "responsible_person": DIVISIONS[p.division],
                "coordinator_id": coordinator.pk,
                "rationale": "<p>เพื่อแก้ไขปัญหาของประชาชนในพื้นที่</p>",
                "objectives": "<ol><li>เพื่อพัฒนาคุณภาพชีวิตของประชาชน</li></ol>",
                "targets": "<p>ประชาชนในพื้นที่ได้รับประโยชน์</p>",
                "created_at": now,
                "updated_at": now,
            }
            for pk, p in zip(ids, spec.projects, strict=True)
        ]
        rows.write(
            Project,
            PROJECT_FIELDS,
            [tuple(row[f] for f in PROJECT_FIELDS) for row in projects],
        )
        rows.write(
            links,
            ["project_id", "plannode_id"],
            [(pk, targets[p.target].pk) for pk, p in zip(ids, spec.projects, strict=True)],
        )
        rows.write(  # what projects.strategies derives from those links: one target each
            SupportedStrategy,
            ["project_id", "strategy_id"],
            [(pk, strategy_of[p.target]) for pk, p in zip(ids, spec.projects, strict=True)],
        )
        reports, project_figures = [], []
        for pk, p in zip(ids, spec.projects, strict=True):
            own = list(_report_rows(pk, p, users[0].pk, coordinator.pk, now))
            reports += own
            made = figures.figures_of(pk, own)
            project_figures.append(tuple(getattr(made, f) for f in FIGURES_FIELDS))
        rows.write(
            ProgressReport, REPORT_FIELDS, [tuple(r[f] for f in REPORT_FIELDS) for r in reports]
        )
        rows.write(ProjectFigures, FIGURES_FIELDS, project_figures)
        _write_plans(rows, ids, spec.projects, users[0].pk, now)
        counts["agencies"] += 1
        counts["projects"] += len(ids)
        counts["reports"] += len(reports)
        if progress is not None:
            progress(counts)
    return counts
