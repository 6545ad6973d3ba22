"""The city view of indicators (``/kpis/city/<year>/``) at city scale, next to one hand-written
SQL query computing the same figures, in the same run.

Builds the synthetic city (``tidtam make_synthetic``: 80 agencies with their divisions, the
plan, the city's executive; one project per agency and year) in a fresh database, then, in
bulk, ``--indicators`` indicators per agency for each of ``--years`` fiscal years with their
quarterly results (most accepted, some submitted, some drafts, the last year's fourth quarter
not filed yet), each year aligned with one plan target (one in eight with none). Then, as the
city's executive, it times the page (the whole request through the test client: access,
selector, results so far, grouping, template), its CSV export, and the hand SQL; checks that
the SQL's figures equal the page's; and prints the median of ``--runs`` runs (after one
warm-up) with the number of queries.

    .venv/bin/python bench/indicators_city.py --database-url postgres://postgres@127.0.0.1/NAME
    .venv/bin/python bench/indicators_city.py --smoke  # 2 agencies × 3 × 2 years, SQLite
"""

import argparse
import io
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Per agency and per strategy: indicators, met, not met, from the latest quarter's result that
# was submitted or accepted against the annual target, by direction (as indicators.sources).
CITY_SQL = """
WITH y AS (
    SELECT iy.id, i.agency_id, iy.target, iy.direction
    FROM indicators_indicatoryear iy
    JOIN indicators_indicator i ON i.id = iy.indicator_id
    JOIN orgs_unit u ON u.id = iy.responsible_unit_id
    WHERE iy.fiscal_year = %s AND u.path LIKE %s
), ranked AS (
    SELECT r.indicator_year_id, r.result,
           ROW_NUMBER() OVER (PARTITION BY r.indicator_year_id ORDER BY r.quarter DESC) AS rn
    FROM indicators_quarterresult r
    WHERE r.status IN ('submitted', 'accepted') AND r.indicator_year_id IN (SELECT id FROM y)
), m AS (
    SELECT y.id, y.agency_id,
           CASE WHEN l.result IS NULL THEN NULL
                WHEN y.direction = 'higher' THEN CASE WHEN l.result >= y.target THEN 1 ELSE 0 END
                ELSE CASE WHEN l.result <= y.target THEN 1 ELSE 0 END END AS met
    FROM y LEFT JOIN ranked l ON l.indicator_year_id = y.id AND l.rn = 1
), s AS (
    SELECT DISTINCT l.indicatoryear_id AS id,
           CASE WHEN t.kind = 'strategy' THEN t.id WHEN p.kind = 'strategy' THEN p.id
                WHEN g.kind = 'strategy' THEN g.id END AS strategy_id
    FROM indicators_indicatoryear_plan_targets l
    JOIN plans_plannode t ON t.id = l.plannode_id
    LEFT JOIN plans_plannode p ON p.id = t.parent_id
    LEFT JOIN plans_plannode g ON g.id = p.parent_id
    WHERE l.indicatoryear_id IN (SELECT id FROM y)
)
SELECT 'agency', a.agency_code, COUNT(*), SUM(CASE WHEN m.met = 1 THEN 1 ELSE 0 END),
       SUM(CASE WHEN m.met = 0 THEN 1 ELSE 0 END)
FROM m JOIN orgs_unit a ON a.id = m.agency_id GROUP BY a.agency_code
UNION ALL
SELECT 'strategy', CAST(s.strategy_id AS TEXT), COUNT(*),
       SUM(CASE WHEN m.met = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN m.met = 0 THEN 1 ELSE 0 END)
FROM m LEFT JOIN (SELECT id, strategy_id FROM s WHERE strategy_id IS NOT NULL) s ON s.id = m.id
GROUP BY s.strategy_id
"""


