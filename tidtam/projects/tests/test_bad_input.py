"""A project name too long is refused with a Thai message (the browser is not told to cut it),
and a name with characters that hide or reorder the text is refused; nothing is saved."""

import re

import pytest
from django.urls import reverse

from tidtam.core.models import AuditEntry
from tidtam.core.testing import page_of
from tidtam.projects.models import Project


@pytest.fixture
def create_form(client, demo):
    client.login(username="reporter", password="demo")
    page = page_of(client.get(reverse("projects:create")))
    unit_id = re.search(r'<option value="(\d+)"[^>]*>สำนักงานเขตบางซื่อ / ฝ่ายปกครอง<', page)[1]
    data = {
        "name": "โครงการจัดระเบียบทางเท้า",
        "fiscal_year": "2567",
        "start_date": "01/10/2566",
        "end_date": "30/09/2567",
        "budget_received": "1000",
        "responsible_unit": unit_id,
        "responsible_person": "นายสมชาย ใจดี",
    }
    return page, data


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "ก" * 5000, "ยาวได้ไม่เกิน 500 ตัวอักษร (ข้อความนี้มี 5000 ตัวอักษร)"),
        ("name", "ก" * 501, "ยาวได้ไม่เกิน 500 ตัวอักษร (ข้อความนี้มี 501 ตัวอักษร)"),
        ("name", "abc\u202egpj.exe", "อักขระที่มองไม่เห็น (U+202E)"),
        ("name", "โครงการ\u200bขุดลอก", "U+200B"),
        ("responsible_person", "ข" * 201, "ยาวได้ไม่เกิน 200 ตัวอักษร"),
    ],
)
def test_a_bad_name_is_refused_next_to_the_field(client, create_form, field, value, message):
    page, data = create_form
    assert not re.search(r'name="(name|responsible_person)"[^>]*maxlength', page)
    before = (Project.objects.count(), AuditEntry.objects.count())
    response = client.post(reverse("projects:create"), {**data, field: value})
    assert response.status_code == 200
    assert message in page_of(response)
    assert f'id="id_{field}_error"' in page_of(response)
    assert (Project.objects.count(), AuditEntry.objects.count()) == before


@pytest.mark.parametrize("field", ["plan_targets", "kpis"])
@pytest.mark.parametrize("value", ["9" * 30, "2147483648000000000000"])
def test_a_choice_past_the_keys_range_is_refused_next_to_the_field(
    client, create_form, field, value
):
    """Found by the fuzz test: Django looked such a value up with IN, a 500 on SQLite."""
    _page, data = create_form
    before = (Project.objects.count(), AuditEntry.objects.count())
    response = client.post(reverse("projects:create"), {**data, field: [value]})
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in page_of(response)
    assert "ไม่ใช่ตัวเลือกที่ใช้ได้" in page_of(response)
    assert (Project.objects.count(), AuditEntry.objects.count()) == before
