"""The synthetic city at a tiny size: deterministic, valid, and usable by the dashboards."""

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tidtam.devdata.management.commands.bench_followup import DASHBOARD_SQL, RAW_DASHBOARD_SQL
from tidtam.devdata.synthetic import generate
from tidtam.followup.dashboard import dashboard
from tidtam.lib.money import round_half_up
from tidtam.orgs.models import Unit, User
from tidtam.projects import strategies
from tidtam.projects.models import Project, ProjectFigures, SupportedStrategy
from tidtam.reports import figures
from tidtam.reports.models import ProgressReport

TODAY = dt.date(2023, 6, 20)
ARGS = {"agencies": 3, "projects_per_agency": 4, "years": 2, "last_fiscal_year": 2566}


def _records(seed):
    return [
        (
            a.code,
            a.name,
            [(p.name, p.start, p.budget, [r.progress for r in p.reports]) for p in a.projects],
        )
        for a in generate(seed=seed, today=TODAY, **ARGS)
    ]


def test_the_same_seed_gives_the_same_city_and_another_seed_another():
    assert _records(1) == _records(1)
    assert _records(1) != _records(2)


def test_records_obey_the_rules():
    for agency in generate(seed=3, today=TODAY, **ARGS):
        for project in agency.projects:
            progress = [r.progress for r in project.reports]
            assert progress == sorted(progress)
            assert all(Decimal(0) <= p <= Decimal(100) for p in progress)
            assert sum(r.disbursed for r in project.reports) <= project.budget
            dates = [r.date for r in project.reports]
            assert dates == sorted(dates)
            assert all(project.start <= d <= min(project.end, TODAY) for d in dates)


def test_the_command_builds_a_tiny_city(db, django_assert_max_num_queries):
    call_command(
        "make_synthetic",
        agencies=3,
        projects_per_agency=4,
        years=2,
        seed=1,
        last_fiscal_year=2566,
        verbosity=0,
    )
    assert Project.objects.count() == 3 * 4 * 2
    reports = ProgressReport.objects.all()
    assert reports.count() > 24
    assert reports.exclude(delay_category="").exists()
    assert reports.filter(status="accepted").exists()
    executive = User.objects.get(username="syn_executive")
    with django_assert_max_num_queries(7):
        board = dashboard(executive, fiscal_year=2566, today=dt.date(2023, 6, 20))
    assert board.total.projects == 12
    assert len(board.agencies) == 3
    with pytest.raises(CommandError):
        call_command("make_synthetic", agencies=1, projects_per_agency=1, years=1, verbosity=0)


def test_a_past_year_ends_with_its_last_rounds_under_review_and_figures_as_the_services_keep(db):
    call_command(
        "make_synthetic",
        agencies=2,
        projects_per_agency=20,
        years=1,
        seed=1,
        last_fiscal_year=2566,
        verbosity=0,
    )
    statuses = Counter(ProgressReport.objects.values_list("status", flat=True))
    assert statuses["submitted"] > 20
    assert statuses["returned"] > 0
    assert statuses["accepted"] > statuses["submitted"]
    # seen ten days after the last round was due (5 Oct 2023): what waits was sent after July
    waiting = ProgressReport.objects.filter(status="submitted")
    assert min(r.submitted_at.date() for r in waiting) > dt.date(2023, 7, 1)
    returned = ProgressReport.objects.filter(status="returned").first()
    assert returned.review_comment and returned.reviewed_at >= returned.submitted_at
    written = list(ProjectFigures.objects.order_by("pk").values())
    figures.refresh(Project.objects.values_list("pk", flat=True))
    assert list(ProjectFigures.objects.order_by("pk").values()) == written
    pairs = SupportedStrategy.objects.order_by("project_id").values_list("project_id", "strategy")
    supported = list(pairs)
    strategies.refresh()
    assert len(supported) == 40 and list(pairs) == supported  # as projects.strategies derives


def test_the_bench_runs_on_a_tiny_city(db, capsys):
    call_command(
        "make_synthetic",
        agencies=2,
        projects_per_agency=3,
        years=1,
        seed=1,
        last_fiscal_year=2566,
        verbosity=0,
    )
    call_command("bench_followup", fy=2566, runs=1, today=dt.date(2023, 6, 20))
    out = capsys.readouterr().out
    assert "executive dashboard (selector)" in out
    assert "SQL" in out


def _money(value) -> Decimal:
    return round_half_up(Decimal(str(value or 0)))


def test_the_hand_written_sql_agrees_with_the_dashboard(db):
    """Both bench queries against the selector: the one over the figures table gives every
    figure; the one straight from the reports checks the figures table itself."""
    call_command(
        "make_synthetic",
        agencies=3,
        projects_per_agency=5,
        years=1,
        seed=7,
        last_fiscal_year=2566,
        verbosity=0,
    )
    city = Unit.objects.get(kind="city")
    board = dashboard(User.objects.get(username="syn_executive"), fiscal_year=2566, today=TODAY)
    params = {
        "fy": 2566,
        "path": f"{city.path}%",
        "start": board.period.start,
        "end": board.period.end,
    }
    with connection.cursor() as cursor:
        cursor.execute(DASHBOARD_SQL, params)
        by_sql = {(row[0], row[1]): row[2:] for row in cursor.fetchall()}
        cursor.execute(RAW_DASHBOARD_SQL, [2566, f"{city.path}%"])
        from_reports = {row[0]: row for row in cursor.fetchall()}
    for kind, rows in (("agency", board.agencies), ("strategy", board.strategies)):
        for row in rows:
            count, progress, on, behind, ahead, done, none, received, used, running, missing = (
                by_sql[(kind, str(row.key))][:11]
            )
            assert (count, on, behind, ahead, done, none, running, missing) == (
                row.projects,
                *[status for _key, status in row.status_cells],
                row.running,
                row.missing,
            )
            assert (_money(progress), _money(received), _money(used)) == (
                row.progress_total,
                row.budget_received,
                row.budget_used,
            )
    assert {key: row[0] for (kind, key), row in by_sql.items() if kind == "delay"} == {
        key: n for key, _label, n in board.delays
    }
    for row in board.agencies:
        _agency, count, avg, none, done, on, behind, ahead, received, used = from_reports[row.key]
        assert (count, none, done, on, behind, ahead) == (
            row.projects,
            *[row.status_count(s) for s in ("not_started", "completed", "on_plan")],
            row.status_count("behind_plan"),
            row.status_count("ahead_of_plan"),
        )
        assert (round_half_up(Decimal(str(avg))), _money(used)) == (
            row.average_progress,
            row.budget_used,
        )


def test_every_project_has_a_plan_in_force_that_obeys_the_rules(db):
    from tidtam.devdata.synthetic import plan_rows
    from tidtam.workplans import rules
    from tidtam.workplans.models import PlanMonth, WorkPlan

    for agency in generate(seed=3, today=TODAY, **ARGS):
        for p in agency.projects:
            rows = [rules.Row(m, prog, spent) for m, prog, spent in plan_rows(p)]
            assert rules.plan_errors(rows, start=p.start, end=p.end, budget=p.budget) == {}
            assert sum(r.disbursement for r in rows) == p.budget
    call_command("make_synthetic", agencies=1, projects_per_agency=3, years=1, seed=1,
                 last_fiscal_year=2566, verbosity=0)  # fmt: skip
    assert WorkPlan.objects.filter(state="in_force").count() == Project.objects.count() == 3
    assert PlanMonth.objects.filter(month__lt="2022-10-01").count() == 0
