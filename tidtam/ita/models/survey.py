"""Access codes and anonymous answers.

A response holds nothing that identifies who gave it: no user, no IP, no time finer than
the day, no link to the code that admitted it, and a random id so that row order reveals
nothing either."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tidtam.ita.models.assessment import Assessment
from tidtam.ita.models.framework import AnswerOption, Question, RespondentGroup, Tool


class CodeBatch(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="batches")
    tool = models.ForeignKey(Tool, on_delete=models.PROTECT, related_name="+")
    size = models.PositiveIntegerField(_("number of codes"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_on = models.DateField()

    def __str__(self) -> str:
        return f"{self.tool} × {self.size}"


class AccessCode(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="codes")
    tool = models.ForeignKey(Tool, on_delete=models.PROTECT, related_name="+")
    batch = models.ForeignKey(
        CodeBatch, on_delete=models.CASCADE, null=True, blank=True, related_name="codes"
    )
    code = models.CharField(max_length=16, unique=True)
    used = models.BooleanField(default=False)
    issued_on = models.DateField()

    def __str__(self) -> str:
        return self.code


class Response(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="responses")
    tool = models.ForeignKey(Tool, on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(RespondentGroup, on_delete=models.PROTECT, related_name="+")
    division = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_on = models.DateField()  # the day only, never the time

    def __str__(self) -> str:
        return f"{self.tool} {self.submitted_on}"


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    option = models.ForeignKey(AnswerOption, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="ita_answer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.question.code}: {self.option}"
