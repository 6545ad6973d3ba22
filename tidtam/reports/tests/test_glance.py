"""The project at a glance: its figures against the reports, the round's state, and the one next
action for each role; the project page shows it, offers submit beside a draft, and each review
step says what it did."""

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.urls import reverse

from tidtam.core.testing import Page, page_of, session
from tidtam.projects.tests.factories import add_report, make_project
from tidtam.reports.glance import glance
from tidtam.reports.review import report_accept, report_return, report_submit
from tidtam.rounds import rules
from tidtam.rounds.services import calendar_create

# round 4 of FY2566 is January 2566 (2023), due 5 February
IN_JANUARY = dt.date(2023, 1, 20)
AFTER_DUE = dt.date(2023, 2, 6)
FILE = "บันทึกรายงานของรอบนี้"


def _glance_text(page) -> str:
    """The text of the glance block of a project page."""
    start = page.index('<section class="glance"')
    return Page(page[start : page.index("</section>", start)]).text


@pytest.fixture(autouse=True)
def _january():
    """Today is in round 4, open: reports may be added to it."""
    with mock.patch("django.utils.timezone.localdate", return_value=IN_JANUARY):
        yield


def _client(username):
    return session(username, "pw")


@pytest.fixture
def project(cast):
    calendar_create(actor=cast.root, fiscal_year=2566, due_day=5, lock_after_days=10)
    return make_project(cast.alice, cast.a_admin, budget_received=Decimal("1250000.00"))


def _glance(user, project, today):
    project.refresh_from_db()
    return glance(user, project, list(project.reports.order_by("number")), today)


def test_the_figures_are_those_of_the_reports(cast, project):
    add_report(cast.alice, project, date=dt.date(2023, 1, 10), budget_disbursed=Decimal("250000"))
    add_report(
        cast.alice,
        project,
        date=dt.date(2023, 1, 16),
        progress_percent=Decimal("45.50"),
        budget_disbursed=Decimal("125000.50"),
        plan_status="behind_plan",
        target_status="off_target",
    )
    seen = _glance(cast.alice, project, IN_JANUARY)
    assert seen.progress == Decimal("45.50")
    assert seen.budget_used == Decimal("375000.50")
    assert seen.budget_received == Decimal("1250000.00")
    assert seen.used_percent == Decimal("30.00")  # 375,000.50 of 1,250,000
    assert seen.latest.number == 2
    assert (seen.latest.plan_status, seen.latest.target_status) == ("behind_plan", "off_target")
    assert seen.latest.status == "draft"


def test_the_round_is_last_months_until_it_locks_then_this_months(cast, project):
    seen = _glance(cast.alice, project, IN_JANUARY)  # December's round locked on 15 January
    assert (seen.round.round.number, seen.round.state) == (4, rules.NOT_DUE)
    assert seen.round.round.due_date == dt.date(2023, 2, 5)
    seen = _glance(cast.alice, project, AFTER_DUE)  # January's: past due, open until the 15th
    assert (seen.round.round.number, seen.round.state) == (4, rules.MISSING)
    report = add_report(cast.alice, project, date=dt.date(2023, 1, 16))
    assert _glance(cast.alice, project, AFTER_DUE).round.state == rules.MISSING  # a draft
    submitted_on = dt.datetime(2023, 1, 20, 3, tzinfo=dt.UTC)
    with mock.patch("django.utils.timezone.now", return_value=submitted_on):
        report_submit(actor=cast.alice, report=report)
    seen = _glance(cast.alice, project, dt.date(2023, 2, 3))  # January's is in: February's
    assert (seen.round.round.number, seen.round.state) == (5, rules.NOT_DUE)
    assert _glance(cast.alice, project, IN_JANUARY).round.state == rules.ON_TIME
    # after the project's end, its last round: missing
    seen = _glance(cast.alice, project, dt.date(2023, 10, 20))
    assert (seen.round.round.number, seen.round.state) == (12, rules.MISSING)


def test_the_next_action_follows_the_report_and_the_role(cast, project):
    def action(user, today=IN_JANUARY):
        found = _glance(user, project, today).action
        return found and found.label

    # nothing filed this round: the reporter and the approver file it; nobody else acts
    assert action(cast.alice) == FILE
    assert action(cast.anna) == FILE
    assert action(cast.carol) is None
    assert action(cast.ed) is None
    # the last round after the project's end, locked, is filed no more
    assert action(cast.alice, dt.date(2023, 10, 20)) is None

    report = add_report(cast.alice, project, date=dt.date(2023, 1, 16))
    assert action(cast.alice) == "ส่งรายงานครั้งที่ 1 ให้ตรวจ"
    assert _glance(cast.alice, project, IN_JANUARY).action.report == report
    assert action(cast.carol) is None

    report = report_submit(actor=cast.alice, report=report)
    assert action(cast.alice) is None
    assert action(cast.carol) == "ตรวจรายงานครั้งที่ 1"
    assert action(cast.ed) is None  # the executive reads

    report = report_return(actor=cast.carol, report=report, comment="แนบภาพถ่าย")
    assert action(cast.alice) == "แก้ไขและส่งรายงานครั้งที่ 1 อีกครั้ง"
    assert action(cast.carol) is None

    report = report_submit(actor=cast.alice, report=report)
    report_accept(actor=cast.carol, report=report)
    assert action(cast.alice) is None  # filed for this round
    assert action(cast.carol) is None


