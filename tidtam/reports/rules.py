"""The rules a progress report obeys, in one place, each answered with a message by field."""

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _

from tidtam.lib.thai import format_date_short
from tidtam.reports.models import ProgressReport


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def report_errors(
    *,
    project,
    date: dt.date,
    progress_percent: Decimal,
    budget_disbursed: Decimal,
    previous: ProgressReport | None,
    following: ProgressReport | None,
) -> dict[str, list[str]]:
    """Check one report against the project and its neighbours; ``{}`` when all is well."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not Decimal(0) <= progress_percent <= Decimal(100):
        add("progress_percent", _("Progress is a percentage from 0 to 100."))
    elif _places(progress_percent) > 2:
        add("progress_percent", _("Progress has at most two decimal places."))
    elif previous and progress_percent < previous.progress_percent:
        add(
            "progress_percent",
            _("Progress is cumulative: it cannot be lower than report %(number)s (%(value)s %%).")
            % {"number": previous.number, "value": previous.progress_percent},
        )
    elif following and progress_percent > following.progress_percent:
        add(
            "progress_percent",
            _("Progress cannot be higher than the next report %(number)s (%(value)s %%).")
            % {"number": following.number, "value": following.progress_percent},
        )

    if budget_disbursed < 0:
        add("budget_disbursed", _("The amount disbursed cannot be negative."))
    elif _places(budget_disbursed) > 2:
        add("budget_disbursed", _("An amount in baht has at most two decimal places (satang)."))

    if not project.start_date <= date <= project.end_date:
        add(
            "date",
            _("The report date must lie within the project's period, %(start)s to %(end)s.")
            % {
                "start": format_date_short(project.start_date),
                "end": format_date_short(project.end_date),
            },
        )
    elif previous and date <= previous.date:
        add(
            "date",
            _("The report date must be after report %(number)s (%(date)s).")
            % {"number": previous.number, "date": format_date_short(previous.date)},
        )
    elif following and date >= following.date:
        add(
            "date",
            _("The report date must be before report %(number)s (%(date)s).")
            % {"number": following.number, "date": format_date_short(following.date)},
        )
    return errors
