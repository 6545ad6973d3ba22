"""The admin site refuses what names no row with the form's error, never a 500."""

import pytest
from django.urls import reverse

from tidtam.orgs.models import Unit
from tidtam.plans.models import PlanNode


@pytest.fixture
def admin_client(client, cast):
    cast.root.is_staff = cast.root.is_superuser = True
    cast.root.save()
    client.force_login(cast.root)
    return client


@pytest.mark.parametrize("parent", ["abc", " ", "9" * 30, "-1", "1\x00"])
@pytest.mark.parametrize(
    ("url", "data", "model"),
    [
        ("admin:orgs_unit_add", {"kind": "division", "name": "ฝ่ายใหม่"}, Unit),
        ("admin:plans_plannode_add", {"kind": "plan", "code": "1", "title": "แผน"}, PlanNode),
    ],
)
def test_a_parent_that_names_no_row_is_refused_next_to_the_field(
    admin_client, url, data, model, parent
):
    before = model.objects.count()
    data = {**data, "parent": parent}
    if model is PlanNode:
        data.update({f"kpis-{k}": v for k, v in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0))})
    response = admin_client.post(reverse(url), data)
    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
    assert model.objects.count() == before
