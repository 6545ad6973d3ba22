"""One agency's assessment in one fiscal year, who runs it, and its populations."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tidtam.core.models import Versioned
from tidtam.ita.models.framework import SCORE, Framework, RespondentGroup


def new_token() -> str:
    return secrets.token_urlsafe(12)


class ItaRole(models.Model):
    """ITA roles kept inside the app: the city's assessors and each agency's ITA coordinator."""

    class Role(models.TextChoices):
        ASSESSOR = "assessor", _("ITA assessor")
        COORDINATOR = "coordinator", _("ITA coordinator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ita_roles"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    agency = models.ForeignKey(
        "orgs.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "agency"], name="ita_role_unique"),
            models.CheckConstraint(
                condition=models.Q(role="assessor") | models.Q(agency__isnull=False),
                name="ita_coordinator_has_agency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class Assessment(Versioned):
    class OitState(models.TextChoices):
        DRAFT = "draft", _("agency preparing")
        SUBMITTED = "submitted", _("submitted for review")
        REVIEWED = "reviewed", _("reviewed; corrections open")
        RESUBMITTED = "resubmitted", _("corrections submitted")
        CLOSED = "closed", _("closed")

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    agency = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")
    divisions = models.ManyToManyField("orgs.Unit", blank=True, related_name="+")
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    eit_target = models.PositiveIntegerField(_("EIT target responses"))
    coordinator_name = models.CharField(_("ITA coordinator"), max_length=200, blank=True)
    coordinator_phone = models.CharField(_("coordinator's phone"), max_length=50, blank=True)
    coordinator_email = models.EmailField(_("coordinator's e-mail"), blank=True)
    executive_name = models.CharField(_("executive"), max_length=200, blank=True)
    executive_position = models.CharField(_("executive's position"), max_length=200, blank=True)
    executive_phone = models.CharField(_("executive's phone"), max_length=50, blank=True)
    surveys_open = models.BooleanField(_("surveys open"), default=False)
    oit_state = models.CharField(max_length=12, choices=OitState.choices, default=OitState.DRAFT)
    oit_correction_until = models.DateField(_("corrections accepted until"), null=True, blank=True)
    # Published scores (unrounded); empty until the assessor publishes.
    iit_score = models.DecimalField(_("IIT"), null=True, blank=True, **SCORE)
    eit_score = models.DecimalField(_("EIT"), null=True, blank=True, **SCORE)
    oit_score = models.DecimalField(_("OIT"), null=True, blank=True, **SCORE)
    previous_total = models.DecimalField(
        _("previous year's total"),
        null=True,
        blank=True,
        help_text=_("Only when last year's assessment is not in tidtam."),
        **SCORE,
    )

    class Meta:
        ordering = ["-framework__fiscal_year", "agency__agency_code"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "agency"], name="ita_assessment_unique")
        ]

    def __str__(self) -> str:
        return f"ITA {self.framework.fiscal_year} {self.agency}"


class Population(models.Model):
    """How many people of a group may answer, and the minimum sample to reach."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="populations")
    group = models.ForeignKey(RespondentGroup, on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField(_("eligible staff"))
    minimum = models.PositiveIntegerField(_("minimum sample"))

    class Meta:
        ordering = ["group__order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "group"], name="ita_population_unique")
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.count}"


class Contractor(models.Model):
    """A contractor (คู่ค้าคู่สัญญา) of the agency in the year: an EIT respondent to invite."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="contractors")
    tax_id = models.CharField(_("tax ID"), max_length=13)
    name = models.CharField(_("name"), max_length=300)
    contact = models.CharField(_("contact"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "tax_id"], name="ita_contractor_unique")
        ]

    def __str__(self) -> str:
        return self.name


class DivisionStaff(models.Model):
    """Eligible staff of one division, to follow IIT responses per division."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="division_staff"
    )
    division = models.ForeignKey("orgs.Unit", on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField(_("eligible staff"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "division"], name="ita_division_staff_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.division}: {self.count}"
