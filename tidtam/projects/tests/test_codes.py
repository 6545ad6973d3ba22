"""Project codes: assigned by the system; an import of the old system keeps the printed one."""

import pytest
from django.core.exceptions import ValidationError

from tidtam.core.models import AuditEntry
from tidtam.projects.models import Project
from tidtam.projects.tests.factories import make_project


def test_the_system_assigns_the_next_running_number(cast):
    first = make_project(cast.alice, cast.a_admin)
    second = make_project(cast.alice, cast.a_admin)
    assert (first.code, second.code) == ("50310000-1", "50310000-2")


def test_an_import_keeps_the_printed_code_with_its_leading_zeros(cast):
    project = make_project(cast.carol, cast.a_admin, code="50310000-0345", importing=True)
    assert (project.code, project.running_number) == ("50310000-0345", 345)
    created = AuditEntry.objects.get(action="projects.project.created")
    assert created.changes["code"] == [None, "50310000-0345"]  # the recorded code is the kept one


@pytest.mark.parametrize(
    ("who", "code", "importing"),
    [
        ("alice", "50310000-7", False),  # a reporter does not choose codes
        ("carol", "50300000-7", True),  # another agency's code
        ("carol", "50310000-๗", True),  # not digits as the old system printed them
        ("carol", "50310000-", True),
    ],
)
def test_a_code_that_may_not_be_kept_is_refused_and_nothing_is_saved(cast, who, code, importing):
    with pytest.raises(ValidationError):
        make_project(getattr(cast, who), cast.a_admin, code=code, importing=importing)
    assert not Project.objects.exists() and not AuditEntry.objects.exists()
