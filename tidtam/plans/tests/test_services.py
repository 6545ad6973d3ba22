"""The plan set up through the services: admins only, each level under the one above it,
audited."""

import pytest
from django.core.exceptions import ValidationError

from tidtam.core import audit
from tidtam.plans.services import kpi_create, plan_node_create, plan_node_update


def test_the_plan_is_built_level_by_level_and_recorded(cast):
    plan = plan_node_create(actor=cast.root, kind="plan", code="", title="แผน 20 ปี", parent=None)
    strategy = plan_node_create(actor=cast.root, kind="strategy", code="๗", title="ก", parent=plan)
    with pytest.raises(ValidationError):
        plan_node_create(actor=cast.root, kind="target", code="๗.๑", title="ข", parent=strategy)
    with pytest.raises(ValidationError):
        kpi_create(actor=cast.root, target=strategy, fiscal_year=2566, title="ตัวชี้วัด")
    plan_node_update(actor=cast.root, node=strategy, title="ค")
    assert [e.action for e in audit.changes_to(strategy)] == [
        "plans.plannode.changed",
        "plans.plannode.created",
    ]
    assert strategy.code_key == "7"


def test_only_an_admin_sets_up_the_plan(cast):
    with pytest.raises(ValidationError):
        plan_node_create(actor=cast.carol, kind="plan", code="", title="แผน", parent=None)
