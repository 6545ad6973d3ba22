"""tidtam bench_followup --fy 2568 — server time of the heavy reads and pages (median, p95):
the dashboard, the review queue, the project list and its search, a project page; each next
to hand-written SQL for the same rows (its baseline), timed in the same run.

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

from tidtam.core import audit
from tidtam.core.thaiwords import forget_words, keep_words_whole
from tidtam.followup import selectors
from tidtam.followup.dashboard import dashboard
from tidtam.lib.thai import fiscal_year_bounds, search_key
from tidtam.orgs.models import Unit, User
from tidtam.projects.selectors import project_list, projects_for_user

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
SELECT r.id, r.number, r.date, r.progress_percent, r.plan_status, r.submitted_at, p.code,
       p.name, a.name, u.name, s.username, s.full_name
FROM reports_progressreport r JOIN projects_project p ON p.id = r.project_id
JOIN orgs_unit a ON a.id = p.agency_id JOIN orgs_unit u ON u.id = p.responsible_unit_id
LEFT JOIN orgs_user s ON s.id = r.submitted_by_id
WHERE r.status = 'submitted' AND p.agency_id IN ({agencies})
ORDER BY r.submitted_at, r.id LIMIT 50
"""
QUEUE_COUNT_SQL = """
SELECT COUNT(*) FROM reports_progressreport r JOIN projects_project p ON p.id = r.project_id
WHERE r.status = 'submitted' AND p.agency_id IN ({agencies})
"""

# the first 50 projects of the year with their figures, and the count; {search}: nothing, or
# the same through the search column
LIST_SQL = """
SELECT p.id, p.code, p.name, p.budget_received, COALESCE(f.budget_used, 0), f.latest_progress,
       COALESCE(f.status, 'not_started'), u.name, a.name
FROM projects_project p JOIN orgs_unit u ON u.id = p.responsible_unit_id
JOIN orgs_unit a ON a.id = p.agency_id
LEFT JOIN projects_projectfigures f ON f.project_id = p.id
WHERE p.fiscal_year = %(fy)s AND u.path LIKE %(path)s {search}
ORDER BY p.code LIMIT 50
"""
LIST_COUNT_SQL = """
SELECT COUNT(*) FROM projects_project p JOIN orgs_unit u ON u.id = p.responsible_unit_id
WHERE p.fiscal_year = %(fy)s AND u.path LIKE %(path)s {search}
"""

# what the project page shows: the project with its units and figures, its reports, its plan
# targets up to their strategies, its KPIs and its history
PROJECT_SQL = [
    """SELECT p.*, f.*, u.name, d.name, a.name, c.full_name
    FROM projects_project p JOIN orgs_unit u ON u.id = p.responsible_unit_id
    LEFT JOIN orgs_unit d ON d.id = u.parent_id JOIN orgs_unit a ON a.id = p.agency_id
    LEFT JOIN orgs_user c ON c.id = p.coordinator_id
    LEFT JOIN projects_projectfigures f ON f.project_id = p.id WHERE p.id = %(id)s""",
    "SELECT * FROM reports_progressreport WHERE project_id = %(id)s ORDER BY number",
    """SELECT t.code, t.title, s.code, s.title, g.code, g.title
    FROM projects_project_plan_targets l JOIN plans_plannode t ON t.id = l.plannode_id
    LEFT JOIN plans_plannode s ON s.id = t.parent_id
    LEFT JOIN plans_plannode g ON g.id = s.parent_id WHERE l.project_id = %(id)s""",
    """SELECT k.* FROM plans_kpi k JOIN projects_project_kpis l ON l.kpi_id = k.id
    WHERE l.project_id = %(id)s""",
    """SELECT e.*, u.username, u.full_name FROM core_auditentry e
    LEFT JOIN orgs_user u ON u.id = e.actor_id WHERE e.subject = %(subject)s
    ORDER BY e.created_at DESC, e.id DESC LIMIT 200""",
]
SEARCH = "ถนนพหลโยธิน"


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


def _paired(ours: Callable[[], object], sql: Callable[[], object], runs: int) -> dict:
    """A read and its hand SQL timed in turns, one of each per round, so that whatever else
    the machine runs weighs on both alike; our side's process CPU besides (unlike the clock,
    it hardly moves with the machine's load). Medians and p95 in ms."""
    ours(), sql()  # warm up
    wall, cpu, base = [], [], []
    for _i in range(runs):
        started, used = time.perf_counter(), time.process_time()
        ours()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
        started = time.perf_counter()
        sql()
        base.append((time.perf_counter() - started) * 1000)

    def p95(samples: list[float]) -> float:
        return sorted(samples)[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]

    return {
        "median": statistics.median(wall),
        "p95": p95(wall),
        "cpu": statistics.median(cpu),
        "sql": statistics.median(base),
        "sql_p95": p95(base),
    }


def _sql(sql: str | list[str], params: list | dict) -> Callable[[], object]:
    statements = [sql] if isinstance(sql, str) else sql

    def run() -> object:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement, params)
                rows = cursor.fetchall()
        return rows

    return run


