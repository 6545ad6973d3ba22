"""Numbered progress reports of a project (form section 2)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tidtam.core.models import Versioned
from tidtam.projects.models import PlanStatus


class TargetStatus(models.TextChoices):
    ON_TARGET = "on_target", _("on target")
    OFF_TARGET = "off_target", _("off target")


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned")
    ACCEPTED = "accepted", _("accepted")


class DelayCategory(models.TextChoices):
    PROCUREMENT = "procurement", _("procurement")
    BUDGET = "budget", _("budget allocation or disbursement")
    CONTRACTOR = "contractor", _("contractor")
    WEATHER = "weather", _("weather or natural hazard")
    COORDINATION = "coordination", _("coordination with other agencies")
    STAFF = "staff", _("staff")
    OTHER = "other", _("other")


class Reviewed(models.Model):
    """A row that goes through review: draft → submitted → accepted, or → returned (with a
    comment) → submitted again (``reports.review``; the indicators' quarterly results too)."""

    status = models.CharField(
        _("review status"),
        max_length=10,
        choices=ReviewStatus.choices,
        default=ReviewStatus.DRAFT,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_comment = models.TextField(_("reviewer's comment"), blank=True)

    class Meta:
        abstract = True

    @property
    def is_editable(self) -> bool:
        """Only a draft or a returned row can be changed."""
        return self.status in (ReviewStatus.DRAFT, ReviewStatus.RETURNED)


class ProgressReport(Versioned, Reviewed):
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
    delay_category = models.CharField(
        _("reason for delay"), max_length=14, choices=DelayCategory.choices, blank=True
    )
    delay_note = models.TextField(_("details of the delay"), blank=True)
    first_submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    # brought in from a printout of the old system, where it had already been followed up
    imported = models.BooleanField(_("imported from the old system"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "number"]
        indexes = [
            models.Index(fields=["project", "date"], name="report_project_date"),
            # the review queue, oldest submission first, and its count: only the reports
            # waiting, with their project, so neither reads the reports' table
            models.Index(
                fields=["submitted_at", "id", "project"],
                condition=models.Q(status="submitted"),
                name="report_waiting",
            ),
        ]
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

    @property
    def needs_delay_reason(self) -> bool:
        return (
            self.plan_status == PlanStatus.BEHIND_PLAN
            or self.target_status == TargetStatus.OFF_TARGET
        )
