"""The demo city's plans: some followed, some behind, some none; loading twice adds nothing."""

from django.utils import timezone

from tidtam.devdata.plans_demo import load_plans_demo
from tidtam.lib.thai import fiscal_year_of
from tidtam.projects.models import Project
from tidtam.workplans import selectors


def test_plans_demo_gives_followed_and_behind_projects(demo_city):
    assert load_plans_demo() > 0
    assert load_plans_demo() == 0
    year = fiscal_year_of(timezone.localdate())
    computed = {}
    for project in Project.objects.filter(fiscal_year=year, work_plans__isnull=False):
        latest = project.reports.order_by("-number").first()
        if latest is None:
            continue
        check = selectors.check_report(
            project, latest.date, latest.progress_percent, latest.plan_status
        )
        computed[check.computed] = computed.get(check.computed, 0) + 1
    assert computed.get("on_plan", 0) > 0 and computed.get("behind_plan", 0) > 0
    assert Project.objects.filter(fiscal_year=year, work_plans__isnull=True).exists()
