"""The ITA framework of one fiscal year, held as data: an admin edits it, Python never
names a year, a tool's weight, a question or a level."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from tidtam.core.models import Versioned

SCORE = {"max_digits": 9, "decimal_places": 4}


class Framework(Versioned):
    class Rounding(models.TextChoices):
        HALF_UP = ROUND_HALF_UP, _("half up")

    fiscal_year = models.PositiveIntegerField(_("fiscal year (BE)"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    rounding = models.CharField(
        _("rounding"), max_length=20, choices=Rounding.choices, default=ROUND_HALF_UP
    )
    decimal_places = models.PositiveSmallIntegerField(_("decimal places shown"), default=2)
    iit_minimum_percent = models.DecimalField(
        _("IIT minimum sample, percent of eligible staff"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(100),
    )
    eit_default_target = models.PositiveIntegerField(_("EIT target responses"), default=500)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-fiscal_year"]

    def __str__(self) -> str:
        return f"{self.name} ({self.fiscal_year})"


class Tool(models.Model):
    class Kind(models.TextChoices):
        INTERNAL = "internal", _("internal survey")
        EXTERNAL = "external", _("external survey")
        DISCLOSURE = "disclosure", _("disclosure checklist")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="tools")
    code = models.CharField(_("code"), max_length=10)  # IIT, EIT, OIT
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=4)  # 0.3000
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="ita_tool_code_unique")
        ]

    def __str__(self) -> str:
        return self.code


class ToolPart(models.Model):
    """A part of a tool scored separately and averaged (the FY2566 EIT had two)."""

    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="parts")
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["tool", "order"]

    def __str__(self) -> str:
        return f"{self.tool.code} {self.code}"


class Indicator(models.Model):
    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="indicators")
    part = models.ForeignKey(
        ToolPart, on_delete=models.SET_NULL, null=True, blank=True, related_name="indicators"
    )
    number = models.CharField(_("number"), max_length=10)
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["tool", "order"]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class SubIndicator(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="subs")
    code = models.CharField(_("code"), max_length=10)  # 9.1
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["indicator", "order"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Question(Versioned):
    class Polarity(models.TextChoices):
        POSITIVE = "positive", _("positive")
        NEGATIVE = "negative", _("negative (scored in reverse)")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(_("code"), max_length=10)  # i1, e3
    text = models.TextField(_("question"))
    polarity = models.CharField(
        _("polarity"), max_length=10, choices=Polarity.choices, default=Polarity.POSITIVE
    )
    verified = models.BooleanField(
        _("wording verified"), default=False, help_text=_("False: a draft wording to edit.")
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["indicator__order", "order"]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"


class AnswerOption(models.Model):
    """One step of a question's scale. ``points`` are those of a positively worded question;
    for a negative question the scale is mirrored when scoring (see ``scoring``)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("label"), max_length=200)
    points = models.DecimalField(_("points"), **SCORE)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["question", "order"]

    def __str__(self) -> str:
        return self.label


class RespondentGroup(models.Model):
    """Who answers a survey tool: staff types for IIT, relationships for EIT."""

    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="groups")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["tool", "order"]

    def __str__(self) -> str:
        return self.name


class OitItem(Versioned):
    class Source(models.TextChoices):
        NONE = "", _("agency's own evidence")
        OPERATING_PLAN = "operating_plan", _("tidtam: annual operating and budget plan")
        SIX_MONTH = "six_month", _("tidtam: 6-month monitoring report")
        ANNUAL = "annual", _("tidtam: annual results report")

    sub_indicator = models.ForeignKey(SubIndicator, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("code"), max_length=10)  # O1
    title = models.CharField(_("title"), max_length=300)
    evidence = models.TextField(_("what counts as evidence"), blank=True)
    tidtam_source = models.CharField(
        _("tidtam can produce it"), max_length=20, choices=Source.choices, blank=True
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class ResultLevel(Versioned):
    """A result level; levels are tried from the highest ``order`` down, the first whose
    rules hold wins. ``min_each_tool`` empty means no rule on single tools."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="levels")
    name = models.CharField(_("name"), max_length=100)
    min_total = models.DecimalField(_("minimum total"), **SCORE)
    min_each_tool = models.DecimalField(_("minimum of every tool"), null=True, blank=True, **SCORE)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "-order"]

    def __str__(self) -> str:
        return self.name
