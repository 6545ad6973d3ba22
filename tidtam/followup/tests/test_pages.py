"""Every follow-up page × role: anonymous → log in, wrong role → 403, right role → 200;
query counts pinned on the lists."""

import datetime as dt

import pytest
from django.urls import reverse

from tidtam.core.testing import page_of, visible_text
from tidtam.projects.tests.factories import add_report, make_project
from tidtam.reports.review import report_return, report_submit
from tidtam.rounds.services import calendar_create

EVERYONE = [
    "alice",
    "anna",
    "ed",
    "bob",
    "bella",
    "bert",
    "carol",
    "cody",
    "chief",
    "root",
    "olive",
]
PAGES = {
    "queue": {"carol", "cody", "root"},
    "dashboard": {"carol", "cody", "ed", "bert", "chief", "root"},
    # a list of one's own drafts and the public calendar: anyone logged in (empty for most)
    "my_reports": set(EVERYONE),
    "rounds": set(EVERYONE),
}


@pytest.mark.parametrize(("name", "who"), [(name, who) for name in PAGES for who in EVERYONE])
def test_permission_matrix(client, cast, name, who):
    client.force_login(getattr(cast, who))
    response = client.get(reverse(f"followup:{name}"))
    allowed = who in PAGES[name]
    assert response.status_code == (200 if allowed else 403)


def test_round_page_matrix(client, cast):
    calendar = calendar_create(actor=cast.root, fiscal_year=2566)
    url = reverse("followup:round", kwargs={"pk": calendar.rounds.first().pk})
    assert client.get(url).status_code == 302
    for who, status in [("alice", 403), ("olive", 403), ("carol", 200), ("chief", 200)]:
        client.force_login(getattr(cast, who))
        assert client.get(url).status_code == status
    assert client.get(reverse("followup:round", kwargs={"pk": 999999})).status_code == 404


@pytest.fixture
def many_reports(cast):
    for i in range(8):
        project = make_project(cast.alice, cast.a_admin, name=f"โครงการ {i}")
        first = add_report(cast.alice, project)
        second = add_report(cast.alice, project, date=dt.date(2023, 2, 16))
        report_submit(actor=cast.alice, report=first)
        report_submit(actor=cast.alice, report=second)
        report_return(actor=cast.carol, report=second, comment="แก้ไข")


def test_queue_shows_only_the_coordinators_agencies_in_few_queries(
    client, cast, many_reports, django_assert_max_num_queries
):
    other = make_project(cast.bob, cast.b_admin, name="โครงการจตุจักร")
    report_submit(actor=cast.bob, report=add_report(cast.bob, other))
    client.force_login(cast.carol)
    # session, user, memberships, count, page
    with django_assert_max_num_queries(6):
        response = client.get(reverse("followup:queue"))
    page = page_of(response)
    assert page.text.count("รายงานครั้งที่ 1") == 8
    assert "โครงการจตุจักร" not in visible_text(response)
    client.force_login(cast.cody)
    assert "โครงการจตุจักร" in visible_text(client.get(reverse("followup:queue")))


def test_my_reports_in_few_queries(client, cast, many_reports, django_assert_max_num_queries):
    client.force_login(cast.alice)
    with django_assert_max_num_queries(6):
        page = page_of(client.get(reverse("followup:my_reports")))
    assert page.count("แก้ไข") >= 8
    client.force_login(cast.bob)
    assert "โครงการ 1" not in visible_text(client.get(reverse("followup:my_reports")))


def test_round_page_in_few_queries(client, cast, many_reports, django_assert_max_num_queries):
    calendar = calendar_create(actor=cast.root, fiscal_year=2566)
    url = reverse("followup:round", kwargs={"pk": calendar.rounds.get(number=4).pk})
    client.force_login(cast.carol)
    with django_assert_max_num_queries(9):
        page = page_of(client.get(url))
    assert page.count("badge-round-") == 8


def test_an_admin_edits_the_calendar_in_the_admin_site(client, cast):
    from tidtam.orgs.testing import make_user

    calendar = calendar_create(actor=cast.root, fiscal_year=2566)
    superuser = make_user("super", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    url = reverse("admin:rounds_roundcalendar_change", args=[calendar.pk])
    page = page_of(client.get(url))
    assert "rounds-TOTAL_FORMS" in page
    assert client.get(reverse("admin:rounds_reopening_changelist")).status_code == 200
