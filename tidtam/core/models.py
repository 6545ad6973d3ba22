"""What every app shares: the audit log."""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from tidtam.core.actions import label_of


class AuditEntry(models.Model):
    """One change, by one person, to one object: who, when, and each field before and after."""

    action = models.CharField(_("action"), max_length=80)  # a declared Action's name
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, null=True, related_name="+")
    # what changed: its model ("projects.project"), id and name when it changed
    target_type = models.CharField(max_length=60)
    target_id = models.PositiveBigIntegerField()
    target_label = models.CharField(max_length=200)
    # whose history the entry belongs to ("projects.project:42"): a report's changes show in
    # its project's history
    subject = models.CharField(max_length=80, blank=True, db_index=True)
    changes = models.JSONField(default=dict)  # {field: [before, after]}
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.target_label}"

    @property
    def action_label(self) -> str:
        return label_of(self.action)

    def labelled_changes(self) -> list[tuple[str, object, object]]:
        """(the field's name in the user's language, before, after) for each change."""
        model = apps.get_model(self.target_type)
        rows = []
        for name, (before, after) in self.changes.items():
            try:
                label = str(model._meta.get_field(name).verbose_name)
            except FieldDoesNotExist:
                label = name
            rows.append((label, before, after))
        return rows


class BackgroundJob(models.Model):
    """What every background job keeps: who asked, its state and progress, and its file (a
    ``file`` field of each kind of job, in its own folder)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    content_type = models.CharField(max_length=100, blank=True)  # of the file, once done
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(100, self.done * 100 // self.total) if self.total else 0
