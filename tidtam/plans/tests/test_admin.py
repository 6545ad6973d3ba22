"""The plan set up in the admin goes through the services: audited, and a plan item keeps its
kind, code and place once saved (what projects and indicators are matched on)."""

import pytest
from django.urls import reverse

from tidtam.core import audit
from tidtam.plans.models import KPI, PlanNode
from tidtam.plans.services import plan_node_create

NO_KPIS = {"kpis-TOTAL_FORMS": 0, "kpis-INITIAL_FORMS": 0}


@pytest.fixture
def tree(cast):
    plan = plan_node_create(actor=cast.root, kind="plan", code="", title="แผน 20 ปี", parent=None)
    one = plan_node_create(actor=cast.root, kind="strategy", code="1", title="ปลอดภัย", parent=plan)
    two = plan_node_create(actor=cast.root, kind="strategy", code="2", title="สีเขียว", parent=plan)
    return plan, one, two


def test_a_plan_item_added_in_the_admin_is_recorded(admin_client, tree):
    plan, _one, _two = tree
    data = {"kind": "strategy", "code": "3", "title": "ทันสมัย", "parent": plan.pk, **NO_KPIS}
    response = admin_client.post(reverse("admin:plans_plannode_add"), data)
    assert response.status_code == 302
    node = PlanNode.objects.get(code="3")
    assert [e.action for e in audit.changes_to(node)] == ["plans.plannode.created"]


def test_only_the_title_of_a_saved_plan_item_changes_and_that_is_recorded(admin_client, tree):
    _plan, one, two = tree
    url = reverse("admin:plans_plannode_change", args=[one.pk])
    assert admin_client.get(url).status_code == 200
    data = {
        "kind": "plan", "code": "9", "title": "ปลอดภัยทุกคน", "parent": two.pk,
        "loaded_version": 1, **NO_KPIS,
    }  # fmt: skip
    assert admin_client.post(url, data).status_code == 302
    one.refresh_from_db()
    assert (one.kind, one.code, one.parent_id, one.title) == (
        "strategy", "1", _plan.pk, "ปลอดภัยทุกคน",
    )  # fmt: skip
    assert audit.changes_to(one)[0].action == "plans.plannode.changed"


def test_a_kpi_added_under_its_target_in_the_admin_is_recorded(admin_client, cast, tree):
    _plan, one, _two = tree
    sub = plan_node_create(actor=cast.root, kind="sub_strategy", code="1.1", title="ก", parent=one)
    target = plan_node_create(actor=cast.root, kind="target", code="1.1.1", title="ข", parent=sub)
    url = reverse("admin:plans_plannode_change", args=[target.pk])
    data = {
        "title": "ข",
        "loaded_version": 1,
        "kpis-TOTAL_FORMS": 1,
        "kpis-INITIAL_FORMS": 0,
        "kpis-0-fiscal_year": 2569,
        "kpis-0-title": "ร้อยละของถนนที่มีไฟส่องสว่าง",
    }
    assert admin_client.post(url, data).status_code == 302
    kpi = KPI.objects.get(target=target)
    assert [e.action for e in audit.changes_to(kpi)] == ["plans.kpi.created"]


def test_a_plan_item_retitled_by_someone_else_meanwhile_is_refused(admin_client, cast, tree):
    from tidtam.core.testing import page_of
    from tidtam.plans.services import plan_node_update

    _plan, one, _two = tree
    url = reverse("admin:plans_plannode_change", args=[one.pk])
    stale = {"title": "ปลอดภัยทุกคน", "loaded_version": 1, **NO_KPIS}
    plan_node_update(actor=cast.root, node=one, title="ปลอดภัยถ้วนหน้า", version=1)
    page = page_of(admin_client.post(url, stale))
    assert "บันทึกรายการนี้ระหว่างที่ท่านกำลังแก้ไข" in page and "ปลอดภัยถ้วนหน้า" in page
    one.refresh_from_db()
    assert (one.title, one.version) == ("ปลอดภัยถ้วนหน้า", 2)
