"""The reporting calendar: monthly rounds per fiscal year, and reopenings of a locked round."""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tidtam.core.models import Versioned
from tidtam.rounds import rules


class RoundCalendar(Versioned):
    """The reporting calendar of one fiscal year; an admin edits it as data. Its version counts
    the saves of the calendar and of its rounds (edited together in the admin site)."""

    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (B.E.)"),
        unique=True,
        validators=[MinValueValidator(2500), MaxValueValidator(2700)],
    )
    lock_after_days = models.PositiveSmallIntegerField(
        _("days after the due date before a round locks"), default=10
    )

    class Meta:
        ordering = ["-fiscal_year"]
        verbose_name = _("reporting calendar")
        verbose_name_plural = _("reporting calendars")

    def __str__(self) -> str:
        return str(self.fiscal_year)


class ReportingRound(models.Model):
    """One monthly round: reports dated in the period are due by the due date."""

    calendar = models.ForeignKey(RoundCalendar, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("round"))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    due_date = models.DateField(_("due date"))

    class Meta:
        ordering = ["period_start"]
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        constraints = [
            models.UniqueConstraint(fields=["calendar", "number"], name="round_number_unique"),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="round_period_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(due_date__gte=models.F("period_start")),
                name="round_due_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.calendar.fiscal_year}/{self.number}"

    @property
    def lock_date(self) -> dt.date:
        """The last day reports are still accepted; the round is locked from the next day."""
        return rules.lock_date(self.due_date, self.calendar.lock_after_days)


class Reopening(models.Model):
    """A coordinator reopens a locked round for one unit or one project, with a reason."""

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="reopenings")
    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("reason"))
    until = models.DateField(_("open until"))
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reopening of a round")
        verbose_name_plural = _("reopenings of rounds")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(unit__isnull=False, project__isnull=True)
                    | models.Q(unit__isnull=True, project__isnull=False)
                ),
                name="reopening_unit_or_project",
            )
        ]

    def __str__(self) -> str:
        return f"{self.round} → {self.project or self.unit}"
