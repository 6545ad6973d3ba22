"""The city's disbursement view and forecast (``/followup/money/``, ``workplans.money``) and the
city's S-curve (``/followup/money/curve/``) on the synthetic city with a plan for every project,
next to hand-written SQL computing the same figures, in the same run.

Builds the synthetic city (``synthetic.write``, as ``tidtam make_synthetic``: by default 80
agencies × 250 projects × 5 fiscal years = 100,000 projects, each with its plan in force) in a
fresh database, seen on ``--today`` (mid-February of the last year by default: the second
quarter, so the forecast runs), and sets the year's quarterly targets. Then, as the city's
executive, it checks that the hand SQL's figures equal ``money()``'s row by row (every agency,
and the projects listed as missing a target), and times ``money()`` (the selector), the two
pages (the whole request through the test client) and the hand SQL: the median of ``--runs``
runs after one warm-up, with the number of queries.

    .venv/bin/python bench/plans_city.py --database-url postgres://postgres@127.0.0.1/NAME
    .venv/bin/python bench/plans_city.py --smoke  # 2 agencies × 5 projects × 1 year, SQLite
"""

import argparse
import datetime as dt
import sys
import tempfile
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
TARGETS = [Decimal("30"), Decimal("52"), Decimal("77"), Decimal("100")]

# The year's projects under the city, their forecasts at pace (``workplans.money.at_pace``:
# the value from the start to the latest filed report, carried on per day, rounded, capped at
# the budget or 100), the gaps to the year-end and the quarter's targets; per agency.
PROJECTS_SQL = """
WITH p AS (
    SELECT pr.id, pr.code, pr.agency_id, pr.budget_received AS budget, pr.start_date,
           f.budget_used AS spent, COALESCE(f.latest_progress, 0) AS progress,
           f.latest_filed_on AS filed,
           {day_start} AS s, {day_seen} AS seen
    FROM projects_project pr
    JOIN projects_projectfigures f ON f.project_id = pr.id
    JOIN orgs_unit u ON u.id = pr.responsible_unit_id
    WHERE pr.fiscal_year = %(fy)s AND u.path LIKE %(path)s
), fc AS (
    SELECT p.*,
        {least}(budget, CASE WHEN filed IS NULL OR filed < start_date OR filed >= %(last)s
            THEN spent ELSE ROUND(spent * (%(last_day)s - s + 1) / (seen - s + 1), 2) END)
            AS fc_year,
        {least}(budget, CASE WHEN filed IS NULL OR filed < start_date OR filed >= %(next)s
            THEN spent ELSE ROUND(spent * (%(next_day)s - s + 1) / (seen - s + 1), 2) END)
            AS fc_next,
        {least}(100, CASE WHEN filed IS NULL OR filed < start_date OR filed >= %(last)s
            THEN progress ELSE ROUND(progress * (%(last_day)s - s + 1) / (seen - s + 1), 2) END)
            AS fc_progress
    FROM p
), g AS (
    SELECT fc.*,
        ROUND(budget * %(year_rate)s / 100, 2) - fc_year AS year_gap,
        ROUND(budget * %(next_rate)s / 100, 2) - fc_next AS next_gap
    FROM fc
)
"""
AGENCIES_TAIL = """, planned AS (
    SELECT p.agency_id, SUM(m.disbursement) AS planned
    FROM workplans_planmonth m
    JOIN workplans_workplan w ON w.id = m.plan_id AND w.state = 'in_force'
    JOIN p ON p.id = w.project_id
    WHERE m.month <= %(month)s
    GROUP BY p.agency_id
)
SELECT g.agency_id, COUNT(*), SUM(budget), COALESCE(MAX(planned.planned), 0), SUM(spent),
       SUM(fc_year), SUM(fc_next),
       SUM(CASE WHEN fc_progress < 100 OR year_gap > 0 THEN 1 ELSE 0 END),
       SUM(CASE WHEN fc_progress < 100 OR year_gap > 0 OR next_gap > 0 THEN 1 ELSE 0 END)
FROM g LEFT JOIN planned ON planned.agency_id = g.agency_id
GROUP BY g.agency_id
ORDER BY g.agency_id
"""
MISSING_TAIL = """
SELECT code, year_gap, next_gap FROM g
WHERE fc_progress < 100 OR year_gap > 0 OR next_gap > 0
ORDER BY year_gap DESC, code
LIMIT %(shown)s
"""
AGENCIES_SQL = PROJECTS_SQL + AGENCIES_TAIL
MISSING_SQL = PROJECTS_SQL + MISSING_TAIL
DIALECTS = {
    "postgresql": {
        "day_start": "(pr.start_date - DATE '2000-01-01')",
        "day_seen": "(f.latest_filed_on - DATE '2000-01-01')",
        "least": "LEAST",
    },
    "sqlite": {
        "day_start": "(julianday(pr.start_date) - 2451544.5)",
        "day_seen": "(julianday(f.latest_filed_on) - 2451544.5)",
        "least": "MIN",
    },
}


