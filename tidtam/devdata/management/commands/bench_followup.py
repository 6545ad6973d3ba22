"""tidtam bench_followup --fy 2568 — server time of the follow-up's heavy reads (median, p95),
each next to one hand-written SQL query computing the same figures, in the same run.

Run it on the synthetic city (``tidtam make_synthetic``), on the database you deploy to.
"""

import datetime as dt
import statistics
import time
from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.urls import reverse

from tidtam.followup import selectors
from tidtam.followup.dashboard import dashboard
from tidtam.lib.thai import fiscal_year_bounds
from tidtam.orgs.models import Unit, User
from tidtam.projects.selectors import project_list

# The dashboard's figures (per agency, per strategy with each project once, delay reasons) in one
# query over the same tables the selector reads, each project's row computed once.
DASHBOARD_SQL = """
WITH p AS (
    SELECT p.id, p.agency_id, p.budget_received, f.latest_progress, f.budget_used,
           COALESCE(f.status, 'not_started') AS status, f.latest_delay_category,
           f.waiting, f.reviewed, f.review_seconds,
           (p.start_date <= %(end)s AND p.end_date >= %(start)s) AS running,
           COALESCE(f.latest_filed_on >= %(start)s, FALSE) AS filed
    FROM projects_project p JOIN orgs_unit u ON u.id = p.responsible_unit_id
    LEFT JOIN projects_projectfigures f ON f.project_id = p.id
    WHERE p.fiscal_year = %(fy)s AND u.path LIKE %(path)s
), strategy AS (
    SELECT DISTINCT l.project_id, sub.parent_id AS strategy_id
    FROM projects_project_plan_targets l
    JOIN plans_plannode t ON t.id = l.plannode_id JOIN plans_plannode sub ON sub.id = t.parent_id
    WHERE sub.parent_id IS NOT NULL AND l.project_id IN (SELECT id FROM p)
), grouped AS (
    SELECT 'agency' AS kind, p.agency_id AS key, p.* FROM p
    UNION ALL
    SELECT 'strategy', s.strategy_id, p.* FROM strategy s JOIN p ON p.id = s.project_id
)
SELECT kind, CAST(key AS TEXT), COUNT(*), SUM(latest_progress),
       COUNT(*) FILTER (WHERE status = 'on_plan'), COUNT(*) FILTER (WHERE status = 'behind_plan'),
       COUNT(*) FILTER (WHERE status = 'ahead_of_plan'),
       COUNT(*) FILTER (WHERE status = 'completed'),
       COUNT(*) FILTER (WHERE status = 'not_started'),
       SUM(budget_received), SUM(budget_used), COUNT(*) FILTER (WHERE running),
       COUNT(*) FILTER (WHERE running AND NOT filed), COUNT(*) FILTER (WHERE waiting > 0),
       SUM(reviewed), SUM(review_seconds)
FROM grouped GROUP BY kind, key
UNION ALL
SELECT 'delay', latest_delay_category, COUNT(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL, NULL
FROM p WHERE latest_delay_category <> '' GROUP BY latest_delay_category
"""

# Fewer figures (per agency only, no round, review or delays) straight from the reports: what
# the dashboard would cost without the figures table.
RAW_DASHBOARD_SQL = """
WITH fy AS (
    SELECT p.id, p.agency_id, p.budget_received
    FROM projects_project p JOIN orgs_unit u ON u.id = p.responsible_unit_id
    WHERE p.fiscal_year = %s AND u.path LIKE %s
), ranked AS (
    SELECT r.project_id, r.progress_percent, r.plan_status,
           ROW_NUMBER() OVER (PARTITION BY r.project_id ORDER BY r.number DESC) AS rn
    FROM reports_progressreport r WHERE r.project_id IN (SELECT id FROM fy)
), used AS (
    SELECT r.project_id, SUM(r.budget_disbursed) AS used
    FROM reports_progressreport r WHERE r.project_id IN (SELECT id FROM fy)
    GROUP BY r.project_id
)
SELECT fy.agency_id, COUNT(*),
       AVG(COALESCE(l.progress_percent, 0)),
       SUM(CASE WHEN l.project_id IS NULL THEN 1 ELSE 0 END),
       SUM(CASE WHEN l.progress_percent >= 100 THEN 1 ELSE 0 END),
       SUM(CASE WHEN l.progress_percent < 100 AND l.plan_status = 'on_plan' THEN 1 ELSE 0 END),
       SUM(CASE WHEN l.progress_percent < 100 AND l.plan_status = 'behind_plan' THEN 1 ELSE 0 END),
       SUM(CASE WHEN l.progress_percent < 100 AND l.plan_status = 'ahead_of_plan'
                THEN 1 ELSE 0 END),
       SUM(fy.budget_received), SUM(COALESCE(used.used, 0))
FROM fy LEFT JOIN ranked l ON l.project_id = fy.id AND l.rn = 1
LEFT JOIN used ON used.project_id = fy.id
GROUP BY fy.agency_id
"""

