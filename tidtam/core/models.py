"""What every app shares: the audit log."""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

TARGET_MODELS = {"project": "projects.project", "progressreport": "reports.progressreport"}
ACTION_LABELS = {
    "projects.project.created": _("project registered"),
    "projects.project.changed": _("project changed"),
    "reports.report.created": _("report filed"),
    "reports.report.imported": _("report imported from the old system"),
    "reports.report.changed": _("report changed"),
    "reports.report.submitted": _("report submitted for review"),
    "reports.report.resubmitted": _("report submitted again"),
    "reports.report.returned": _("report returned with a comment"),
    "reports.report.accepted": _("report accepted"),
    "followup.round.reopened": _("round reopened"),
    "followup.project.scored": _("project scored for the quarter"),
    "followup.calendar.created": _("reporting calendar created"),
    "legacy.printout.imported": _("printout of the old system imported"),
}


class AuditEntry(models.Model):
    """One change, by one person, to one object: who, when, and each field before and after."""

    action = models.CharField(_("action"), max_length=80)  # e.g. projects.project.changed
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, null=True, related_name="+")
    target_type = models.CharField(max_length=40)  # e.g. project, report
    target_id = models.PositiveBigIntegerField()
    target_label = models.CharField(max_length=200)
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, null=True, related_name="audit_entries"
    )
    changes = models.JSONField(default=dict)  # {field: [before, after]}
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.target_label}"

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))

    def labelled_changes(self) -> list[tuple[str, object, object]]:
        """(the field's name in the user's language, before, after) for each change."""
        model = apps.get_model(self._target_model())
        rows = []
        for name, (before, after) in self.changes.items():
            try:
                label = str(model._meta.get_field(name).verbose_name)
            except FieldDoesNotExist:
                label = name
            rows.append((label, before, after))
        return rows

    def _target_model(self) -> str:
        return TARGET_MODELS.get(self.target_type, "core.auditentry")


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
