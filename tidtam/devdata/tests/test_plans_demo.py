"""The demo city's plans: some followed, some behind, some spending late, some none; loading
twice adds nothing; the money page shows the late spenders' planned disbursement ahead of
what they disbursed."""

import datetime as dt
from decimal import Decimal
from unittest import mock

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tidtam.core.testing import page_of
from tidtam.devdata.plans_demo import (
    BEHIND,
    FOLLOWED,
    NO_PLAN,
    SPENDING_LATE,
    kind_of,
    load_plans_demo,
)
from tidtam.lib.thai import fiscal_year_of
from tidtam.orgs.models import User
from tidtam.projects.models import Project
from tidtam.workplans import selectors
from tidtam.workplans.models import WorkPlan


def test_on_the_first_of_a_month_too(db):
    """The month's first report is dated that day, its month just begun: the plan still puts
    a project that follows it on plan (it failed on 1 December before)."""
    from tidtam.devdata.city_load import load_city
    from tidtam.devdata.demo import load_demo

    with mock.patch("django.utils.timezone.localdate", return_value=dt.date(2026, 12, 1)):
        load_demo()
        load_city(scale=0.1)
        test_plans_demo_gives_followed_behind_and_late_spending_projects(None)


def test_plans_demo_gives_followed_behind_and_late_spending_projects(demo_city):
    written = load_plans_demo()
    assert written > 0 and load_plans_demo() == 0
    today = timezone.localdate()
    year = fiscal_year_of(today)
    projects = list(Project.objects.filter(fiscal_year=year).order_by("code"))
    assert {kind_of(p) for p in projects} == {FOLLOWED, BEHIND, SPENDING_LATE, NO_PLAN}
    with_plan = set(
        WorkPlan.objects.filter(project__fiscal_year=year).values_list("project_id", flat=True)
    )
    assert with_plan == {p.pk for p in projects if kind_of(p) != NO_PLAN}
    by_project = {}
    for project in Project.objects.filter(pk__in=with_plan).select_related("figures"):
        latest = project.reports.order_by("-number").first()
        if latest is None:
            continue
        check = selectors.check_report(
            project, latest.date, latest.progress_percent, latest.plan_status
        )
        by_project[project.pk] = (kind_of(project), check.computed)
    computed = {}
    for kind, status in by_project.values():
        computed.setdefault(kind, []).append(status)
    assert computed[FOLLOWED].count("on_plan") > len(computed[FOLLOWED]) / 2
    assert computed[BEHIND].count("behind_plan") > len(computed[BEHIND]) / 2
    assert computed[SPENDING_LATE].count("on_plan") > len(computed[SPENDING_LATE]) / 2
    # most late spenders planned to disburse half as much again as they have, or more
    rows = _project_rows(year, today)
    late = [rows[pk] for pk, (kind, _s) in by_project.items() if kind == SPENDING_LATE]
    followed = [rows[pk] for pk, (kind, _s) in by_project.items() if kind == FOLLOWED]
    late_behind = [planned >= Decimal("1.5") * spent for planned, spent in late]
    assert late_behind.count(True) > len(late) / 2
    followed_behind = [planned >= Decimal("1.5") * spent for planned, spent in followed]
    assert followed_behind.count(True) < len(followed) / 2
    # frozen where a report was accepted, as the review would have done
    for plan in WorkPlan.objects.filter(project__fiscal_year=year).select_related("project"):
        accepted = plan.project.reports.filter(status="accepted").exists()
        assert (plan.frozen_at is not None) == accepted
    # the money page shows it
    client = Client()
    client.force_login(User.objects.get(username="city_executive"))
    response = client.get(reverse("followup:money"))
    shown = response.context["figures"].city
    assert response.status_code == 200 and shown.planned_to_date > 0
    assert f"{shown.planned_to_date:,.2f}" in page_of(response)


def _project_rows(year, today) -> dict[int, tuple[Decimal, Decimal]]:
    """Each project's planned to date and disbursed, as the money page adds them up."""
    from tidtam.workplans.money import ZERO

    rows = {}
    for project in Project.objects.filter(fiscal_year=year).select_related("figures"):
        planned = sum(
            (
                m.disbursement
                for m in selectors.in_force_rows(project)
                if m.month <= today.replace(day=1)
            ),
            ZERO,
        )
        rows[project.pk] = (planned, project.figures.budget_used)
    return rows