def _page(client: Client, url: str, **params) -> Callable[[], object]:
    def run() -> object:
        response = client.get(url, params)
        if response.status_code != 200:
            raise CommandError(f"{url}: {response.status_code}")
        return response

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
        board_page, queue_page = Client(), Client()
        board_page.force_login(executive)
        queue_page.force_login(coordinator)
        first, last = fiscal_year_bounds(fy)
        period = selectors.current_period(min(max(today, first), last))
        board_sql = _sql(
            DASHBOARD_SQL,
            {"fy": fy, "path": f"{city.path}%", "start": period.start, "end": period.end},
        )
        # the agencies the coordinator follows, as the app has them from the login's memberships
        agencies = list(
            coordinator.memberships.filter(role="coordinator").values_list("unit_id", flat=True)
        )
        followed = ", ".join(str(int(pk)) for pk in agencies) or "NULL"
        queue_sql = _sql([q.format(agencies=followed) for q in (QUEUE_SQL, QUEUE_COUNT_SQL)], {})
        listing = {"fy": fy, "path": f"{city.path}%"}
        list_sql = _sql([q.format(search="") for q in (LIST_SQL, LIST_COUNT_SQL)], listing)
        search_sql = _sql(
            [q.format(search="AND p.search LIKE %(search)s") for q in (LIST_SQL, LIST_COUNT_SQL)],
            {**listing, "search": f"%{search_key(SEARCH)}%"},
        )
        project = (
            projects_for_user(executive)
            .filter(fiscal_year=fy, figures__report_count__lte=12)
            .order_by("-figures__report_count", "code")
            .first()
        )
        cases = [
            (
                "executive dashboard (selector)",
                lambda: dashboard(executive, fiscal_year=fy, today=today),
                board_sql,
            ),
            (
                "executive dashboard (page)",
                _page(board_page, reverse("followup:dashboard"), fy=fy),
                board_sql,
            ),
            (
                "dashboard from the reports (SQL only)",
                None,
                _sql(RAW_DASHBOARD_SQL, [fy, f"{city.path}%"]),
            ),
            (
                "review queue (first 50 + count)",
                lambda: _first_and_count(selectors.review_queue(coordinator)),
                queue_sql,
            ),
            ("review queue (page)", _page(queue_page, reverse("followup:queue")), queue_sql),
            (
                "project list (first 50 + count)",
                lambda: _first_and_count(project_list(executive, fiscal_year=fy)),
                list_sql,
            ),
            (
                "project list (page)",
                _page(board_page, reverse("projects:list"), fiscal_year=fy),
                list_sql,
            ),
            (
                f"search {SEARCH} (first 50 + count)",
                lambda: _first_and_count(project_list(executive, fiscal_year=fy, search=SEARCH)),
                search_sql,
            ),
            (
                f"search {SEARCH} (page)",
                _page(board_page, reverse("projects:list"), fiscal_year=fy, q=SEARCH),
                search_sql,
            ),
        ]
        if project is not None:
            cases.append(
                (
                    f"project page ({project.figures.report_count} reports)",
                    _page(board_page, project.get_absolute_url()),
                    _sql(PROJECT_SQL, {"id": project.pk, "subject": audit.subject_key(project)}),
                )
            )
        self.stdout.write(
            f"{connection.vendor}, fiscal year {fy}, {runs} runs; ms median / p95 (and the "
            "process CPU of ours), each beside its baseline: hand-written SQL for the same rows, "
            "timed in turns with it in this run"
        )
        for name, ours, sql in cases:
            for user in (executive, coordinator):
                user.__dict__.pop("_tidtam_memberships", None)
            if ours is None:
                sql_median, sql_p95 = _times(sql, runs)
                self.stdout.write(f"{name:42} {'':30}   SQL {sql_median:8.1f} / {sql_p95:8.1f}")
                continue
            t = _paired(ours, sql, runs)
            self.stdout.write(
                f"{name:42} {t['median']:8.1f} / {t['p95']:8.1f} (CPU {t['cpu']:6.1f})"
                f"   SQL {t['sql']:8.1f} / {t['sql_p95']:8.1f}"
                f"   ratio {t['median'] / t['sql'] if t['sql'] else 0:5.2f}"
            )
        # the floor of any page: a logged-in page of the same layout with next to nothing on it
        floor = _paired(_page(board_page, reverse("followup:my_reports")), lambda: None, runs)
        self.stdout.write(
            f"{'an empty page (my reports, none)':42} {floor['median']:8.1f} / "
            f"{floor['p95']:8.1f} (CPU {floor['cpu']:6.1f})"
        )
        self._thai_words(board_page, reverse("projects:list"), {"fiscal_year": fy}, runs)

    def _thai_words(self, client: Client, url: str, params: dict, runs: int) -> None:
        """The Thai-word middleware's share of a page: its work on the page's HTML alone,
        with the word cuts cached (names seen before) and not (a first sight of each)."""
        html = client.get(url, params).content.decode()
        page, _p95 = _times(_page(client, url, **params), runs)
        warm, _p95 = _times(lambda: keep_words_whole(html), runs)

        def cold() -> object:
            forget_words()
            return keep_words_whole(html)

        first_sight, _p95 = _times(cold, runs)
        self.stdout.write(
            f"Thai words kept whole on the project list ({len(html) // 1024} kB): "
            f"{warm:.1f} ms of the page's {page:.1f} ms; "
            f"{first_sight:.1f} ms with no word seen before"
        )


def _first_and_count(rows) -> tuple[int, list]:
    return rows.count(), list(rows[:50])
