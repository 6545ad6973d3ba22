"""The reporting calendar's rules on the database: which round holds a date, whether it is
open for a project, and the writes (calendars, reopenings), validated and audited."""

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tidtam.core import audit, concurrency
from tidtam.lib.thai import format_date_short
from tidtam.orgs import access
from tidtam.orgs.models import Unit, User
from tidtam.projects.models import Project
from tidtam.rounds import rules
from tidtam.rounds.actions import CALENDAR_CHANGED, CALENDAR_CREATED, ROUND_REOPENED
from tidtam.rounds.models import Reopening, ReportingRound, RoundCalendar


def round_of(date: dt.date) -> ReportingRound | None:
    """The round whose period holds the date, if that fiscal year has a calendar."""
    return (
        ReportingRound.objects.select_related("calendar")
        .filter(period_start__lte=date, period_end__gte=date)
        .first()
    )


def current_round(
    project: Project, today: dt.date, reported: Callable[[ReportingRound], bool]
) -> ReportingRound | None:
    """The round a project reports on now: the last month's while it still takes reports (up to
    its lock date: a missing report is late but can still be filed) and ``reported`` says the
    project has no report in it, else this month's. Before the project starts, its first round;
    after it ends, its last."""
    day = min(max(today, project.start_date), project.end_date)
    recent = list(
        ReportingRound.objects.select_related("calendar")
        .filter(period_start__lte=day)
        .order_by("-period_start")[:2]
    )
    if not recent or recent[0].period_end < day:
        return None  # no calendar for the year
    previous = recent[1] if len(recent) == 2 else None
    if (
        previous is not None
        and previous.period_end >= project.start_date
        and today <= previous.lock_date
        and not reported(previous)
    ):
        return previous
    return recent[0]


def reopened_until(round_: ReportingRound, project: Project) -> dt.date | None:
    """The latest day the round stays open for this project, through its unit or an ancestor."""
    ancestors = project.responsible_unit.path_ids
    return (
        Reopening.objects.filter(round=round_)
        .filter(Q(project_id=project.pk) | Q(unit_id__in=ancestors))
        .order_by("-until")
        .values_list("until", flat=True)
        .first()
    )


def takes_reports(
    round_: ReportingRound, *, project: Project, actor: User | None, today: dt.date | None = None
) -> bool:
    """Whether the round still takes a new report of the project from this user: not locked,
    or reopened for the project; the agency's coordinators and admins are not held by it."""
    if actor is not None and access.coordinates_agency(actor, project.agency_id):
        return True
    lock = {
        "due_date": round_.due_date,
        "lock_after_days": round_.calendar.lock_after_days,
        "today": today or timezone.localdate(),
    }
    if not rules.is_locked(**lock, reopened_until=None):
        return True  # open without a reopening: no need to look for one
    return not rules.is_locked(**lock, reopened_until=reopened_until(round_, project))


def check_round_open(
    *, project: Project, date: dt.date, actor: User | None = None, today: dt.date | None = None
) -> None:
    """Refuse a new report dated in a locked round, naming the rule and who can lift it.
    Those who can lift it (the agency's coordinators and admins, e.g. importing old printouts)
    are not held by it."""
    round_ = round_of(date)
    if round_ is None:
        return
    if not takes_reports(round_, project=project, actor=actor, today=today):
        raise ValidationError(
            {
                "date": [
                    _(
                        "Round %(round)s (%(start)s–%(end)s) was due on %(due)s and locked "
                        "after %(lock)s. A coordinator of the agency can reopen it for this "
                        "unit or project, with a reason."
                    )
                    % {
                        "round": round_.number,
                        "start": format_date_short(round_.period_start),
                        "end": format_date_short(round_.period_end),
                        "due": format_date_short(round_.due_date),
                        "lock": format_date_short(round_.lock_date),
                    }
                ]
            }
        )


@transaction.atomic
def calendar_create(
    *, actor: User, fiscal_year: int, due_day: int = 5, lock_after_days: int = 10
) -> RoundCalendar:
    """Twelve monthly rounds of a fiscal year (an admin adjusts single dates afterwards)."""
    if not access.is_admin(actor):
        raise PermissionDenied(_("Only an admin can set up the reporting calendar."))
    if RoundCalendar.objects.filter(fiscal_year=fiscal_year).exists():
        raise ValidationError(
            _("Fiscal year %(year)s already has a reporting calendar.") % {"year": fiscal_year}
        )
    calendar = RoundCalendar.objects.create(
        fiscal_year=fiscal_year, lock_after_days=lock_after_days
    )
    ReportingRound.objects.bulk_create(
        ReportingRound(calendar=calendar, number=n, period_start=s, period_end=e, due_date=d)
        for n, (s, e, d) in enumerate(rules.monthly_periods(fiscal_year, due_day), start=1)
    )
    audit.record(
        action=CALENDAR_CREATED,
        actor=actor,
        target=calendar,
        changes={"fiscal_year": [None, fiscal_year], "lock_after_days": [None, lock_after_days]},
    )
    return calendar


