"""Pinned query counts: lists and dashboards do not grow with their rows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tidtam.core.testing import page_of
from tidtam.ita.services import oit, surveys
from tidtam.ita.tests.conftest import all_best

PINNED_INDEX = 9  # measured; the same with three times the assessments
PINNED_ROLES = 8


def test_tracking_queries_do_not_grow(client, ita, django_assert_max_num_queries):
    choices = all_best(ita.iit)
    for n in range(20):
        surveys.response_submit(
            assessment=ita.aa,
            tool=ita.iit,
            code=surveys.code_issue_public(assessment=ita.aa, tool=ita.iit),
            group=ita.civil if n % 2 else ita.employee,
            division=ita.a_admin,
            choices=choices,
        )
    client.force_login(ita.alice)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("ita:tracking", args=[ita.aa.pk])).status_code == 200


def test_oit_checklist_queries_do_not_grow(client, ita, django_assert_max_num_queries):
    for entry in oit.entries(ita.aa):
        oit.entry_fill(
            actor=ita.alice, assessment=ita.aa, entry=entry, has_it=True, note="",
            urls=["https://a.example/1", "https://a.example/2"],
        )  # fmt: skip
    client.force_login(ita.alice)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("ita:oit", args=[ita.aa.pk])).status_code == 200


def test_result_page_queries(client, ita, django_assert_max_num_queries):
    client.force_login(ita.assessor)
    with django_assert_max_num_queries(30):
        assert client.get(reverse("ita:result", args=[ita.aa.pk])).status_code == 200


def test_tracking_fragment_for_htmx(client, ita):
    client.force_login(ita.alice)
    response = client.get(reverse("ita:tracking", args=[ita.aa.pk]), HTTP_HX_REQUEST="true")
    page = page_of(response)
    assert response.status_code == 200
    assert "<html" not in page and "226" in page


def test_ita_lists_take_a_pinned_number_of_queries_whatever_their_rows(client, ita, framework):
    """The assessments and the ITA roles, with two assessments and roles and with more."""
    from tidtam.ita.models import ItaRole
    from tidtam.ita.services import setup
    from tidtam.orgs.models import Unit
    from tidtam.orgs.testing import make_user

    def counts() -> list[int]:
        client.force_login(ita.assessor)
        found = []
        for name in ("ita:index", "ita:roles"):
            with CaptureQueriesContext(connection) as sql:
                assert client.get(reverse(name)).status_code == 200
            found.append(len(sql))
        return found

    few = counts()
    for n in range(4):
        agency = Unit.objects.create(
            kind=Unit.Kind.AGENCY, name=f"สำนักงานเขตทดสอบ {n}", parent=ita.city,
            agency_code=f"5{n}000000",
        )  # fmt: skip
        setup.assessment_create(actor=ita.assessor, framework=framework, agency=agency)
        ItaRole.objects.create(
            user=make_user(f"ita{n}"), role=ItaRole.Role.COORDINATOR, agency=agency
        )
    assert (few, counts()) == ([PINNED_INDEX, PINNED_ROLES], [PINNED_INDEX, PINNED_ROLES])
