"""The living demo city, planned: the 50 district offices and a few departments of the BMA, with
projects in the current fiscal year (computed from today) in every state the follow-up knows, and
last year's projects for year-on-year views. ``city_load`` writes them.

``plan`` is pure: the same day and scale give the same projects and reports (a fixed seed per
project; only today moves the fiscal year and the rounds).
"""

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from tidtam.devdata import city_data as data
from tidtam.devdata.synthetic import DELAY_NOTES
from tidtam.lib.thai import fiscal_year_bounds, fiscal_year_of
from tidtam.projects.models import PlanStatus
from tidtam.reports.models import ReviewStatus
from tidtam.rounds import rules

SEED = 2570
DUE_DAY = 5
LOCK_AFTER_DAYS = 10
S = ReviewStatus
HUNDRED = Decimal("100")
CENT = Decimal("0.01")

# what becomes of a project of the current year, in turn; last year's end accepted
ON_PLAN, BEHIND, AHEAD, MISSING, SUBMITTED = "on_plan", "behind", "ahead", "missing", "submitted"
RETURNED, DRAFT, FINISHED, LATE = "returned", "draft", "finished", "late"
NOT_STARTED = "not_started"
FATES = [ON_PLAN, SUBMITTED, BEHIND, MISSING, AHEAD, RETURNED, FINISHED, DRAFT, LATE, NOT_STARTED]
LAST_YEAR_FATES = [FINISHED, FINISHED, BEHIND, FINISHED, MISSING, FINISHED, LATE]
# Bang Sue's showcase: every state once, those a reporter acts on in the demo reporter's division
SHOWCASE = "50310000"
SHOWCASE_DIVISION = "ฝ่ายปกครอง"
REPORTER_FATES = [RETURNED, DRAFT, MISSING, SUBMITTED, BEHIND]
SHOWCASE_LAST_YEAR = [FINISHED, BEHIND, LATE, FINISHED, MISSING]
# projects per agency of a city at scale 1: (this year, last year)
PER_DISTRICT = (4, 1)
PER_DEPARTMENT = (5, 2)


@dataclass
class ReportPlan:
    date: dt.date
    progress: Decimal
    disbursed: Decimal
    plan_status: str
    delay_category: str
    narrative: str
    state: str
    filed_on: dt.date | None
    reviewed_on: dt.date | None
    comment: str = ""


@dataclass
class ProjectPlan:
    agency: str
    division: str
    name: str
    fiscal_year: int
    start: dt.date
    end: dt.date
    budget: Decimal
    strategy: int
    fate: str
    reports: list[ReportPlan] = field(default_factory=list)


@dataclass
class Agency:
    code: str
    name: str
    divisions: list[str]
    activities: dict[str, list[tuple[str, int, int]]]  # by division
    places: list[str]
    strategy: dict[str, int]  # by division


def agencies() -> list[Agency]:
    """Every agency of the city: the district offices in the order of their codes, then the
    departments."""
    districts = [
        Agency(
            code=data.district_code(number),
            name=f"สำนักงานเขต{name}",
            divisions=data.DISTRICT_DIVISIONS,
            activities=data.DISTRICT_ACTIVITIES,
            places=[f"เขต{name}"],
            strategy=data.STRATEGY_OF,
        )
        for number, name in sorted(data.DISTRICTS)
    ]
    departments = [
        Agency(
            code=code,
            name=name,
            divisions=divisions,
            activities=dict.fromkeys(divisions, activities),
            places=data.DEPARTMENT_PLACES,
            strategy=dict.fromkeys(divisions, data.STRATEGY_OF[name]),
        )
        for code, (name, divisions, activities) in sorted(data.DEPARTMENTS.items())
    ]
    return districts + departments