def _baht(value) -> Decimal:
    return Decimal(str(value or 0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def build(args) -> dict:
    from django.core.management import call_command

    from tidtam.devdata import synthetic
    from tidtam.orgs.models import User
    from tidtam.workplans.services import targets_set

    call_command("migrate", verbosity=0)
    counts = synthetic.write(
        agencies=args.agencies,
        projects_per_agency=args.projects,
        years=args.years,
        seed=args.seed,
        last_fiscal_year=args.last_year,
        today=args.today,
    )
    root = User.objects.create_superuser("bench_admin", password=None)
    targets_set(actor=root, fiscal_year=args.last_year, rates=TARGETS)
    return counts


def measure(fiscal_year: int, today: dt.date, runs: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from timing import print_medians  # bench/ is the script's folder: on sys.path

    from tidtam.followup.selectors import dashboard_projects
    from tidtam.followup.views import MISSING_SHOWN
    from tidtam.lib.thai import fiscal_year_bounds
    from tidtam.orgs.models import Unit, User
    from tidtam.workplans.money import EPOCH, money

    executive = User.objects.get(username="syn_executive")
    city = Unit.objects.get(kind=Unit.Kind.CITY)
    client = Client()
    client.force_login(executive)

    def selector():
        return money(dashboard_projects(executive), fiscal_year=fiscal_year, today=today)

    figures = selector()
    last = fiscal_year_bounds(fiscal_year)[1]
    params = {
        "fy": fiscal_year,
        "path": f"{city.path}%",
        "last": last,
        "last_day": (last - EPOCH).days,
        "next": figures.quarter_end,
        "next_day": (figures.quarter_end - EPOCH).days,
        "year_rate": figures.targets.q4,
        "next_rate": figures.target_rate,
        "month": figures.as_of.replace(day=1),
        "shown": MISSING_SHOWN,
    }
    dialect = DIALECTS[connection.vendor]

    def sql():
        with connection.cursor() as cursor:
            cursor.execute(AGENCIES_SQL.format(**dialect), params)
            agencies = cursor.fetchall()
            cursor.execute(MISSING_SQL.format(**dialect), params)
            return agencies, cursor.fetchall()

    # the same figures both ways, row by row
    agencies, missing = sql()
    by_sql = [
        (key, n, *(_baht(v) for v in sums), int(miss), int(listed))
        for key, n, *sums, miss, listed in agencies
    ]
    by_money = sorted(
        (
            a.key,
            a.projects,
            *(_baht(v) for v in (a.budget, a.planned_to_date, a.spent)),
            *(_baht(v) for v in (a.forecast_spent, a.forecast_next)),
            a.missing,
            None,
        )
        for a in figures.agencies
    )
    assert [row[:-1] for row in by_sql] == [row[:-1] for row in by_money], (
        "the hand SQL and money() disagree on the agencies"
    )
    assert sum(row[-1] for row in by_sql) == figures.missing_count
    listed = [(r.project.code, _baht(r.year_gap), _baht(r.next_gap)) for r in figures.missing]
    assert [(c, _baht(y), _baht(n)) for c, y, n in missing] == listed, (
        "the hand SQL and money() disagree on the projects that will miss"
    )
    print(f"FY{fiscal_year} seen on {today}: {figures.city.projects:,} projects of "
          f"{len(figures.agencies)} agencies, Q{figures.quarter} target {figures.target_rate} %, "
          f"{figures.missing_count:,} projects will miss (first {len(listed)} listed), "
          f"{len(figures.agencies_missing_next)} agencies will miss the quarter's target; "
          f"money() and the hand SQL agree row by row")  # fmt: skip

    money_url = reverse("followup:money") + f"?fy={fiscal_year}"
    curve_url = reverse("followup:money_curve") + f"?fy={fiscal_year}"

    def page(url):
        def read():
            answer = client.get(url)
            assert answer.status_code == 200, answer.status_code
            return answer

        return read

    reads = {
        "money() (selector)": selector,
        "page /followup/money/": page(money_url),
        "hand SQL (agencies + projects that will miss)": sql,
        "page /followup/money/curve/ (city S-curve)": page(curve_url),
    }
    with mock.patch("django.utils.timezone.localdate", return_value=today):
        print_medians(reads, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=80)
    parser.add_argument("--projects", type=int, default=250, help="per agency and year")
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--last-year", type=int, default=2569, help="the fiscal year measured")
    parser.add_argument(
        "--today", type=dt.date.fromisoformat, default=None, help="default: 14 Feb of it"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", help="a PostgreSQL database to drop and create")
    parser.add_argument("--smoke", action="store_true", help="2 × 5 × 1 year, SQLite, 1 run")
    args = parser.parse_args()
    if args.smoke:
        args.agencies, args.projects, args.years, args.runs = 2, 5, 1, 1
        args.database_url = None
    args.today = args.today or dt.date(args.last_year - 543, 2, 14)
    from timing import django_in_fresh_database  # bench/ is the script's folder: on sys.path

    with tempfile.TemporaryDirectory() as folder:
        django_in_fresh_database(args.database_url, folder)
        start = time.perf_counter()
        counts = build(args)
        engine = "PostgreSQL" if args.database_url else "SQLite"
        if args.database_url:
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        print(f"{engine}: {counts['agencies']} agencies, {counts['projects']:,} projects with "
              f"plans, {counts['reports']:,} reports, built in "
              f"{time.perf_counter() - start:.0f} s")  # fmt: skip
        measure(args.last_year, args.today, args.runs)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
