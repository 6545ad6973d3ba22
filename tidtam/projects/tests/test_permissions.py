"""Every URL × every role: anonymous → login, another unit → 404, wrong role → 403."""

import pytest
from django.urls import reverse

from tidtam.core.testing import visible_text
from tidtam.projects.tests.factories import add_report, make_project

A_READERS = {"alice", "anna", "ed", "carol", "chief", "root"}
A_EDITORS = {"alice", "anna", "root"}
CREATORS = {"alice", "anna", "bob", "bella", "root"}
COORDINATORS = {"carol", "cody", "root"}
OUTSIDERS = {"bob", "bella", "bert", "cody", "olive"}
EVERYONE = A_READERS | OUTSIDERS


def _expected_for_project_page(username):
    return 200 if username in A_READERS else 404


def _expected_for_edit(username):
    if username in A_EDITORS:
        return 200
    return 403 if username in A_READERS else 404


MATRIX = [
    ("projects:list", False, lambda u: 200),
    ("projects:create", False, lambda u: 200 if u in CREATORS else 403),
    ("followup:follow_up", False, lambda u: 200 if u in COORDINATORS else 403),
    ("projects:detail", True, _expected_for_project_page),
    ("projects:edit", True, _expected_for_edit),
    ("reports:add", True, _expected_for_edit),
    ("reports:edit", True, _expected_for_edit),
]


@pytest.fixture
def project(cast):
    project = make_project(cast.alice, cast.a_admin)
    add_report(cast.alice, project)
    return project


def _url(name, needs_project, project):
    if not needs_project:
        return reverse(name)
    kwargs = {"code": project.code}
    if name == "reports:edit":
        kwargs["number"] = 1
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize(("name", "needs_project", "expected"), MATRIX)
@pytest.mark.parametrize("username", sorted(EVERYONE))
def test_permission_matrix(client, cast, project, name, needs_project, expected, username):
    client.force_login(getattr(cast, username))
    response = client.get(_url(name, needs_project, project))
    assert response.status_code == expected(username)


@pytest.mark.parametrize(("name", "needs_project", "expected"), MATRIX)
def test_anonymous_is_sent_to_login(client, project, name, needs_project, expected):
    response = client.get(_url(name, needs_project, project))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["projects:edit", "reports:add"])
def test_posting_to_another_units_project_is_a_404_and_changes_nothing(client, cast, project, name):
    client.force_login(cast.bob)
    response = client.post(reverse(name, kwargs={"code": project.code}), {"name": "ของเขา"})
    assert response.status_code == 404
    project.refresh_from_db()
    assert project.name == "โครงการทดสอบ"
    assert project.reports.count() == 1


def test_lists_show_only_readable_projects(client, cast, project):
    make_project(cast.bob, cast.b_admin, name="โครงการของจตุจักร")
    client.force_login(cast.carol)
    page = visible_text(client.get(reverse("projects:list")))
    assert project.code in page
    assert "โครงการของจตุจักร" not in page
    client.force_login(cast.chief)
    page = visible_text(client.get(reverse("projects:list")))
    assert project.code in page and "โครงการของจตุจักร" in page
