"""An uploaded setup file: kept from its preview to its import (and after, as evidence), with
the progress of its import when that runs in the background."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tidtam.core.models import BackgroundJob


class SetupImport(BackgroundJob):
    source = models.FileField(upload_to="intake/%Y/%m/")
    source_name = models.CharField(_("file"), max_length=255)
    confirmed_at = models.DateTimeField(null=True, blank=True)  # the user chose to import
    created = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="intake/results/%Y/%m/", blank=True)  # what was done

    class Meta(BackgroundJob.Meta):
        pass

    def __str__(self) -> str:
        return self.source_name