def build(*, agencies: int, indicators: int, years: int, last_year: int, seed: int) -> dict:
    """The synthetic city, then its indicators and their results, in bulk."""
    from django.core.management import call_command
    from django.db import transaction

    from tidtam.indicators.models import Indicator, IndicatorYear, QuarterResult
    from tidtam.orgs.models import Unit, User
    from tidtam.plans.models import PlanNode
    from tidtam.reports.models import ReviewStatus as S

    call_command("migrate", verbosity=0)
    call_command(
        "make_synthetic",
        agencies=agencies,
        projects_per_agency=1,
        years=years,
        seed=seed,
        last_fiscal_year=last_year,
        verbosity=0,
        stdout=io.StringIO(),
    )
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    targets = list(PlanNode.objects.filter(kind=PlanNode.Kind.TARGET).order_by("pk"))
    reporter = User.objects.get(username="syn_executive")
    fiscal_years = range(last_year - years + 1, last_year + 1)
    counts = {"indicator_years": 0, "results": 0}
    with transaction.atomic():
        units = Unit.objects.filter(kind=Unit.Kind.AGENCY, agency_code__startswith="9")
        for index, agency in enumerate(units.order_by("agency_code")):
            division = agency.children.order_by("pk").first()
            made = Indicator.objects.bulk_create(
                Indicator(code=f"{index:04d}-{n:04d}", agency=agency, running_number=n)
                for n in range(1, indicators + 1)
            )
            rows, aligned = [], []
            for indicator in made:
                higher = rng.random() > 0.2
                for fiscal_year in fiscal_years:
                    target = Decimal(rng.randrange(50, 101))
                    rows.append(
                        IndicatorYear(
                            indicator=indicator,
                            fiscal_year=fiscal_year,
                            name=f"ร้อยละของงานที่ดำเนินการสำเร็จ {indicator.code}",
                            responsible_unit=division,
                            dimension=rng.randint(1, 4),
                            negotiated=rng.random() < 0.3,
                            unit_of_measure="ร้อยละ",
                            direction="higher" if higher else "lower",
                            target=target,
                            **{f"q{q}_target": target * q / 4 for q in (1, 2, 3, 4)},
                        )
                    )
            rows = IndicatorYear.objects.bulk_create(rows)
            results = []
            for year in rows:
                if rng.random() >= 0.125:
                    aligned.append(
                        IndicatorYear.plan_targets.through(
                            indicatoryear_id=year.pk, plannode_id=rng.choice(targets).pk
                        )
                    )
                quarters = 3 if year.fiscal_year == last_year else 4
                for quarter in range(1, quarters + 1):
                    status = rng.choices([S.ACCEPTED, S.SUBMITTED, S.DRAFT], [8, 1, 1])[0]
                    value = year.target * quarter / 4 * Decimal(rng.uniform(0.7, 1.3))
                    results.append(
                        QuarterResult(
                            indicator_year=year,
                            quarter=quarter,
                            result=value.quantize(Decimal("0.01")),
                            narrative=f"ผลการดำเนินงานไตรมาสที่ {quarter}",
                            status=status,
                            created_by=reporter,
                        )
                    )
            QuarterResult.objects.bulk_create(results, batch_size=5000)
            IndicatorYear.plan_targets.through.objects.bulk_create(aligned, batch_size=5000)
            counts["indicator_years"] += len(rows)
            counts["results"] += len(results)
    return counts


def measure(fiscal_year: int, runs: int) -> None:
    from django.db import connection
    from django.test import Client, RequestFactory
    from django.urls import reverse
    from timing import print_medians  # bench/ is the script's folder: on sys.path

    from tidtam.indicators.views import _city
    from tidtam.orgs.models import Unit, User

    executive = User.objects.get(username="syn_executive")
    city = Unit.objects.get(kind=Unit.Kind.CITY)
    client = Client()
    client.force_login(executive)
    page_url = reverse("indicators:city", args=[fiscal_year])
    csv_url = reverse("indicators:city_export", args=[fiscal_year, "csv"])

    def page():
        answer = client.get(page_url)
        assert answer.status_code == 200, answer.status_code
        return answer

    def export():
        answer = client.get(csv_url)
        assert answer.status_code == 200, answer.status_code
        return answer

    def sql():
        with connection.cursor() as cursor:
            cursor.execute(CITY_SQL, [fiscal_year, f"{city.path}%"])
            return cursor.fetchall()

    # the same figures both ways
    request = RequestFactory().get(page_url)
    request.user = executive
    board = _city(request, fiscal_year)
    rows = sql()
    by_sql = {(kind, key or None): (n, met, not_met) for kind, key, n, met, not_met in rows}
    by_page = {("agency", r.key): (r.total, r.met, r.not_met) for r in board.agencies}
    by_page |= {
        ("strategy", str(r.key) if r.key else None): (r.total, r.met, r.not_met)
        for r in board.strategies
    }
    assert by_sql == by_page, "the hand SQL and the page disagree"
    total = sum(r.total for r in board.agencies)
    print(f"FY{fiscal_year}: {total} indicators of {len(board.agencies)} agencies, "
          f"{len(board.strategies)} strategy rows; the page and the SQL agree")  # fmt: skip

    reads = {"page /kpis/city/": page, "CSV export": export, "hand SQL": sql}
    print_medians(reads, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=80)
    parser.add_argument("--indicators", type=int, default=40, help="per agency")
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--last-year", type=int, default=2569, help="the fiscal year measured")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", help="a PostgreSQL database to drop and create")
    parser.add_argument("--smoke", action="store_true", help="2 × 3 × 2 years, SQLite, 1 run")
    args = parser.parse_args()
    if args.smoke:
        args.agencies, args.indicators, args.years, args.runs = 2, 3, 2, 1
        args.database_url = None
    from timing import django_in_fresh_database  # bench/ is the script's folder: on sys.path

    with tempfile.TemporaryDirectory() as folder:
        django_in_fresh_database(args.database_url, folder)
        start = time.perf_counter()
        counts = build(
            agencies=args.agencies,
            indicators=args.indicators,
            years=args.years,
            last_year=args.last_year,
            seed=args.seed,
        )
        engine = "PostgreSQL" if args.database_url else "SQLite"
        if args.database_url:
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        print(f"{engine}: {args.agencies} agencies × {args.indicators} indicators × "
              f"{args.years} years = {counts['indicator_years']:,} indicator years, "
              f"{counts['results']:,} quarterly results, built in "
              f"{time.perf_counter() - start:.0f} s")  # fmt: skip
        measure(args.last_year, args.runs)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
