"""The dashboards' filter on the status computed from the plan: the database's figure agrees
with ``workplans.rules`` on hand-made cases, bounds included."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.test import Client
from django.urls import reverse

from tidtam.followup.computed import filter_computed
from tidtam.followup.dashboard import dashboard
from tidtam.projects.models import Project
from tidtam.projects.tests.factories import add_report, make_project
from tidtam.workplans import selectors, services
from tidtam.workplans.rules import Row, months_between

START, END = dt.date(2022, 10, 1), dt.date(2023, 9, 30)
DAY = dt.date(2023, 1, 16)  # planned: 24 + (32 − 24) × 16/31 = 28.13; on plan 23.13 … 33.13


@pytest.fixture
def projects(cast):
    rows = [
        Row(m, D("100") if i == 11 else D(8 * (i + 1)), D("0"))
        for i, m in enumerate(months_between(START, END))
    ]
    made = {}
    for name, progress in [
        ("on", "30"),
        ("edge", "33.13"),
        ("behind", "20"),
        ("ahead", "40"),
        ("unreported", None),
    ]:
        project = make_project(cast.alice, cast.a_admin, name=name)
        services.plan_save(actor=cast.alice, project=project, rows=rows)
        if progress:
            add_report(cast.alice, project, date=DAY, progress_percent=D(progress))
        made[name] = project
    made["no plan"] = make_project(cast.alice, cast.a_admin, name="no plan")
    add_report(cast.alice, made["no plan"], date=DAY, progress_percent=D("10"))
    return made


def _names(wanted):
    found = filter_computed(Project.objects.all(), wanted, 2566)
    return sorted(found.values_list("name", flat=True))


def test_the_database_computes_the_status_as_the_rules_do(cast, projects):
    assert selectors.check_report(projects["edge"], DAY, D("33.13"), "on_plan").planned == D(
        "28.13"
    )
    assert _names("on_plan") == ["edge", "on"]
    assert _names("behind_plan") == ["behind"]
    assert _names("ahead_of_plan") == ["ahead"]
    assert _names("no_plan") == ["no plan"]
    board = dashboard(cast.chief, fiscal_year=2566, today=DAY, computed="behind_plan")
    assert board.total.projects == 1 and board.computed == "behind_plan"
    assert dashboard(cast.chief, fiscal_year=2566, today=DAY).total.projects == 6


def test_the_dashboard_page_filters_and_refuses_an_unknown_status(cast, projects):
    client = Client()
    client.force_login(cast.chief)
    url = reverse("followup:dashboard")
    page = client.get(url, {"fy": "2566", "computed": "ahead_of_plan"})
    assert page.status_code == 200 and page.context["board"].total.projects == 1
    assert 'value="ahead_of_plan" selected' in page.content.decode()
    assert client.get(url, {"fy": "2566", "computed": "nonsense"}).status_code == 400
    export = client.get(
        reverse("followup:dashboard_export", args=["csv"]), {"fy": "2566", "computed": "no_plan"}
    )
    assert export.status_code == 200


def test_on_a_synthetic_city_the_database_agrees_with_the_rules_project_by_project(db):
    from django.core.management import call_command

    from tidtam.reports.models import ProgressReport

    call_command("make_synthetic", agencies=2, projects_per_agency=15, years=1, seed=5,
                 last_fiscal_year=2566, verbosity=0)  # fmt: skip
    expected = {}
    for project in Project.objects.all():
        latest = ProgressReport.objects.filter(project=project).order_by("-number").first()
        if latest is not None:
            check = selectors.check_report(project, latest.date, latest.progress_percent, "")
            expected.setdefault(check.computed, set()).add(project.pk)
    assert len(expected) >= 2  # the city has projects on plan and off it
    for wanted in ("on_plan", "behind_plan", "ahead_of_plan"):
        found = set(
            filter_computed(Project.objects.all(), wanted, 2566).values_list("pk", flat=True)
        )
        assert found == expected.get(wanted, set()), wanted
