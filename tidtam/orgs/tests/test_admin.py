"""The admin site refuses what names no row with the form's error, never a 500."""

import pytest
from django.urls import reverse

from tidtam.core.testing import page_of
from tidtam.orgs.models import Unit
from tidtam.plans.models import PlanNode


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


def _unit_form(unit: Unit, **changes) -> dict:
    data = {
        "kind": unit.kind,
        "name": unit.name,
        "parent": unit.parent_id or "",
        "code": unit.code,
        "agency_code": unit.agency_code,
        "loaded_version": unit.version,
    }
    return {**data, **changes}


def test_a_unit_moved_in_the_admin_takes_its_subtree_and_is_audited(admin_client, cast):
    """A section under ฝ่ายปกครอง of A, moved with its division to agency B: every path follows,
    so B's executive sees it and A's no longer does."""
    from tidtam.core.models import AuditEntry

    section = Unit.objects.create(kind=Unit.Kind.SECTION, name="งานทะเบียน", parent=cast.a_admin)
    url = reverse("admin:orgs_unit_change", args=[cast.a_admin.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, _unit_form(cast.a_admin, parent=cast.b.pk))
    assert response.status_code == 302
    cast.a_admin.refresh_from_db()
    section.refresh_from_db()
    assert cast.a_admin.path == f"{cast.b.path}{cast.a_admin.pk}/"
    assert section.path == f"{cast.a_admin.path}{section.pk}/"
    entry = AuditEntry.objects.get(action="orgs.unit.changed", target_id=cast.a_admin.pk)
    assert entry.actor == cast.root and "parent" in entry.changes


def test_a_unit_put_inside_itself_in_the_admin_is_refused_with_a_message(admin_client, cast):
    url = reverse("admin:orgs_unit_change", args=[cast.a.pk])
    response = admin_client.post(url, _unit_form(cast.a, parent=cast.a_admin.pk), follow=True)
    assert response.status_code == 200
    assert "หน่วยงานอยู่ภายใต้ตัวเองไม่ได้" in page_of(response)
    cast.a.refresh_from_db()
    assert cast.a.parent == cast.city


def _actions(target_type: str) -> list[str]:
    from tidtam.core.models import AuditEntry

    return list(
        AuditEntry.objects.filter(target_type=target_type)
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_a_login_added_in_the_admin_is_recorded_and_can_log_in(admin_client, cast):
    from django.test import Client

    from tidtam.orgs.models import User

    data = {
        "username": "somsri",
        "usable_password": "true",
        "password1": "Kh0ng-Ngai-Ngai",
        "password2": "Kh0ng-Ngai-Ngai",
        "memberships-TOTAL_FORMS": 0,
        "memberships-INITIAL_FORMS": 0,
    }
    response = admin_client.post(reverse("admin:orgs_user_add"), data)
    assert response.status_code == 302
    user = User.objects.get(username="somsri")
    assert _actions("orgs.user")[-1] == "orgs.user.created"
    assert Client().login(username="somsri", password="Kh0ng-Ngai-Ngai")
    assert user.full_name == ""  # given on the next page, recorded as a change


def test_roles_and_access_changed_in_the_admin_are_recorded(admin_client, cast):
    """Giving a role, taking one away and switching a login off: each an audit entry."""
    from tidtam.orgs.models import Membership

    alice = cast.alice
    kept = alice.memberships.get()
    url = reverse("admin:orgs_user_change", args=[alice.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    data = {
        "username": alice.username,
        "full_name": alice.full_name,
        "position": alice.position,
        "email": alice.email,
        "is_staff": "",
        "is_superuser": "",
        "loaded_version": alice.version,
        # is_active left out: switched off
        "memberships-TOTAL_FORMS": 2,
        "memberships-INITIAL_FORMS": 1,
        "memberships-0-id": kept.pk,
        "memberships-0-user": alice.pk,
        "memberships-0-DELETE": "on",
        "memberships-1-user": alice.pk,
        "memberships-1-unit": cast.b_admin.pk,
        "memberships-1-role": "approver",
    }
    assert admin_client.post(url, data).status_code == 302
    alice.refresh_from_db()
    assert not alice.is_active
    assert list(alice.memberships.values_list("unit", "role")) == [(cast.b_admin.pk, "approver")]
    assert not Membership.objects.filter(pk=kept.pk).exists()
    assert _actions("orgs.membership")[-2:] == ["orgs.membership.removed", "orgs.membership.added"]
    assert _actions("orgs.user")[-1] == "orgs.user.changed"


def _password_entries(user) -> list:
    """Who set the person's password or turned it off, and what else the entry holds."""
    from tidtam.core.models import AuditEntry

    return list(
        AuditEntry.objects.filter(action__startswith="orgs.user.password", target_id=user.pk)
        .order_by("id")
        .values_list("action", "actor__username", "changes")
    )


def test_a_password_changed_in_the_admin_is_recorded_never_the_password(admin_client, cast):
    from django.test import Client

    url = reverse("admin:auth_user_password_change", args=[cast.alice.pk])
    new = "Mai-Bok-Khrai-9"
    data = {"usable_password": "true", "password1": new, "password2": new}
    assert admin_client.post(url, data).status_code == 302
    assert Client().login(username="alice", password=new)
    assert _password_entries(cast.alice) == [("orgs.user.password_set", "root", {})]
    # turned off: no password login any more, recorded too
    off = {"usable_password": "false", "unset-password": "1"}
    assert admin_client.post(url, off).status_code == 302
    cast.alice.refresh_from_db()
    assert not cast.alice.has_usable_password()
    assert _password_entries(cast.alice)[-1] == ("orgs.user.password_off", "root", {})


def test_a_person_setting_their_own_password_by_their_link_is_recorded(client, cast):
    from django.test import Client

    from tidtam.orgs.services import password_link

    link = client.get(password_link(cast.olive))
    assert link.status_code == 302  # Django keeps the token in the session
    new = "Tang-Ong-Sawasdee-7"
    done = client.post(link.url, {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert Client().login(username="olive", password=new)
    assert _password_entries(cast.olive) == [("orgs.user.password_set", "olive", {})]


def test_a_unit_or_person_saved_by_someone_else_meanwhile_is_refused_with_what_changed(
    admin_client, cast
):
    """Two admins open the same page; the second to save is told who changed what, and
    nothing of theirs is written over the first's."""
    from tidtam.orgs.services import person_update, unit_update

    unit_url = reverse("admin:orgs_unit_change", args=[cast.a_works.pk])
    opened = admin_client.get(unit_url).content.decode()
    assert '<input type="hidden" name="loaded_version" value="1"' in opened
    stale_unit = _unit_form(cast.a_works, name="ฝ่ายโยธาและระบายน้ำ")
    unit_update(actor=cast.root, unit=cast.a_works, version=1, name="ฝ่ายการโยธา")
    page = page_of(admin_client.post(unit_url, stale_unit))
    assert "บันทึกรายการนี้ระหว่างที่ท่านกำลังแก้ไข" in page and "ฝ่ายการโยธา" in page
    cast.a_works.refresh_from_db()
    assert (cast.a_works.name, cast.a_works.version) == ("ฝ่ายการโยธา", 2)

    person_url = reverse("admin:orgs_user_change", args=[cast.bob.pk])
    opened = admin_client.get(person_url).content.decode()
    assert '<input type="hidden" name="loaded_version" value="1"' in opened
    stale_person = {
        "username": "bob",
        "full_name": "บ๊อบ ใหม่",
        "loaded_version": 1,
        "is_active": "on",
        "memberships-TOTAL_FORMS": 0,
        "memberships-INITIAL_FORMS": 0,
    }
    person_update(actor=cast.root, user=cast.bob, version=1, position="นักวิเคราะห์")
    page = page_of(admin_client.post(person_url, stale_person))
    assert "บันทึกรายการนี้ระหว่างที่ท่านกำลังแก้ไข" in page and "นักวิเคราะห์" in page
    cast.bob.refresh_from_db()
    assert cast.bob.full_name != "บ๊อบ ใหม่" and cast.bob.version == 2


def test_a_save_that_loses_the_race_after_the_forms_check_is_a_message_not_a_500(
    admin_client, cast, monkeypatch
):
    """Someone saves the person between the form's check and the service's: the service's
    own check under the row's lock refuses, and the page says who changed what."""
    from django import forms

    from tidtam.core.adminwidgets import LoadedVersionForm
    from tidtam.core.testing import admin_form_data
    from tidtam.orgs.services import person_update

    url = reverse("admin:orgs_user_change", args=[cast.bob.pk])
    data = admin_form_data(admin_client.get(url))
    person_update(actor=cast.root, user=cast.bob, version=1, position="นักวิเคราะห์")
    monkeypatch.setattr(LoadedVersionForm, "clean", forms.ModelForm.clean)  # the race
    response = admin_client.post(url, {**data, "full_name": "บ๊อบ ใหม่"}, follow=True)
    assert response.status_code == 200
    assert "นักวิเคราะห์" in page_of(response)
    cast.bob.refresh_from_db()
    assert (cast.bob.position, cast.bob.version) == ("นักวิเคราะห์", 2)
    assert cast.bob.full_name != "บ๊อบ ใหม่"


def test_an_admin_changing_their_own_password_is_recorded_and_stays_logged_in(client, cast):
    from django.test import Client

    from tidtam.orgs.testing import make_user

    admin = make_user("somchai", full_name="สมชาย", is_staff=True, is_superuser=True)
    admin.set_password("Kao-Kao-1")
    admin.save()
    assert client.login(username="somchai", password="Kao-Kao-1")
    new = "Mai-Mai-2"
    data = {"old_password": "Kao-Kao-1", "new_password1": new, "new_password2": new}
    done = client.post(reverse("admin:password_change"), data)
    assert done.status_code == 302 and done.url == reverse("admin:password_change_done")
    assert client.get(reverse("admin:index")).status_code == 200  # the session follows
    assert Client().login(username="somchai", password=new)
    assert _password_entries(admin) == [("orgs.user.password_set", "somchai", {})]
    # through the person's own page in the admin: recorded, still logged in
    url = reverse("admin:auth_user_password_change", args=[admin.pk])
    again = {"usable_password": "true", "password1": "Sam-Sam-3", "password2": "Sam-Sam-3"}
    assert client.post(url, again).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
    assert len(_password_entries(admin)) == 2
