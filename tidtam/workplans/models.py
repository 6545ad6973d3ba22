"""A project's operating plan (แผนการดำเนินงาน / แผนการใช้จ่ายงบประมาณ): per month of its
period the planned cumulative progress, the planned disbursement and the month's activities.
A plan is never deleted: a revision is a new version (``number``), proposed with a reason and
in force once a coordinator approves it; the version it replaces stays, superseded."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tidtam.core.models import Versioned
from tidtam.lib.thai import MONTHS_LONG, be_year

DEFAULT_TOLERANCE = Decimal("5")


class WorkPlan(Versioned):
    class State(models.TextChoices):
        PROPOSED = "proposed", _("proposed revision, waiting for approval")
        IN_FORCE = "in_force", _("in force")
        SUPERSEDED = "superseded", _("superseded")

    project = models.ForeignKey(
        "projects.Project", on_delete=models.PROTECT, related_name="work_plans"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    # set when the project's first report is accepted: from then on a change is a revision
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True)
    reason = models.TextField(_("reason for the revision"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        ordering = ["project", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="workplan_number_unique"),
            models.UniqueConstraint(
                fields=["project"],
                condition=models.Q(state="in_force"),
                name="workplan_one_in_force",
            ),
            models.UniqueConstraint(
                fields=["project"],
                condition=models.Q(state="proposed"),
                name="workplan_one_proposed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project.code} plan v{self.number}"


class PlanMonth(models.Model):
    plan = models.ForeignKey(WorkPlan, on_delete=models.PROTECT, related_name="months")
    month = models.DateField(_("month"))  # its first day
    progress = models.DecimalField(
        _("planned cumulative progress (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    disbursement = models.DecimalField(
        _("planned disbursement (baht)"),
        max_digits=15,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    activities = models.TextField(_("planned activities"), blank=True)

    class Meta:
        ordering = ["plan", "month"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "month"], name="planmonth_unique"),
            models.CheckConstraint(
                condition=models.Q(progress__gte=0, progress__lte=100),
                name="planmonth_progress_0_100",
            ),
            models.CheckConstraint(
                condition=models.Q(disbursement__gte=0), name="planmonth_disbursement_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.month:%Y-%m}"

    @property
    def label(self) -> str:
        return month_label(self.month)


class Tolerance(models.Model):
    """How far (percentage points) the actual progress may lie from the planned and still be on
    plan, per fiscal year; ``DEFAULT_TOLERANCE`` for a year an admin has not set."""

    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (B.E.)"),
        unique=True,
        validators=[MinValueValidator(2500), MaxValueValidator(2700)],
    )
    points = models.DecimalField(
        _("tolerance (percentage points)"),
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_TOLERANCE,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        ordering = ["-fiscal_year"]
        verbose_name = _("tolerance of the computed status")
        verbose_name_plural = _("tolerances of the computed status")

    def __str__(self) -> str:
        return f"{self.fiscal_year}: ±{self.points}"


def tolerance_for(fiscal_year: int) -> Decimal:
    found = Tolerance.objects.filter(fiscal_year=fiscal_year).values_list("points", flat=True)
    return next(iter(found), DEFAULT_TOLERANCE)


def _percent(label):
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )


class QuarterTargets(models.Model):
    """The city's disbursement targets of a fiscal year: the share of the budget received
    (%, cumulative) each agency is to have disbursed by the end of each quarter, set by an
    admin in the admin site (``services.targets_set``, audited)."""

    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (B.E.)"),
        unique=True,
        validators=[MinValueValidator(2500), MaxValueValidator(2700)],
    )
    q1 = _percent(_("by the end of Q1, 31 December (%)"))
    q2 = _percent(_("by the end of Q2, 31 March (%)"))
    q3 = _percent(_("by the end of Q3, 30 June (%)"))
    q4 = _percent(_("by the end of Q4, 30 September (%)"))

    class Meta:
        ordering = ["-fiscal_year"]
        verbose_name = _("quarterly disbursement targets")
        verbose_name_plural = _("quarterly disbursement targets")

    def __str__(self) -> str:
        return f"{self.fiscal_year}: {self.q1}/{self.q2}/{self.q3}/{self.q4}"

    @property
    def rates(self) -> list[Decimal]:
        return [self.q1, self.q2, self.q3, self.q4]

    def clean(self) -> None:
        rates = self.rates
        if all(r is not None for r in rates):
            for index in range(1, 4):
                if rates[index] < rates[index - 1]:
                    raise ValidationError(
                        {f"q{index + 1}": _("A target is cumulative: it never goes down.")}
                    )


def month_label(month) -> str:
    """A month as a person reads it: มกราคม 2567."""
    return f"{MONTHS_LONG[month.month - 1]} {be_year(month.year)}"
