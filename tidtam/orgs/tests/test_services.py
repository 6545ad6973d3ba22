"""Units and people set up through the services: admins only, audited, a unit moved with its
subtree, never under itself."""

import pytest
from django.core.exceptions import ValidationError

from tidtam.core import audit
from tidtam.orgs.models import Unit
from tidtam.orgs.services import person_create, person_update, unit_create, unit_update


def test_a_unit_moves_with_its_subtree_and_the_move_is_recorded(cast):
    section = Unit.objects.create(kind=Unit.Kind.SECTION, name="งานทะเบียน", parent=cast.a_admin)
    unit_update(actor=cast.root, unit=cast.a_admin, parent=cast.b, code="B-ADM2")
    section.refresh_from_db()
    moved = Unit.objects.get(pk=cast.a_admin.pk)
    assert moved.path == f"{cast.b.path}{moved.pk}/"
    assert section.path == f"{moved.path}{section.pk}/"
    [entry] = audit.changes_to(moved)
    assert entry.changes["code"] == ["", "B-ADM2"] and entry.action == "orgs.unit.changed"


def test_a_unit_cannot_move_under_itself(cast):
    with pytest.raises(ValidationError):
        unit_update(actor=cast.root, unit=cast.a, parent=cast.a_admin)
    assert Unit.objects.get(pk=cast.a.pk).parent == cast.city


def test_only_an_admin_sets_up_units_and_people(cast):
    with pytest.raises(ValidationError):
        unit_create(actor=cast.carol, kind="division", name="ฝ่ายใหม่", parent=cast.a)
    with pytest.raises(ValidationError):
        person_update(actor=cast.carol, user=cast.alice, full_name="x")


def test_a_new_person_has_no_password_until_they_set_one(cast):
    user = person_create(actor=cast.root, username="somsak", full_name="นายสมศักดิ์")
    assert not user.has_usable_password()
    assert audit.changes_to(user).get().action == "orgs.user.created"


def test_only_an_admin_sets_another_persons_password(cast):
    from tidtam.orgs.services import password_set

    with pytest.raises(ValidationError):
        password_set(actor=cast.alice, user=cast.bob, password="Yang-Mai-Dai-1")
    cast.bob.refresh_from_db()
    assert not cast.bob.check_password("Yang-Mai-Dai-1")
    assert not audit.history(cast.bob).filter(action="orgs.user.password_set").exists()
