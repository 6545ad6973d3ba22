"""What the follow-up keeps: reminder digests sent, quarterly scores, background exports."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tidtam.core.models import BackgroundJob


class DigestSent(models.Model):
    """One reminder digest per person per day: the daily job checks this before sending."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    summary = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="digest_once_a_day")]

    def __str__(self) -> str:
        return f"{self.user} {self.day}"


class ProjectScore(models.Model):
    """A coordinator's score of a project for one quarter of its fiscal year
    (the old system's "สยป. ประเมินโครงการ : ไตรมาสที่ 3 100")."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="quarter_scores"
    )
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    score = models.DecimalField(
        _("score"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    note = models.TextField(_("note"), blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["project", "quarter"], name="score_once_a_quarter"),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="score_quarter_1_4"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=100), name="score_0_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project.code} Q{self.quarter} {self.score}"


class ExportJob(BackgroundJob):
    """A large export run in the background, with its progress and, once done, its file."""

    fmt = models.CharField(max_length=4)
    filters = models.JSONField(default=dict)  # the project list's filters
    file = models.FileField(upload_to="exports/%Y/%m/", blank=True)

    class Meta(BackgroundJob.Meta):
        pass

    def __str__(self) -> str:
        return f"export {self.pk} {self.fmt}"
