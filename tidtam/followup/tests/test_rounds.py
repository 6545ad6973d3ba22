"""Rounds against the database: the lock refuses new reports, a reopening lifts it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tidtam.core.models import AuditEntry
from tidtam.core.testing import page_of
from tidtam.projects.tests.factories import add_report, make_project
from tidtam.rounds.models import ReportingRound
from tidtam.rounds.services import calendar_create, check_round_open, round_reopen

TODAY = dt.date(2023, 1, 20)


@pytest.fixture
def calendar(cast):
    return calendar_create(actor=cast.root, fiscal_year=2566, due_day=5, lock_after_days=10)


@pytest.fixture
def november(calendar):
    return calendar.rounds.get(number=2)  # reports dated Nov 2022, due 5 Dec, lock after 15 Dec


@pytest.fixture
def project(cast):
    return make_project(cast.alice, cast.a_admin)


def test_the_calendar_is_twelve_rounds_and_only_an_admin_makes_it(cast, calendar):
    assert calendar.rounds.count() == 12
    with pytest.raises(PermissionDenied):
        calendar_create(actor=cast.carol, fiscal_year=2567)
    with pytest.raises(ValidationError):
        calendar_create(actor=cast.root, fiscal_year=2566)


def test_a_locked_round_refuses_and_says_who_can_reopen(project, november):
    check_round_open(project=project, date=dt.date(2022, 11, 20), today=dt.date(2022, 12, 15))
    with pytest.raises(ValidationError) as refusal:
        check_round_open(project=project, date=dt.date(2022, 11, 20), today=dt.date(2022, 12, 16))
    message = refusal.value.message_dict["date"][0]
    assert "05/12/2565" in message
    assert "ผู้ประสานงาน" in message or "coordinator" in message


def test_report_add_refuses_a_report_in_a_locked_round(cast, project, november):
    with pytest.raises(ValidationError) as refusal:
        add_report(cast.alice, project, date=dt.date(2022, 11, 20))
    assert "date" in refusal.value.message_dict


def test_an_admin_is_not_held_by_the_lock(cast, project, november):
    assert add_report(cast.root, project, date=dt.date(2022, 11, 20)).number == 1


def test_no_calendar_no_lock(cast, project):
    assert add_report(cast.alice, project, date=dt.date(2022, 11, 20)).number == 1


@pytest.mark.parametrize("where", ["project", "unit", "agency"])
def test_a_coordinator_reopens_for_a_project_or_a_unit(cast, project, november, where, settings):
    target = {
        "project": {"project": project},
        "unit": {"unit": cast.a_admin},
        "agency": {"unit": cast.a},
    }[where]
    until = dt.date.today() + dt.timedelta(days=3)
    round_reopen(actor=cast.carol, round_=november, reason="ระบบขัดข้อง", until=until, **target)
    assert add_report(cast.alice, project, date=dt.date(2022, 11, 20)).number == 1
    entry = AuditEntry.objects.get(action="rounds.round.reopened")
    assert entry.actor == cast.carol
    assert entry.changes["reason"] == [None, "ระบบขัดข้อง"]


def test_a_reopening_for_another_unit_does_not_help(cast, project, november):
    until = dt.date.today() + dt.timedelta(days=3)
    round_reopen(actor=cast.carol, round_=november, reason="x", until=until, unit=cast.a_works)
    with pytest.raises(ValidationError):
        add_report(cast.alice, project, date=dt.date(2022, 11, 20))


@pytest.mark.parametrize("who", ["alice", "anna", "ed", "cody", "chief"])
def test_only_the_agencys_coordinator_reopens(cast, project, november, who):
    with pytest.raises(PermissionDenied):
        round_reopen(
            actor=getattr(cast, who),
            round_=november,
            reason="x",
            until=dt.date.today(),
            project=project,
        )


def test_a_reopening_needs_a_reason(cast, project, november):
    with pytest.raises(ValidationError) as refusal:
        round_reopen(
            actor=cast.carol, round_=november, reason=" ", until=dt.date.today(), project=project
        )
    assert "reason" in refusal.value.message_dict


def test_round_page_shows_on_time_late_and_missing(client, cast):
    from django.utils import timezone

    from tidtam.reports.models import ProgressReport

    on_time, late, missing = (make_project(cast.alice, cast.a_admin) for _ in range(3))
    first = add_report(cast.alice, on_time, date=dt.date(2022, 11, 10))
    second = add_report(cast.alice, late, date=dt.date(2022, 11, 10))
    tz = timezone.get_current_timezone()
    ProgressReport.objects.filter(pk=first.pk).update(
        first_submitted_at=dt.datetime(2022, 12, 5, 23, 0, tzinfo=tz)
    )
    ProgressReport.objects.filter(pk=second.pk).update(
        first_submitted_at=dt.datetime(2022, 12, 6, 0, 30, tzinfo=tz)
    )
    calendar = calendar_create(actor=cast.root, fiscal_year=2566, due_day=5)
    november = ReportingRound.objects.get(calendar=calendar, number=2)
    client.force_login(cast.carol)
    page = page_of(client.get(reverse("followup:round", kwargs={"pk": november.pk})))
    for project, state in [(on_time, "on_time"), (late, "late"), (missing, "missing")]:
        row = page.split(project.code, 1)[1].split("</tr>", 1)[0]
        assert f"badge-round-{state}" in row
    client.force_login(cast.cody)
    page = page_of(client.get(reverse("followup:round", kwargs={"pk": november.pk})))
    assert on_time.code not in page
    client.force_login(cast.alice)
    assert client.get(reverse("followup:round", kwargs={"pk": november.pk})).status_code == 403


def test_reopen_through_the_page(client, cast, project, november):
    client.force_login(cast.carol)
    url = reverse("followup:round", kwargs={"pk": november.pk})
    day = dt.date.today() + dt.timedelta(days=2)
    until = f"{day:%d/%m}/{day.year + 543}"
    response = client.post(url, {"project": project.code, "reason": "ไฟดับ", "until": until})
    assert response.status_code == 302
    assert "ไฟดับ" in page_of(client.get(url))
    assert november.reopenings.get().project == project
    # another agency's coordinator: neither the reopening nor the project exist for them
    client.force_login(cast.cody)
    assert "ไฟดับ" not in page_of(client.get(url))
    response = client.post(url, {"project": project.code, "reason": "x", "until": until})
    assert response.status_code == 200
    assert november.reopenings.count() == 1
    # a reporter may not reopen at all
    client.force_login(cast.alice)
    response = client.post(url, {"project": project.code, "reason": "x", "until": until})
    assert response.status_code == 403