class _Names:
    """Project names unique within an agency and year, taken from the division's activities."""

    def __init__(self) -> None:
        self.used: set[tuple[str, int, str]] = set()

    def pick(self, agency: Agency, division: str, year: int, k: int) -> tuple[str, int, int]:
        pool = agency.activities[division]
        for turn in range(len(pool) * len(agency.places) * 2):
            activity, low, high = pool[(k + turn) % len(pool)]
            place = agency.places[(k + turn) // len(pool) % len(agency.places)]
            name = f"{activity} {place}"
            if turn >= len(pool) * len(agency.places):
                name += " ระยะที่ 2"
            if (agency.code, year, name) not in self.used:
                self.used.add((agency.code, year, name))
                return name, low, high
        raise ValueError(f"no name left for {agency.code} {division}")


def _money(value: Decimal) -> Decimal:
    return value.quantize(Decimal("100")).quantize(CENT)


def _progress(rng: random.Random, fate: str, share: Decimal, latest: bool) -> tuple[Decimal, str]:
    if fate == AHEAD and latest:
        return share * Decimal("1.3") + 5, PlanStatus.AHEAD_OF_PLAN
    if fate == BEHIND:
        return share * Decimal("0.55"), PlanStatus.BEHIND_PLAN
    return share * Decimal(rng.uniform(0.95, 1.05)), PlanStatus.ON_PLAN


def _schedule(
    rng: random.Random, fate: str, fiscal_year: int, today: dt.date
) -> tuple[dt.date, dt.date]:
    first, last = fiscal_year_bounds(fiscal_year)
    start = min(first + dt.timedelta(days=rng.randrange(0, 10)), today)
    if fate == FINISHED and last >= today:  # a short activity of the current year, done
        return start, max(start, min(start + dt.timedelta(days=rng.randrange(20, 35)), today))
    if fate == NOT_STARTED:
        next_month = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        return (next_month, last) if next_month <= last else (today, last)
    if last < today:  # last year's: an activity of three to six months
        start = first + dt.timedelta(days=rng.randrange(0, 90))
        return start, min(last, start + dt.timedelta(days=rng.randrange(90, 180)))
    return start, last - dt.timedelta(days=rng.randrange(0, 45))


def _reports(project: ProjectPlan, rng: random.Random, today: dt.date) -> list[ReportPlan]:
    """The project's monthly reports up to today, shaped by its fate."""
    fate = project.fate
    periods = rules.monthly_periods(project.fiscal_year, DUE_DAY)
    due = [p for p in periods if p[2] < today]
    last_due = due[-1] if due else None
    rounds = []
    for start, end, due_date in periods:
        date = min(max(start, project.start) + dt.timedelta(days=rng.randrange(14, 22)), end)
        date = min(date, today, project.end)
        if date < max(start, project.start) or date > end or fate == NOT_STARTED:
            continue
        current = due_date >= today
        if fate == MISSING and (current or (start, end, due_date) == last_due):
            continue
        if current and fate == LATE:
            continue
        if current and fate == ON_PLAN and rng.random() < 0.5:
            continue
        rounds.append((date, due_date, current))
    span = Decimal(max(1, (project.end - project.start).days))
    plans: list[ReportPlan] = []
    progress = spent = Decimal("0")
    for index, (date, due_date, current) in enumerate(rounds):
        latest = index == len(rounds) - 1
        share = Decimal((date - project.start).days + 1) * HUNDRED / span
        value, plan_status = _progress(rng, fate, min(share, HUNDRED), latest)
        if fate == FINISHED and latest:
            value, plan_status = HUNDRED, PlanStatus.ON_PLAN
        progress = max(progress, min(HUNDRED, value.quantize(Decimal("1")))).quantize(CENT)
        paid = _money(project.budget * progress / HUNDRED * Decimal(rng.uniform(0.8, 0.97)))
        disbursed = max(Decimal("0.00"), paid - spent)
        spent += disbursed
        category = rng.choice(list(DELAY_NOTES)) if plan_status == PlanStatus.BEHIND_PLAN else ""
        if progress >= HUNDRED:
            narrative = data.NARRATIVES["done"]
        elif index == 0:
            narrative = data.NARRATIVES["start"]
        else:
            narrative = data.NARRATIVES["middle"].format(progress=f"{progress:.0f}")
        state, comment = S.ACCEPTED, ""
        if latest and fate in (SUBMITTED, RETURNED, DRAFT):
            state = {SUBMITTED: S.SUBMITTED, RETURNED: S.RETURNED, DRAFT: S.DRAFT}[fate]
            comment = rng.choice(data.RETURN_COMMENTS) if fate == RETURNED else ""
        if current:
            filed = min(today, date + dt.timedelta(days=rng.randrange(0, 4)))
        elif fate == LATE and latest:
            filed = min(today, due_date + dt.timedelta(days=rng.randrange(1, 9)))
        else:
            filed = max(date, due_date - dt.timedelta(days=rng.randrange(0, 8)))
        reviewed = min(today, filed + dt.timedelta(days=rng.randrange(1, 6)))
        plans.append(
            ReportPlan(
                date=date,
                progress=progress,
                disbursed=disbursed,
                plan_status=plan_status,
                delay_category=category,
                narrative=f"<p>{narrative}</p>",
                state=state,
                filed_on=None if state == S.DRAFT else filed,
                reviewed_on=reviewed if state in (S.ACCEPTED, S.RETURNED) else None,
                comment=comment,
            )
        )
    return plans


def _project(
    agency: Agency, division: str, fate: str, year: int, k: int, names: _Names, today: dt.date
) -> ProjectPlan:
    name, low, high = names.pick(agency, division, year, k)
    rng = random.Random(f"{SEED}:{agency.code}:{year}:{name}")  # noqa: S311 - demo data
    start, end = _schedule(rng, fate, year, today)
    project = ProjectPlan(
        agency=agency.code,
        division=division,
        name=name,
        fiscal_year=year,
        start=start,
        end=end,
        budget=Decimal(rng.randrange(low, high + 1) * 1000).quantize(CENT),
        strategy=agency.strategy[division],
        fate=fate,
    )
    project.reports = _reports(project, rng, today)
    return project


def plan(*, today: dt.date, scale: float = 1.0) -> list[ProjectPlan]:
    """The city's projects of the current fiscal year and of last year, with their reports."""
    city = agencies()
    names = _Names()
    year = fiscal_year_of(today)
    showcase = next(a for a in city if a.code == SHOWCASE)
    projects = []
    for k, fate in enumerate(REPORTER_FATES + [f for f in FATES if f not in REPORTER_FATES]):
        division = SHOWCASE_DIVISION if fate in REPORTER_FATES else showcase.divisions[k % 5]
        projects.append(_project(showcase, division, fate, year, k, names, today))
    for k, fate in enumerate(SHOWCASE_LAST_YEAR):
        division = showcase.divisions[k]
        projects.append(_project(showcase, division, fate, year - 1, k, names, today))
    for fiscal_year, column, fates in ((year, 0, FATES), (year - 1, 1, LAST_YEAR_FATES)):
        total = sum(
            (PER_DISTRICT if a.code.startswith("50") else PER_DEPARTMENT)[column] for a in city
        )
        for j in range(round(total * scale)):
            agency, k = city[j % len(city)], j // len(city)
            division = agency.divisions[(k + j) % len(agency.divisions)]
            fate = fates[(j + k) % len(fates)]
            projects.append(_project(agency, division, fate, fiscal_year, k, names, today))
    return projects
