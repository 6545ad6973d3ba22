"""Projects as the official form's sections 1.1–1.6 describe them."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Concat, Lower, Replace
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tidtam.core.models import Versioned
from tidtam.lib.thai import SEARCH_FOLDS, fiscal_year_bounds, format_date_short


class PlanStatus(models.TextChoices):
    ON_PLAN = "on_plan", _("on plan")
    BEHIND_PLAN = "behind_plan", _("behind plan")
    AHEAD_OF_PLAN = "ahead_of_plan", _("ahead of plan")


class ProjectStatus(models.TextChoices):
    """A project's status on lists and dashboards: its latest report's plan status, or one of
    the two ends."""

    NOT_STARTED = "not_started", _("No report yet")
    ON_PLAN = PlanStatus.ON_PLAN.value, PlanStatus.ON_PLAN.label
    BEHIND_PLAN = PlanStatus.BEHIND_PLAN.value, PlanStatus.BEHIND_PLAN.label
    AHEAD_OF_PLAN = PlanStatus.AHEAD_OF_PLAN.value, PlanStatus.AHEAD_OF_PLAN.label
    COMPLETED = "completed", _("Completed")  # the latest report is at 100 %


def _search_expression() -> models.Func:
    """The code and the name folded as ``lib.thai.search_key`` folds a query, in SQL."""
    folded = Concat("code", models.Value(" "), "name")
    for typed, stored in SEARCH_FOLDS:
        folded = Replace(folded, models.Value(typed), models.Value(stored))
    return Lower(folded)


class Project(Versioned):
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
    # what the list's search matches, kept by the database on every write (bulk loads and
    # COPY included); on PostgreSQL a trigram index serves any substring (migration 0006)
    search = models.GeneratedField(
        expression=_search_expression(), output_field=models.TextField(), db_persist=True
    )

    class Meta:
        ordering = ["-fiscal_year", "code"]
        indexes = [
            models.Index(fields=["fiscal_year", "code"], name="project_year_code"),
            # the projects of the agencies a coordinator follows, read from the index alone
            models.Index(fields=["agency", "id"], name="project_agency_id"),
        ]
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
        if self.fiscal_year and 2500 <= self.fiscal_year <= 2700:  # else its validators say
            self._check_period_in_fiscal_year()

    def _check_period_in_fiscal_year(self) -> None:
        """The period lies in the fiscal year: 1 October to 30 September (FY2567 with a
        period in 2560 is a typing mistake, not a project)."""
        first, last = fiscal_year_bounds(self.fiscal_year)
        message = _(
            "Outside fiscal year %(year)s: the period must lie between %(first)s and %(last)s."
        ) % {
            "year": self.fiscal_year,
            "first": format_date_short(first),
            "last": format_date_short(last),
        }
        outside = [
            name
            for name in ("start_date", "end_date")
            if getattr(self, name) and not first <= getattr(self, name) <= last
        ]
        if outside:
            raise ValidationError(dict.fromkeys(outside, message))

    @property
    def budget_used(self) -> Decimal:
        """The sum of what the reports disbursed, as the project's figures keep it; never typed."""
        return self.figures.budget_used


class SupportedStrategy(models.Model):
    """A strategic issue of the 20-year plan that a project supports, once however many of its
    targets lie under it. Derived from ``plan_targets`` (``projects.strategies``) so that a
    dashboard groups a city's year by strategy with one join instead of de-duplicating the
    targets of each project (34 of the 95 ms of that query: bench/README.md, followup). A
    plan item keeps its place once saved (``plans.services``), so only a project's own
    targets change it."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="supported_strategies"
    )
    strategy = models.ForeignKey("plans.PlanNode", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "strategy"], name="strategy_once")
        ]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.strategy_id}"


class ProjectFigures(models.Model):
    """What a project's reports add up to, one row for every project (``project_create`` makes
    it), kept by the report services (``reports.figures``) so that lists and dashboards of a
    whole city read one row per project instead of every report. Derived data: ``tidtam
    refresh_figures`` rebuilds it from the reports."""

    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, primary_key=True, related_name="figures"
    )
    report_count = models.PositiveIntegerField(default=0)
    budget_used = models.DecimalField(max_digits=15, decimal_places=2, default=Decimal("0.00"))
    latest_progress = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    status = models.CharField(
        max_length=14, choices=ProjectStatus.choices, default=ProjectStatus.NOT_STARTED
    )
    latest_delay_category = models.CharField(max_length=14, blank=True)
    # the date of the latest report filed: submitted at least once (a draft is not a report
    # yet) or imported from the old system
    latest_filed_on = models.DateField(null=True)
    waiting = models.PositiveIntegerField(default=0)  # reports submitted, not yet reviewed
    reviewed = models.PositiveIntegerField(default=0)  # reports reviewed after a submission
    review_seconds = models.PositiveBigIntegerField(default=0)  # their total time in review

    class Meta:
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.status}"
