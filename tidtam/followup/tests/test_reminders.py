"""The daily digest: what each person is told, and never more than one e-mail a day."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from tidtam.followup.models import DigestSent
from tidtam.followup.reminders import digest_for, send_digests
from tidtam.projects.tests.factories import add_report, make_project
from tidtam.reports.review import report_submit
from tidtam.rounds.services import calendar_create

# FY2566, due day 5: the January round is due on 5 Feb 2023, December's on 5 Jan 2023
BEFORE_DUE = dt.date(2023, 2, 3)


@pytest.fixture
def city(cast):
    for username in ["alice", "anna", "carol", "cody", "bob"]:
        user = getattr(cast, username)
        user.email = f"{username}@example.org"
        user.save()
    reported = make_project(cast.alice, cast.a_admin, name="โครงการที่รายงานแล้ว")
    silent = make_project(cast.alice, cast.a_admin, name="โครงการที่ยังไม่รายงาน")
    report = add_report(cast.alice, reported, date=dt.date(2023, 1, 16))
    report_submit(actor=cast.alice, report=report)
    calendar_create(actor=cast.root, fiscal_year=2566, due_day=5)
    return reported, silent


def _lines(digest):
    return [line for _title, lines in digest.sections for line in lines]


def test_a_reporter_hears_of_projects_without_a_report_before_the_due_date(cast, city):
    reported, silent = city
    lines = _lines(digest_for(cast.alice, BEFORE_DUE))
    assert any(silent.code in line for line in lines)
    assert not any(reported.code in line for line in lines)


def test_nothing_for_a_reporter_when_no_due_date_is_near(cast, city):
    assert digest_for(cast.alice, dt.date(2023, 1, 20)).sections == []


def test_a_coordinator_hears_of_overdue_projects_and_reports_to_review(cast, city):
    reported, silent = city
    digest = digest_for(cast.carol, BEFORE_DUE)
    titles = [title for title, _lines in digest.sections]
    assert len(titles) == 2
    overdue, waiting = (lines for _title, lines in digest.sections)
    assert any(silent.code in line for line in overdue)  # December round, due 5 Jan
    assert any(reported.code in line for line in waiting)
    assert digest_for(cast.cody, BEFORE_DUE).sections == []  # another agency's coordinator


def test_one_email_per_person_per_day(cast, city):
    first = send_digests(BEFORE_DUE)
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["alice@example.org", "anna@example.org", "carol@example.org"]
    assert first["sent"] == 3
    again = send_digests(BEFORE_DUE)
    assert again["sent"] == 0
    assert again["already"] == 3
    assert len(mail.outbox) == 3
    assert DigestSent.objects.count() == 3
    send_digests(BEFORE_DUE + dt.timedelta(days=1))  # the next day: a new digest
    assert len(mail.outbox) == 6
    message = mail.outbox[0]
    assert message.subject == "ระบบติดตาม: รายงานที่ต้องติดตาม ประจำวันที่ 03/02/2566"
    assert "เรียน" in message.body


def test_a_failure_for_one_person_does_not_stop_the_others(cast, city, monkeypatch):
    from tidtam.followup import reminders

    real = reminders.digest_for

    def broken(user, today, **kwargs):
        if user.username == "alice":
            raise RuntimeError("boom")
        return real(user, today, **kwargs)

    monkeypatch.setattr(reminders, "digest_for", broken)
    counts = send_digests(BEFORE_DUE)
    assert counts["failed"] == 1
    assert counts["sent"] == 2
    assert not DigestSent.objects.filter(user=cast.alice).exists()


def test_the_command_and_its_dry_run(cast, city, capsys):
    call_command("send_reminders", "--today", "2023-02-03", "--dry-run")
    assert mail.outbox == []
    call_command("send_reminders", "--today", "2023-02-03")
    assert len(mail.outbox) == 3
    assert "sent 3" in capsys.readouterr().out
