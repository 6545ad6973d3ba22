"""The reporting calendar's rules on the database: which round holds a date, whether it is
open for a project, and the writes (calendars, reopenings), validated and audited."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tidtam.core import audit
from tidtam.lib.thai import format_date_short
from tidtam.orgs import access
from tidtam.orgs.models import Unit, User
from tidtam.projects.models import Project
from tidtam.rounds import rules
from tidtam.rounds.actions import CALENDAR_CREATED, ROUND_REOPENED
from tidtam.rounds.models import Reopening, ReportingRound, RoundCalendar


def round_of(date: dt.date) -> ReportingRound | None:
    """The round whose period holds the date, if that fiscal year has a calendar."""
    return (
        ReportingRound.objects.select_related("calendar")
        .filter(period_start__lte=date, period_end__gte=date)
        .first()
    )


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


def check_round_open(
    *, project: Project, date: dt.date, actor: User | None = None, today: dt.date | None = None
) -> None:
    """Refuse a new report dated in a locked round, naming the rule and who can lift it.
    Those who can lift it (the agency's coordinators and admins, e.g. importing old printouts)
    are not held by it."""
    round_ = round_of(date)
    if round_ is None:
        return
    if actor is not None and access.coordinates_agency(actor, project.agency_id):
        return
    today = today or timezone.localdate()
    lock = {
        "due_date": round_.due_date,
        "lock_after_days": round_.calendar.lock_after_days,
        "today": today,
    }
    if not rules.is_locked(**lock, reopened_until=None):
        return  # open without a reopening: no need to look for one
    if rules.is_locked(**lock, reopened_until=reopened_until(round_, project)):
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