CALENDAR_FIELDS = ["fiscal_year", "lock_after_days"]
ROUND_FIELDS = ["number", "period_start", "period_end", "due_date"]


def _rounds_of(calendar: RoundCalendar) -> dict[str, list[str]]:
    """Round number → [period from, period to, due date], as the audit log keeps them."""
    return {
        str(r.number): [
            r.period_start.isoformat(),
            r.period_end.isoformat(),
            r.due_date.isoformat(),
        ]
        for r in calendar.rounds.order_by("number")
    }


@transaction.atomic
def calendar_save(
    *,
    actor: User,
    calendar: RoundCalendar | None,
    fiscal_year: int,
    lock_after_days: int,
    rounds: list[dict],
    version: int | None = None,
) -> RoundCalendar:
    """A calendar and its rounds as the admin site edits them, in one go: ``calendar`` None
    makes a new one. ``rounds``: one dict per round to keep, change, add (``id`` None) or
    remove (``delete``), with its ``ROUND_FIELDS``. ``version``: the calendar's version the
    form was loaded from; a save over a later one is refused."""
    if not access.is_admin(actor):
        raise PermissionDenied(_("Only an admin can set up the reporting calendar."))
    if calendar is None:
        calendar, before, before_rounds = RoundCalendar(), {}, {}
    else:
        calendar = RoundCalendar.objects.select_for_update().get(pk=calendar.pk)
        concurrency.check(calendar, version)
        before, before_rounds = audit.snapshot(calendar, CALENDAR_FIELDS), _rounds_of(calendar)
    created = calendar.pk is None
    calendar.fiscal_year, calendar.lock_after_days = fiscal_year, lock_after_days
    calendar.full_clean()
    calendar.save()
    existing = {r.pk: r for r in calendar.rounds.all()}
    for data in sorted(rounds, key=lambda d: not d.get("delete")):  # free numbers first
        found = existing.get(data["id"]) if data.get("id") else None
        if data.get("id") and found is None:
            raise ValidationError(_("That round belongs to another calendar."))
        if data.get("delete"):
            if found is not None:
                found.delete()
            continue
        row = found or ReportingRound(calendar=calendar)
        for name in ROUND_FIELDS:
            setattr(row, name, data[name])
        row.full_clean()
        row.save()
    changes = audit.differences(before, audit.snapshot(calendar, CALENDAR_FIELDS))
    after_rounds = _rounds_of(calendar)
    was = {n: v for n, v in before_rounds.items() if after_rounds.get(n) != v}
    now = {n: v for n, v in after_rounds.items() if before_rounds.get(n) != v}
    if was or now:
        changes["rounds"] = [was, now]  # the rounds that changed, were added or removed
    if created:
        audit.record(action=CALENDAR_CREATED, actor=actor, target=calendar, changes=changes)
    else:
        concurrency.record_save(
            action=CALENDAR_CHANGED, actor=actor, target=calendar, changes=changes
        )
    return calendar


@transaction.atomic
def round_reopen(
    *,
    actor: User,
    round_: ReportingRound,
    reason: str,
    until: dt.date,
    unit: Unit | None = None,
    project: Project | None = None,
) -> Reopening:
    """A coordinator reopens a round for one unit or one project of their agencies."""
    if (unit is None) == (project is None):
        raise TypeError("reopen for exactly one unit or one project")
    agency = project.agency if project is not None else unit.agency
    if agency is None or not access.coordinates_agency(actor, agency.pk):
        raise PermissionDenied(
            _("Only a coordinator of the agency can reopen a locked round for its units.")
        )
    errors: dict[str, list[str]] = {}
    if not reason.strip():
        errors["reason"] = [_("Give the reason for reopening the round; it is recorded.")]
    if until < timezone.localdate():
        errors["until"] = [_("The round must stay open until today or later.")]
    if errors:
        raise ValidationError(errors)
    reopening = Reopening.objects.create(
        round=round_,
        unit=unit,
        project=project,
        reason=reason.strip(),
        until=until,
        reopened_by=actor,
    )
    audit.record(
        action=ROUND_REOPENED,
        actor=actor,
        target=reopening,
        unit=unit or project.responsible_unit,
        subject=project,
        changes={"reason": [None, reopening.reason], "until": [None, until.isoformat()]},
    )
    return reopening
