"""The synthetic city at a tiny size: deterministic, valid, and usable by the dashboards."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from tidtam.followup.dashboard import dashboard
from tidtam.followup.synthetic import generate
from tidtam.orgs.models import User
from tidtam.projects.models import Project
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


def test_the_hand_written_sql_agrees_with_the_dashboard(db):
    from decimal import Decimal

    from django.db import connection

    from tidtam.followup.management.commands.bench_followup import DASHBOARD_SQL
    from tidtam.lib.money import round_half_up
    from tidtam.orgs.models import Unit

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
    with connection.cursor() as cursor:
        cursor.execute(DASHBOARD_SQL, [2566, f"{city.path}%"])
        by_sql = {row[0]: row for row in cursor.fetchall()}
    board = dashboard(User.objects.get(username="syn_executive"), fiscal_year=2566, today=TODAY)
    for row in board.agencies:
        _agency, count, avg, none, done, on, behind, ahead, received, used = by_sql[row.key]
        status = dict(row.status_cells)
        assert (count, none, done, on, behind, ahead) == (
            row.projects,
            status["not_started"],
            status["completed"],
            status["on_plan"],
            status["behind_plan"],
            status["ahead_of_plan"],
        )
        assert round_half_up(Decimal(str(avg))) == row.average_progress
        assert round_half_up(Decimal(str(received))) == row.budget_received
        assert round_half_up(Decimal(str(used))) == row.budget_used
