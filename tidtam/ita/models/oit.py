"""The agency's evidence for each OIT item and the assessor's verdict."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tidtam.core.models import Versioned
from tidtam.ita.models.assessment import Assessment
from tidtam.ita.models.framework import OitItem


class OitEntry(Versioned):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="oit")
    item = models.ForeignKey(OitItem, on_delete=models.PROTECT, related_name="+")
    has_it = models.BooleanField(_("the agency has it"), null=True)
    note = models.TextField(_("explanation"), blank=True)
    passed = models.BooleanField(_("passed"), null=True)
    observation = models.TextField(_("observation"), blank=True)

    class Meta:
        ordering = ["item__order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="ita_oit_entry_unique")
        ]

    def __str__(self) -> str:
        return f"{self.assessment} {self.item.code}"


class OitEvidence(models.Model):
    entry = models.ForeignKey(OitEntry, on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(_("URL"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to="ita/oit/%Y/", blank=True)

    def __str__(self) -> str:
        return self.url or self.name

    @property
    def name(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""
