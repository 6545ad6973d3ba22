"""The printouts that were imported, kept as the proof of where each field came from."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tidtam.core.models import Evidence


class LegacyImport(Evidence):
    """One import that changed something: the source text as read, who, when, for which
    project. Re-importing the same printout changes nothing and leaves no new row."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.PROTECT, related_name="legacy_imports"
    )
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(_("file"), max_length=255)
    sha256 = models.CharField(max_length=64)
    source = models.TextField(_("text of the printout"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("imported printout")
        verbose_name_plural = _("imported printouts")

    def __str__(self) -> str:
        return f"{self.file_name} → {self.project.code}"
