"""Two admins edit the same reporting calendar in the admin site: the later save, made from a
page loaded before the first, is refused saying who changed what, and nothing is overwritten or
recorded; the calendar and its rounds are saved through the service, audited and counted."""

import datetime as dt

import pytest
from django.urls import reverse

from tidtam.core.models import AuditEntry
from tidtam.core.testing import admin_form_data, page_of, session
from tidtam.orgs.testing import make_user
from tidtam.rounds.models import RoundCalendar
from tidtam.rounds.services import calendar_create


@pytest.fixture
def calendar(cast):
    return calendar_create(actor=cast.root, fiscal_year=2566, due_day=5, lock_after_days=10)


@pytest.fixture
def admins(cast):
    for name in ("super1", "super2"):
        make_user(name, full_name=f"ผู้ดูแล {name}", is_staff=True, is_superuser=True)
    return session("super1", "pw"), session("super2", "pw")


def _round(data: dict, number: int) -> str:
    """The prefix of round ``number``'s row in the inline."""
    index = next(k for k, v in data.items() if k.endswith("-number") and v == number)
    return index.removesuffix("number")


def test_a_stale_admin_save_is_refused_then_made_again(calendar, admins):
    url = reverse("admin:rounds_roundcalendar_change", args=[calendar.pk])
    first, second = admins
    mine, theirs = admin_form_data(first.get(url)), admin_form_data(second.get(url))
    fourth = _round(mine, 4)
    saved = first.post(url, {**mine, f"{fourth}due_date": "10/02/2566"})
    assert saved.status_code == 302, page_of(saved).text[-3000:]
    entry = AuditEntry.objects.get(action="rounds.calendar.changed")
    assert entry.changes["version"] == [1, 2] and "4" in entry.changes["rounds"][1]
    entries = AuditEntry.objects.count()

    refused = second.post(url, {**theirs, "lock_after_days": 15})

    assert refused.status_code == 200
    calendar = RoundCalendar.objects.get(pk=calendar.pk)
    assert (calendar.lock_after_days, calendar.version) == (10, 2)
    assert calendar.rounds.get(number=4).due_date == dt.date(2023, 2, 10)
    assert AuditEntry.objects.count() == entries  # nothing saved, nothing recorded
    text = page_of(refused).text
    assert "ผู้ดูแล super1" in text  # who saved first
    assert "รอบที่ 4" in text and "05/02/2566" in text and "10/02/2566" in text  # what changed

    again = admin_form_data(second.get(url))  # the page as it is now, their change made again
    assert second.post(url, {**again, "lock_after_days": 15}).status_code == 302
    calendar.refresh_from_db()
    assert (calendar.lock_after_days, calendar.version) == (15, 3)
    assert calendar.rounds.get(number=4).due_date == dt.date(2023, 2, 10)
    assert AuditEntry.objects.filter(action="rounds.calendar.changed").count() == 2


def test_a_save_that_changes_nothing_is_not_counted(calendar, admins):
    url = reverse("admin:rounds_roundcalendar_change", args=[calendar.pk])
    first, _second = admins
    assert first.post(url, admin_form_data(first.get(url))).status_code == 302
    calendar.refresh_from_db()
    assert calendar.version == 1
    assert not AuditEntry.objects.filter(action="rounds.calendar.changed").exists()


def test_the_service_checks_the_version_again_under_the_lock(cast, calendar):
    from tidtam.core.concurrency import StaleEdit
    from tidtam.rounds.services import calendar_save

    def save(version: int, lock_after_days: int):
        return calendar_save(
            actor=cast.root,
            calendar=calendar,
            fiscal_year=2566,
            lock_after_days=lock_after_days,
            rounds=[],
            version=version,
        )

    assert save(1, 12).version == 2
    with pytest.raises(StaleEdit) as refused:
        save(1, 20)  # a form that passed its own check before the first save was made
    assert refused.value.changes["lock_after_days"].now == 12
    assert RoundCalendar.objects.get(pk=calendar.pk).lock_after_days == 12


def test_a_calendar_added_in_the_admin_site_goes_through_the_service(cast, admins):
    first, _second = admins
    url = reverse("admin:rounds_roundcalendar_add")
    data = {**admin_form_data(first.get(url)), "fiscal_year": 2567, "lock_after_days": 7}
    assert first.post(url, data).status_code == 302
    calendar = RoundCalendar.objects.get(fiscal_year=2567)
    assert (calendar.lock_after_days, calendar.version) == (7, 1)
    entry = AuditEntry.objects.get(action="rounds.calendar.created", target_id=calendar.pk)
    assert entry.changes == {"fiscal_year": [None, 2567], "lock_after_days": [None, 7]}


def test_the_rounds_dates_are_shown_and_typed_in_the_buddhist_era(calendar, admins):
    url = reverse("admin:rounds_roundcalendar_change", args=[calendar.pk])
    first, _second = admins
    page = first.get(url)
    fourth = _round(admin_form_data(page), 4)
    html = page.content.decode()
    assert f'name="{fourth}due_date" value="05/02/2566"' in html
    assert "vDateField" not in html  # not Django's Christian-era calendar
    data = {**admin_form_data(page), f"{fourth}due_date": "๑๒/๐๒/๒๕๖๖"}  # Thai digits
    assert first.post(url, data).status_code == 302
    assert calendar.rounds.get(number=4).due_date == dt.date(2023, 2, 12)
    refused = first.post(
        url, {**admin_form_data(first.get(url)), f"{fourth}due_date": "12/02/2023"}
    )
    assert "2023" in page_of(refused).text and "12/02/2566" in page_of(refused).text
