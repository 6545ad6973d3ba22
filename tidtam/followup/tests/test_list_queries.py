"""Every list page of projects and reports in a pinned number of queries, the same with three
times the rows: the count and the page, never a query per row; and none through a server-side
cursor (on PostgreSQL a select's options were read that way: three round trips for one)."""

import datetime as dt
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tidtam.projects.tests.factories import add_report, make_project
from tidtam.reports.review import report_return, report_submit
from tidtam.rounds.services import calendar_create

# (who, page, query string, queries): session, user with memberships, then the page's own
PAGES = [
    ("alice", "projects:list", {}, 8),  # + count, page, the filters' choices, may create
    ("chief", "projects:list", {"q": "โครงการ", "fiscal_year": "2566"}, 7),
    ("carol", "followup:queue", {}, 6),  # + count, page, the plans in force and their months
    ("alice", "followup:my_reports", {}, 4),
    ("carol", "followup:follow_up", {}, 3),
    ("carol", "followup:rounds", {}, 4),
    ("carol", "followup:round", {}, 8),
    ("chief", "followup:dashboard", {"fy": "2566"}, 5),
]


def _grow(cast, count: int) -> None:
    """Projects in both agencies, each with a report waiting and one returned, filed while
    their round (January 2566) is open."""
    with mock.patch("django.utils.timezone.localdate", return_value=dt.date(2023, 1, 20)):
        _add(cast, count)


def _add(cast, count: int) -> None:
    for i in range(count):
        for user, unit in ((cast.alice, cast.a_admin), (cast.bob, cast.b_admin)):
            project = make_project(user, unit, name=f"โครงการที่ {i}")
            first = add_report(user, project)
            second = add_report(user, project, date=dt.date(2023, 1, 18))
            report_submit(actor=user, report=first)
            report_submit(actor=user, report=second)
            report_return(
                actor=cast.carol if unit == cast.a_admin else cast.cody,
                report=second,
                comment="แก้ไข",
            )


def _queries(client, cast, who: str, page: str, params: dict, round_pk: int) -> int:
    client.force_login(getattr(cast, who))
    url = reverse(page, kwargs={"pk": round_pk} if page == "followup:round" else None)
    with CaptureQueriesContext(connection) as sql:
        assert client.get(url, params).status_code == 200
    assert not [q["sql"] for q in sql if q["sql"].startswith("DECLARE")]
    return len(sql)


@pytest.mark.parametrize(("who", "page", "params", "pinned"), PAGES)
def test_list_pages_take_a_pinned_number_of_queries_whatever_their_rows(
    client, cast, who, page, params, pinned
):
    round_pk = calendar_create(actor=cast.root, fiscal_year=2566).rounds.get(number=4).pk
    _grow(cast, 3)
    few = _queries(client, cast, who, page, params, round_pk)
    _grow(cast, 6)
    many = _queries(client, cast, who, page, params, round_pk)
    assert (few, many) == (pinned, pinned)
