"""What every app shares: the audit log, evidence that is never deleted, background jobs."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tidtam.core import history
from tidtam.core.actions import label_of


class EvidenceDeletionRefused(Exception):
    """Evidence (the audit log, printed copies, imported printouts) is kept for good."""


class EvidenceQuerySet(models.QuerySet):
    def delete(self):
        raise EvidenceDeletionRefused(f"{self.model._meta.label} rows are evidence: kept for good")


class Evidence(models.Model):
    """A row auditors rely on: the app never deletes or rewrites one (the admin site shows it
    read-only; on PostgreSQL a trigger also refuses it for the audit log)."""

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        raise EvidenceDeletionRefused(f"{self._meta.label} {self.pk} is evidence: kept for good")


class AuditEntry(Evidence):
    """One change, by one person, to one object: who, when, and each field before and after.
    Entries form a chain: each holds the SHA-256 of its content and of the entry before it
    (``core.chain``), so a row changed or deleted in the database shows."""

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
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    previous_sha256 = models.CharField(max_length=64)  # the entry before it ("0" × 64: none)
    sha256 = models.CharField(max_length=64)  # of the previous hash and this entry's content

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.target_label}"

    @property
    def action_label(self) -> str:
        return label_of(self.action)

    def field_label(self, name: str) -> str:
        """The changed field's name in the user's language."""
        return history.field_label(self.target_type, name)

    @property
    def field_changes(self) -> dict[str, list]:
        """The changes a person reads: the version a save counts (``core.concurrency``) is
        bookkeeping, not one of them."""
        return {name: pair for name, pair in self.changes.items() if name != "version"}

    def labelled_changes(self) -> list[tuple[str, str, str]]:
        """(the field's name in the user's language, before, after) for each change, the values
        as a person reads them (``core.history``)."""
        return [
            (
                self.field_label(name),
                history.readable_change(self.target_type, name, before),
                history.readable_change(self.target_type, name, after),
            )
            for name, (before, after) in self.field_changes.items()
        ]


class Versioned(models.Model):
    """A row edited through forms: it counts its saves, so that a save made from a form loaded
    before someone else's save is refused (``core.concurrency``)."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class AuditChainHead(models.Model):
    """The hash of the latest audit entry: one row, locked by each new entry so that entries
    chain one after the other (``core.chain``)."""

    last_sha256 = models.CharField(max_length=64)

    def __str__(self) -> str:
        return self.last_sha256


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
