"""Two officers edit the same project: the second save, made from a page loaded before the
first, is refused with what the other changed, and their own change is put back for them."""

import pytest
from django.urls import reverse

from tidtam.core.models import AuditEntry
from tidtam.core.testing import form_data, page_of, session
from tidtam.projects.models import Project

SAMPLE = "50310000-2961"
URL = reverse("projects:edit", kwargs={"code": SAMPLE})


@pytest.fixture
def officers(demo):
    return session("reporter"), session("approver")


def test_the_second_save_is_refused_and_nothing_is_overwritten(officers):
    first, second = officers
    mine, theirs = form_data(first.get(URL)), form_data(second.get(URL))
    old_name = Project.objects.get(code=SAMPLE).name
    assert first.post(URL, {**mine, "name": "โครงการชื่อใหม่"}).status_code == 302
    entries = AuditEntry.objects.count()

    refused = second.post(URL, {**theirs, "responsible_person": "นางสาวมาลี รักงาน"})

    assert refused.status_code == 200
    project = Project.objects.get(code=SAMPLE)
    assert (project.name, project.responsible_person) == ("โครงการชื่อใหม่", "ฝ่ายปกครอง")
    assert AuditEntry.objects.count() == entries  # nothing recorded: nothing saved
    page = page_of(refused)
    assert 'id="stale-edit"' in page and "นายสมชาย ใจดี" in page  # who saved first
    assert old_name in page.text and "โครงการชื่อใหม่" in page.text  # what they changed


def test_the_refused_user_saves_their_own_change_on_top_of_the_other(officers):
    first, second = officers
    mine, theirs = form_data(first.get(URL)), form_data(second.get(URL))
    first.post(URL, {**mine, "name": "โครงการชื่อใหม่"})
    refused = second.post(URL, {**theirs, "responsible_person": "นางสาวมาลี รักงาน"})

    again = form_data(refused)  # the page puts their change back on the current values
    assert again["name"] == "โครงการชื่อใหม่" and again["responsible_person"] == "นางสาวมาลี รักงาน"
    assert second.post(URL, again).status_code == 302

    project = Project.objects.get(code=SAMPLE)
    assert (project.name, project.responsible_person) == ("โครงการชื่อใหม่", "นางสาวมาลี รักงาน")
    assert project.version == 3


def test_when_both_changed_the_same_field_the_page_says_so_and_keeps_theirs_below(officers):
    first, second = officers
    mine, theirs = form_data(first.get(URL)), form_data(second.get(URL))
    first.post(URL, {**mine, "name": "ชื่อของคนแรก"})
    refused = second.post(URL, {**theirs, "name": "ชื่อของคนที่สอง"})
    assert "ท่านแก้ไขช่องนี้ด้วย" in page_of(refused)
    assert form_data(refused)["name"] == "ชื่อของคนที่สอง"
    assert Project.objects.get(code=SAMPLE).name == "ชื่อของคนแรก"
