"""Project codes: assigned by the system; an import of the old system keeps the printed one."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tidtam.core import chain
from tidtam.core.models import AuditEntry
from tidtam.projects.models import Project
from tidtam.projects.services import NewProject, RowRefused, project_create_all
from tidtam.projects.tests.factories import make_project, project_fields


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


def _new(unit, **overrides):
    return NewProject(**project_fields(unit, **overrides))


def test_many_projects_at_once_number_on_and_each_has_its_audit_entry(cast):
    make_project(cast.carol, cast.a_admin, code="50310000-0345", importing=True)
    made = project_create_all(
        actor=cast.carol,
        projects=[_new(cast.a_admin), _new(cast.a_admin, code="50310000-400"), _new(cast.a_admin)],
        importing=True,
    )
    assert [p.code for p in made] == ["50310000-346", "50310000-400", "50310000-401"]
    assert all(p.figures.report_count == 0 for p in made)
    entries = AuditEntry.objects.filter(action="projects.project.created").order_by("id")
    assert [e.target_id for e in entries][1:] == [p.pk for p in made]
    assert entries.last().changes["code"] == [None, "50310000-401"]
    assert chain.verify()[2] is None


@pytest.mark.parametrize(
    ("codes", "refused"),
    [
        (["50310000-0345", None], 0),  # taken already
        ([None, "50310000-9", "50310000-09"], 2),  # the same running number twice
        ([None, "50310000-346"], 1),  # the number just assigned
    ],
)
def test_a_clash_names_the_refused_project_and_nothing_is_saved(cast, codes, refused):
    make_project(cast.carol, cast.a_admin, code="50310000-0345", importing=True)
    before = AuditEntry.objects.count()
    with pytest.raises(RowRefused) as caught:
        project_create_all(
            actor=cast.carol,
            projects=[_new(cast.a_admin, code=code) for code in codes],
            importing=True,
        )
    assert caught.value.index == refused
    assert caught.value.error.messages  # Django's "… already exists", as full_clean says it
    assert Project.objects.count() == 1 and AuditEntry.objects.count() == before


def test_a_project_refused_in_a_batch_says_why_as_project_create_does(cast):
    with pytest.raises(RowRefused) as caught:
        project_create_all(
            actor=cast.carol,
            projects=[_new(cast.a_admin), _new(cast.a_admin, end_date=dt.date(2022, 9, 1))],
            importing=True,
        )
    assert caught.value.index == 1 and "end_date" in caught.value.error.error_dict
    assert not Project.objects.exists()