QUEUE_SQL = """
SELECT r.id, r.number, r.submitted_at, p.code, p.name
FROM reports_progressreport r JOIN projects_project p ON p.id = r.project_id
WHERE r.status = 'submitted' AND p.agency_id IN (
    SELECT unit_id FROM orgs_membership WHERE user_id = %s AND role = 'coordinator')
ORDER BY r.submitted_at, r.id LIMIT 50
"""

LIST_SQL = """
SELECT p.id, p.code, p.name, p.budget_received, COALESCE(f.budget_used, 0), f.latest_progress,
       COALESCE(f.status, 'not_started'),
       (SELECT COUNT(*) FROM projects_project c JOIN orgs_unit cu ON cu.id = c.responsible_unit_id
        WHERE c.fiscal_year = %(fy)s AND cu.path LIKE %(path)s)
FROM projects_project p JOIN orgs_unit u ON u.id = p.responsible_unit_id
LEFT JOIN projects_projectfigures f ON f.project_id = p.id
WHERE p.fiscal_year = %(fy)s AND u.path LIKE %(path)s ORDER BY p.code LIMIT 50
"""


def _times(run: Callable[[], object], runs: int) -> tuple[float, float]:
    run()  # warm up
    samples = []
    for _i in range(runs):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples), p95


def _sql(sql: str, params: list | dict) -> Callable[[], object]:
    def run() -> object:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return run


class Command(BaseCommand):
    help = "Time the dashboard, the review queue and the project list against hand-written SQL."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--fy", type=int, required=True)
        parser.add_argument("--executive", default="syn_executive")
        parser.add_argument("--coordinator", default="syn_coordinator_1")
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)

    def handle(self, *args, **options) -> None:
        try:
            executive = User.objects.get(username=options["executive"])
            coordinator = User.objects.get(username=options["coordinator"])
        except User.DoesNotExist as error:
            raise CommandError("run `tidtam make_synthetic` first") from error
        fy, runs = options["fy"], options["runs"]
        today = options["today"] or dt.date.today()  # noqa: DTZ011 - a bench parameter
        city = Unit.objects.filter(kind=Unit.Kind.CITY).first()
        page_client = Client()
        page_client.force_login(executive)
        first, last = fiscal_year_bounds(fy)
        period = selectors.current_period(min(max(today, first), last))
        board_sql = _sql(
            DASHBOARD_SQL,
            {"fy": fy, "path": f"{city.path}%", "start": period.start, "end": period.end},
        )
        cases = [
            (
                "executive dashboard (selector)",
                lambda: dashboard(executive, fiscal_year=fy, today=today),
                board_sql,
            ),
            (
                "executive dashboard (page)",
                lambda: page_client.get(reverse("followup:dashboard"), {"fy": fy}),
                board_sql,
            ),
            (
                "dashboard from the reports (SQL only)",
                None,
                _sql(RAW_DASHBOARD_SQL, [fy, f"{city.path}%"]),
            ),
            (
                "coordinator queue (first 50)",
                lambda: list(selectors.review_queue(coordinator)[:50]),
                _sql(QUEUE_SQL, [coordinator.pk]),
            ),
            (
                "project list (first 50 + count)",
                lambda: (
                    project_list(executive, fiscal_year=fy).count(),
                    list(project_list(executive, fiscal_year=fy)[:50]),
                ),
                _sql(LIST_SQL, {"fy": fy, "path": f"{city.path}%"}),
            ),
        ]
        self.stdout.write(f"{connection.vendor}, fiscal year {fy}, {runs} runs; ms median / p95")
        for name, ours, sql in cases:
            for attr in ("_tidtam_memberships",):
                for user in (executive, coordinator):
                    user.__dict__.pop(attr, None)
            sql_median, sql_p95 = _times(sql, runs)
            if ours is None:
                self.stdout.write(f"{name:36} {'':19}   SQL {sql_median:8.1f} / {sql_p95:8.1f}")
                continue
            median, p95 = _times(ours, runs)
            self.stdout.write(
                f"{name:36} {median:8.1f} / {p95:8.1f}   SQL {sql_median:8.1f} / {sql_p95:8.1f}"
                f"   ratio {median / sql_median if sql_median else 0:5.2f}"
            )
