"""The indicators' part of the daily reminder digest (``followup.reminders``, registered in
``apps.py``): one e-mail a day still carries everything.

- To the responsible unit's reporters and approvers: each indicator whose quarter is due within
  ``days_before`` days, or past due and not yet locked, and has no result submitted (none, a
  draft, or one returned to them).
- To each coordinator (and admin): the indicators of the agencies they follow missing the last
  quarter past due, and the quarterly results waiting for their review.
"""

import datetime as dt

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from tidtam.followup.selectors import followed_agencies_q
from tidtam.indicators import rules
from tidtam.indicators.models import IndicatorYear, QuarterResult
from tidtam.indicators.services import quarter_lock_date
from tidtam.lib.thai import format_date_short
from tidtam.orgs import access
from tidtam.orgs.models import User
from tidtam.reports.models import ReviewStatus

FILED = [ReviewStatus.SUBMITTED, ReviewStatus.ACCEPTED]


def recent_quarters(today: dt.date) -> list[tuple[int, int, dt.date, dt.date]]:
    """(fiscal year, quarter, due date, lock date) of the quarter of today and the two before
    it, oldest first: the ones whose due or lock dates can be near."""
    fiscal_year, quarter = rules.quarter_of(today)
    found = []
    for back in (2, 1, 0):
        index = fiscal_year * 4 + quarter - 1 - back
        year, q = divmod(index, 4)
        found.append((year, q + 1, *quarter_lock_date(year, q + 1)))
    return found


def missing(years: QuerySet[IndicatorYear], fiscal_year: int, quarter: int):
    """The indicator years of that fiscal year without a result of the quarter submitted."""
    filed = QuarterResult.objects.filter(
        indicator_year=OuterRef("pk"), quarter=quarter, status__in=FILED
    )
    return (
        years.filter(fiscal_year=fiscal_year)
        .exclude(Exists(filed))
        .select_related("indicator", "responsible_unit")
        .order_by("indicator__code")
    )


def _line(year: IndicatorYear) -> str:
    return f"{year.indicator.code} {year.name} ({year.responsible_unit})"


def sections(user: User, today: dt.date, days_before: int) -> list[tuple[str, list[str]]]:
    found = []
    quarters = recent_quarters(today)
    editor_paths = access.paths_in_role(user, access.EDITOR_ROLES)
    if editor_paths:
        own = IndicatorYear.objects.filter(access.subtree_q(editor_paths, "responsible_unit__path"))
        for fiscal_year, quarter, due, lock in quarters:
            if today <= due <= today + dt.timedelta(days=days_before):
                title = _(
                    "Quarter %(quarter)s of %(year)s is due on %(due)s; these indicators have "
                    "no result submitted yet:"
                )
            elif due < today <= lock:
                title = _(
                    "Quarter %(quarter)s of %(year)s was due on %(due)s and locks after "
                    "%(lock)s; these indicators have no result submitted:"
                )
            else:
                continue
            values = {
                "quarter": quarter,
                "year": fiscal_year,
                "due": format_date_short(due),
                "lock": format_date_short(lock),
            }
            found.append((title % values, [_line(y) for y in missing(own, fiscal_year, quarter)]))
    if access.follows_up(user):
        followed = IndicatorYear.objects.filter(followed_agencies_q(user, "indicator__agency"))
        past = [q for q in quarters if q[2] < today]
        if past:
            fiscal_year, quarter, due, _lock = past[-1]
            found.append(
                (
                    _(
                        "Quarter %(quarter)s of %(year)s was due on %(due)s; these indicators "
                        "have no result submitted:"
                    )
                    % {"quarter": quarter, "year": fiscal_year, "due": format_date_short(due)},
                    [_line(y) for y in missing(followed, fiscal_year, quarter)],
                )
            )
        waiting = (
            QuarterResult.objects.filter(
                indicator_year__in=followed.values("pk"), status=ReviewStatus.SUBMITTED
            )
            .select_related("indicator_year__indicator")
            .order_by("submitted_at")
        )
        found.append(
            (
                _("Quarterly indicator results waiting for your review:"),
                [
                    _("%(code)s %(year)s quarter %(quarter)s")
                    % {
                        "code": r.indicator_year.indicator.code,
                        "year": r.indicator_year.fiscal_year,
                        "quarter": r.quarter,
                    }
                    for r in waiting
                ],
            )
        )
    return found
