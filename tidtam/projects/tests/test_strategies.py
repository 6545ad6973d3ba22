"""The strategies a project supports (``SupportedStrategy``) follow its plan targets, however
they are written: one project through the services, many at once, or a link added from
either side."""

import pytest

from tidtam.plans.models import PlanNode
from tidtam.projects import strategies
from tidtam.projects.models import Project, SupportedStrategy
from tidtam.projects.services import NewProject, project_create_all, project_update
from tidtam.projects.tests.factories import make_project, project_fields


@pytest.fixture
def plan(db):
    """Strategies ๑ and ๗, each with one sub-issue and two targets: {code: target}."""
    root = PlanNode.objects.create(kind="plan", code="", title="แผน")
    targets = {}
    for digit in "๑๗":
        strategy = PlanNode.objects.create(kind="strategy", parent=root, code=digit, title="ก")
        sub = PlanNode.objects.create(kind="sub_strategy", parent=strategy, code=f"{digit}.๑")
        for n in "๑๒":
            code = f"{digit}.๑.{n}"
            targets[code] = PlanNode.objects.create(kind="target", parent=sub, code=code)
    return targets


def _supported(project: Project) -> set[str]:
    return set(
        SupportedStrategy.objects.filter(project=project).values_list("strategy__code", flat=True)
    )


def test_one_project_through_the_services_and_its_later_edits(cast, plan):
    project = make_project(cast.alice, cast.a_admin, plan_targets=[plan["๗.๑.๑"]])
    assert _supported(project) == {"๗"}
    project = project_update(
        actor=cast.alice, project=project, plan_targets=[plan["๗.๑.๑"], plan["๗.๑.๒"]]
    )
    assert SupportedStrategy.objects.filter(project=project).count() == 1  # once, not twice
    project_update(actor=cast.alice, project=project, plan_targets=[plan["๑.๑.๑"]])
    assert _supported(project) == {"๑"}
    project_update(actor=cast.alice, project=project, plan_targets=[])
    assert _supported(project) == set()


def test_many_projects_at_once(cast, plan):
    made = project_create_all(
        actor=cast.alice,
        projects=[
            NewProject(**project_fields(cast.a_admin, plan_targets=[plan["๑.๑.๑"], plan["๗.๑.๒"]])),
            NewProject(**project_fields(cast.a_admin, plan_targets=[])),
        ],
    )
    assert [_supported(p) for p in made] == [{"๑", "๗"}, set()]


def test_a_link_added_or_cleared_from_the_plan_side(cast, plan):
    one = make_project(cast.alice, cast.a_admin)
    two = make_project(cast.alice, cast.a_admin)
    plan["๗.๑.๑"].projects.add(one, two)
    assert _supported(one) == _supported(two) == {"๗"}
    plan["๗.๑.๑"].projects.clear()
    assert _supported(one) == _supported(two) == set()


def test_a_refresh_rebuilds_what_was_lost(cast, plan):
    project = make_project(cast.alice, cast.a_admin, plan_targets=[plan["๑.๑.๒"]])
    SupportedStrategy.objects.all().delete()
    strategies.refresh()
    assert _supported(project) == {"๑"}
