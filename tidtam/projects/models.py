"""Projects as the official form's sections 1.1–1.6 describe them."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tidtam.lib.thai import fiscal_year_bounds


class Project(models.Model):
    code = models.CharField(_("project code"), max_length=20, unique=True, editable=False)
    agency = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="agency_projects", editable=False
    )
    running_number = models.PositiveIntegerField(editable=False)
    name = models.CharField(_("project / activity name"), max_length=500)
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (B.E.)"), validators=[MinValueValidator(2500), MaxValueValidator(2700)]
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    budget_received = models.DecimalField(
        _("budget received (baht)"),
        max_digits=15,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    responsible_unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("responsible unit"),
    )
    responsible_person = models.CharField(_("responsible person or unit"), max_length=200)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_projects",
        verbose_name=_("coordinator (Strategy and Evaluation Department)"),
    )
    rationale = models.TextField(_("rationale"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    targets = models.TextField(_("targets"), blank=True)
    plan_targets = models.ManyToManyField(
        "plans.PlanNode", blank=True, related_name="projects", verbose_name=_("plan targets")
    )
    kpis = models.ManyToManyField(
        "plans.KPI", blank=True, related_name="projects", verbose_name=_("KPIs")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-fiscal_year", "code"]
        indexes = [models.Index(fields=["fiscal_year", "code"], name="project_year_code")]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "running_number"], name="project_running_number_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="project_dates_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(budget_received__gte=0), name="project_budget_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", kwargs={"code": self.code})

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})
        if self.fiscal_year and self.start_date:
            _first, last = fiscal_year_bounds(self.fiscal_year)
            if self.start_date > last:
                raise ValidationError(
                    {"start_date": _("The project starts after its fiscal year has ended.")}
                )

    @property
    def budget_used(self) -> Decimal:
        """The sum of what the reports disbursed; never typed."""
        annotated = getattr(self, "budget_used_total", None)
        if annotated is not None:
            return annotated
        total = self.reports.aggregate(total=Sum("budget_disbursed"))["total"]
        return total if total is not None else Decimal("0.00")
