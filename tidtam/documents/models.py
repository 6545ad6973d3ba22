"""Printed forms: what exactly was printed, by whom and when, so that a paper copy can be
verified later (``/verify/<code>/``)."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tidtam.core.models import BackgroundJob, Evidence

# Crockford's base 32 without the letters that read like digits: easy to type from paper.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class PrintBatch(BackgroundJob):
    """A background print of all projects of a unit and fiscal year."""

    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    file = models.FileField(upload_to="documents/batches/", blank=True)

    class Meta(BackgroundJob.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.unit} {self.fiscal_year} #{self.pk}"


class PrintedForm(Evidence):
    """One printed copy of the form for one project — or of another kind of record's print-out
    (``kinds.py``; ``project_code`` and ``project_name`` then hold that record's code and
    name): the exact JSON printed and its hash."""

    code = models.CharField(_("verification code"), max_length=16, unique=True, default=new_code)
    kind = models.CharField(_("kind of record"), max_length=20, default="project")
    project = models.ForeignKey(
        "projects.Project", on_delete=models.SET_NULL, null=True, related_name="printed_forms"
    )
    project_code = models.CharField(_("project code"), max_length=20)
    project_name = models.CharField(_("project / activity name"), max_length=500)
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    printed_by_name = models.CharField(_("printed by"), max_length=200)
    printed_at = models.DateTimeField(_("printed at"))
    data = models.TextField(_("printed data (JSON)"))
    sha256 = models.CharField("SHA-256", max_length=64)
    batch = models.ForeignKey(
        PrintBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="forms"
    )

    class Meta:
        ordering = ["-printed_at"]
        indexes = [models.Index(fields=["project_code", "-printed_at"])]

    def __str__(self) -> str:
        return f"{self.code} {self.project_code}"

    def get_absolute_url(self) -> str:
        return reverse("documents:verify", kwargs={"code": self.code})
