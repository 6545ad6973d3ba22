"""Numbered progress reports of a project (form section 2)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    ON_PLAN = "on_plan", _("on plan")
    BEHIND_PLAN = "behind_plan", _("behind plan")
    AHEAD_OF_PLAN = "ahead_of_plan", _("ahead of plan")


class TargetStatus(models.TextChoices):
    ON_TARGET = "on_target", _("on target")
    OFF_TARGET = "off_target", _("off target")


class ProgressReport(models.Model):
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="reports"
    )
    number = models.PositiveSmallIntegerField(_("report number"))
    date = models.DateField(_("report date"))
    narrative = models.TextField(_("progress narrative"))
    progress_percent = models.DecimalField(
        _("cumulative progress (%)"), max_digits=5, decimal_places=2
    )
    budget_disbursed = models.DecimalField(
        _("budget disbursed this round (baht)"),
        max_digits=15,
        decimal_places=2,
        default=Decimal("0"),
    )
    plan_status = models.CharField(
        _("plan status"), max_length=14, choices=PlanStatus.choices, default=PlanStatus.ON_PLAN
    )
    target_status = models.CharField(
        _("target status"),
        max_length=12,
        choices=TargetStatus.choices,
        default=TargetStatus.ON_TARGET,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="report_number_unique"),
            models.CheckConstraint(
                condition=models.Q(progress_percent__gte=0, progress_percent__lte=100),
                name="report_progress_0_100",
            ),
            models.CheckConstraint(
                condition=models.Q(budget_disbursed__gte=0), name="report_budget_not_negative"
            ),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="report_number_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.project.code} #{self.number}"
