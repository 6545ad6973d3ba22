"""Indicators (ตัวชี้วัด): one identity across years, what it is each fiscal year, the results
the responsible unit files each quarter and the Strategy Department's assessment of them."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tidtam.core.models import Evidence, Versioned
from tidtam.reports.models import Reviewed

AMOUNT = {"max_digits": 14, "decimal_places": 2}
SCORE = {"max_digits": 6, "decimal_places": 2}
QUARTERS = [(q, q) for q in (1, 2, 3, 4)]


class Kind(models.TextChoices):
    OUTPUT = "output", _("strategic indicator (output)")
    OUTCOME = "outcome", _("strategic indicator (outcome)")
    GOAL = "goal", _("goal indicator")


class Dimension(models.IntegerChoices):
    EFFECTIVENESS = 1, _("Dimension 1: effectiveness in the mission")
    SERVICE = 2, _("Dimension 2: quality of service")
    EFFICIENCY = 3, _("Dimension 3: efficiency of operations")
    DEVELOPMENT = 4, _("Dimension 4: organisational development")


class Direction(models.TextChoices):
    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")


class Source(models.TextChoices):
    TYPED = "typed", _("typed by the responsible unit")
    ITA = "ita", _("the agency's ITA score of the year")
    PROJECTS = "projects", _("share of the agency's projects finished or on plan")


class Indicator(models.Model):
    """An indicator's identity, kept across fiscal years: ``5031-0001`` is the agency's 4-digit
    prefix and the next running number, assigned by the system."""

    code = models.CharField(
        _("indicator code"),
        max_length=9,
        unique=True,
        validators=[RegexValidator(r"^\d{4}-\d{4}$")],
        editable=False,
    )
    agency = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")
    running_number = models.PositiveIntegerField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "running_number"], name="indicator_number_unique"
            )
        ]

    def __str__(self) -> str:
        return self.code


class IndicatorYear(Versioned):
    """What the indicator is in one fiscal year: name, owner, target, how it is measured."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="years")
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (B.E.)"), validators=[MinValueValidator(2500), MaxValueValidator(2700)]
    )
    name = models.CharField(_("indicator name"), max_length=1000)
    responsible_unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible unit"),
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.OUTPUT)
    dimension = models.PositiveSmallIntegerField(
        _("dimension"), choices=Dimension.choices, default=Dimension.EFFECTIVENESS
    )
    negotiated = models.BooleanField(
        _("negotiated in the annual performance agreement"), default=False
    )
    unit_of_measure = models.CharField(_("unit of measure"), max_length=100)
    direction = models.CharField(
        _("direction"), max_length=6, choices=Direction.choices, default=Direction.HIGHER
    )
    target = models.DecimalField(_("annual target"), **AMOUNT)
    q1_target = models.DecimalField(_("target, quarter 1"), null=True, blank=True, **AMOUNT)
    q2_target = models.DecimalField(_("target, quarter 2"), null=True, blank=True, **AMOUNT)
    q3_target = models.DecimalField(_("target, quarter 3"), null=True, blank=True, **AMOUNT)
    q4_target = models.DecimalField(_("target, quarter 4"), null=True, blank=True, **AMOUNT)
    definition = models.TextField(_("definition"), blank=True)
    calculation = models.TextField(_("how it is calculated"), blank=True)
    data_source = models.TextField(_("data source"), blank=True)
    source = models.CharField(
        _("result comes from"), max_length=8, choices=Source.choices, default=Source.TYPED
    )
    plan_targets = models.ManyToManyField(
        "plans.PlanNode", blank=True, related_name="+", verbose_name=_("plan alignment")
    )
    projects = models.ManyToManyField(
        "projects.Project",
        blank=True,
        related_name="indicator_years",
        verbose_name=_("contributing projects"),
    )

    class Meta:
        ordering = ["indicator__code", "-fiscal_year"]
        verbose_name = _("indicator of a fiscal year")
        verbose_name_plural = _("indicators of a fiscal year")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "fiscal_year"], name="indicator_year_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} : {self.indicator.code}"

    def quarter_target(self, quarter: int):
        """The cumulative target by the end of the quarter; the annual one when none is set."""
        found = getattr(self, f"q{quarter}_target")
        return self.target if found is None and quarter == 4 else found


class QuarterResult(Versioned, Reviewed):
    """The cumulative result by the end of a quarter, with its narrative, through review."""

    indicator_year = models.ForeignKey(
        IndicatorYear, on_delete=models.CASCADE, related_name="results"
    )
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=QUARTERS)
    # empty for an indicator whose result comes from tidtam's data while there is none yet
    result = models.DecimalField(_("cumulative result"), null=True, blank=True, **AMOUNT)
    narrative = models.TextField(_("what was done"))
    reason = models.TextField(_("why it is off its quarterly target"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator_year", "quarter"]
        verbose_name = _("quarterly result")
        verbose_name_plural = _("quarterly results")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator_year", "quarter"], name="indicator_quarter_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="indicator_quarter_1_4"
            ),
        ]

    def __str__(self) -> str:
        year = self.indicator_year
        return f"{year.indicator.code} {year.fiscal_year}/Q{self.quarter}"


class ResultEvidence(Evidence):
    """A file attached to a quarterly result: kept for good, like every piece of evidence."""

    result = models.ForeignKey(QuarterResult, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField(_("file"), upload_to="indicators/%Y/")
    name = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class QuarterAssessment(models.Model):
    """The Strategy Department's (สยป.) assessment of a quarter: a score, the second figure of
    the pair the old system shows (``100 / 50``) and a note. Each one is kept; the latest
    counts."""

    indicator_year = models.ForeignKey(
        IndicatorYear, on_delete=models.CASCADE, related_name="assessments"
    )
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=QUARTERS)
    score = models.DecimalField(_("score"), null=True, blank=True, **SCORE)
    second = models.DecimalField(_("second figure of the pair"), null=True, blank=True, **SCORE)
    note = models.TextField(_("note"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assessed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator_year", "quarter", "-assessed_at", "-pk"]
        verbose_name = _("quarterly assessment")
        verbose_name_plural = _("quarterly assessments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="assessment_quarter_1_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_year.indicator.code} Q{self.quarter}: {self.score}"