def _today(day):
    return mock.patch("django.utils.timezone.localdate", return_value=day)


def test_the_project_page_shows_the_glance_and_the_action(cast, project):
    add_report(cast.alice, project, date=dt.date(2023, 1, 16), budget_disbursed=Decimal("250000"))
    url = project.get_absolute_url()
    with _today(AFTER_DUE):
        page = page_of(_client("alice").get(url))
    text = " ".join(_glance_text(page).split())
    assert '<progress max="100" value="20.00"' in page
    assert "20.00 %" in text
    assert "250,000.00 / 1,250,000.00 บาท" in text
    assert "รอบที่ 4 กำหนดส่ง 5 ก.พ. 2566" in text  # in the Buddhist Era
    assert "ยังไม่ส่ง" in text  # a draft is not a report: the round's report is missing
    assert "รายงานครั้งที่ 1 ฉบับร่าง" in text or "รายงานครั้งที่ 1" in text
    submit = reverse(
        "reports:review", kwargs={"code": project.code, "number": 1, "action": "submit"}
    )
    assert page.count(f'action="{submit}"') == 2  # the glance's next action, and by the report
    # the executive reads the same figures without an action; another agency gets a 404
    with _today(AFTER_DUE):
        page = page_of(_client("ed").get(url))
    assert "250,000.00 / 1,250,000.00 บาท" in " ".join(_glance_text(page).split())
    assert "glance-action" not in page and f'action="{submit}"' not in page
    assert _client("bob").get(url).status_code == 404


def test_empty_sections_say_not_filled_in(cast):
    project = make_project(
        cast.alice, cast.a_admin, rationale="<p>เหตุผล</p>", objectives="", targets="<p> </p>"
    )
    page = page_of(_client("alice").get(project.get_absolute_url()))
    assert page.text.count("ยังไม่ได้กรอก") == 2  # 1.4 and 1.5; 1.3 is filled in


def test_submit_from_the_project_page_then_return_and_accept_each_say_so(cast, project):
    report = add_report(cast.alice, project, date=dt.date(2023, 1, 16))
    review = "reports:review"
    kwargs = {"code": project.code, "number": report.number}
    alice, carol = _client("alice"), _client("carol")
    submit = reverse(review, kwargs={**kwargs, "action": "submit"})
    page = page_of(alice.get(project.get_absolute_url()))
    by_report = page[page.index('id="report-1"') :]
    assert f'action="{submit}"' in by_report[: by_report.index("</header>")]
    response = alice.post(submit, {"back": "project"}, follow=True)
    assert response.redirect_chain[-1][0] == f"{project.get_absolute_url()}#report-1"
    said = f"ส่งให้ตรวจแล้ว: รายงานครั้งที่ 1 ของโครงการ {project.code}"
    assert said in page_of(response)

    url = reverse(review, kwargs={**kwargs, "action": "return"})
    text = page_of(carol.post(url, {"comment": "แนบภาพถ่าย"}, follow=True)).text
    assert f"ส่งกลับแล้ว: รายงานครั้งที่ 1 ของโครงการ {project.code}" in text
    alice.post(reverse(review, kwargs={**kwargs, "action": "submit"}))
    url = reverse(review, kwargs={**kwargs, "action": "accept"})
    text = page_of(carol.post(url, follow=True)).text
    assert f"รับรายงานแล้ว: รายงานครั้งที่ 1 ของโครงการ {project.code}" in text
    assert "ส่งให้ตรวจแล้ว" not in text and "ส่งกลับแล้ว" not in text


def test_saving_a_project_says_so(cast, project):
    from tidtam.core.testing import form_data

    alice = _client("alice")
    url = reverse("projects:edit", kwargs={"code": project.code})
    data = {**form_data(alice.get(url)), "responsible_person": "นายสมชาย ใจดี"}
    text = page_of(alice.post(url, data, follow=True)).text
    assert f"บันทึกการแก้ไขโครงการ {project.code} แล้ว" in text


def test_the_glance_costs_one_query_more_whatever_the_reports(
    cast, project, django_assert_max_num_queries
):
    for day in (10, 16, 20):
        add_report(cast.alice, project, date=dt.date(2023, 1, day))
    alice = _client("alice")
    alice.get(project.get_absolute_url())
    # session, memberships, project, its unit's parents, history, reports, plan targets (2),
    # KPIs, the glance's rounds and the operating plan's months (workplans); the reports are
    # read once, for the glance and the list
    with django_assert_max_num_queries(11):
        alice.get(project.get_absolute_url())
