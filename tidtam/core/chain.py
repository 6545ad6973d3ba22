"""The audit log as a hash chain. Each entry stores the SHA-256 of the entry before it and of
the pair (that hash, its own content); ``verify`` walks the chain and names the first entry
that no longer fits, so a row changed or deleted in the database shows. (Deleting the newest
entries leaves a shorter chain that still fits: the head hash that ``verify`` prints, kept
outside the database — in the backup log, say — shows that.)"""

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext_noop

from tidtam.core.models import AuditChainHead, AuditEntry

GENESIS = "0" * 64
HEAD = 1  # the primary key of the one AuditChainHead row


def content(entry: AuditEntry) -> bytes:
    """What the hash covers: every field a person reads, in one canonical form."""
    created = entry.created_at.astimezone(dt.UTC).isoformat()
    fields = {
        "action": entry.action,
        "actor": entry.actor_id,
        "unit": entry.unit_id,
        "target": [entry.target_type, entry.target_id, entry.target_label],
        "subject": entry.subject,
        "changes": entry.changes,
        "created_at": created,
    }
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def digest(previous: str, entry: AuditEntry) -> str:
    return hashlib.sha256(previous.encode() + content(entry)).hexdigest()


def append(entry: AuditEntry) -> AuditEntry:
    """Save a new entry at the end of the chain, inside the caller's transaction (every write
    is a service in one): the head row stays locked until it commits, so entries chain in the
    order they are saved."""
    return append_all([entry])[0]


def append_all(entries: list[AuditEntry]) -> list[AuditEntry]:
    """Save new entries at the end of the chain in their order, in one insert: what a service
    writing many rows at once records (each its own entry, chained as ``append`` chains)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("an audit entry is written inside the transaction of its change")
    head, _created = AuditChainHead.objects.select_for_update().get_or_create(
        pk=HEAD, defaults={"last_sha256": GENESIS}
    )
    for entry in entries:
        entry.previous_sha256 = head.last_sha256
        entry.sha256 = digest(entry.previous_sha256, entry)
        head.last_sha256 = entry.sha256
    AuditEntry.objects.bulk_create(entries)  # ids ascend in the order given
    head.save(update_fields=["last_sha256"])
    return entries


@dataclass
class Break:
    entry: AuditEntry | None  # None: entries after the last one were deleted
    why: str  # in English, marked for translation


def _misfit(entry: AuditEntry, previous: str) -> str | None:
    """Why the entry does not follow ``previous`` in the chain, or None when it does."""
    if entry.previous_sha256 != previous:
        return gettext_noop("the entry before it was changed or deleted")
    if entry.sha256 != digest(previous, entry):
        return gettext_noop("its content was changed")
    return None


def verify(batch: int = 2000) -> tuple[int, str, Break | None]:
    """Walk the whole chain: (entries read, the last entry's hash, the first break or None)."""
    count, previous = 0, GENESIS
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=batch):
        count += 1
        why = _misfit(entry, previous)
        if why:
            return count, previous, Break(entry, why)
        previous = entry.sha256
    head = AuditChainHead.objects.filter(pk=HEAD).values_list("last_sha256", flat=True).first()
    if head not in (None, previous):
        return count, previous, Break(None, gettext_noop("the newest entries were deleted"))
    return count, previous, None


def with_predecessors(entries: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
    """Each entry with the hash of the entry just before it in the whole chain, so that a page
    can check the entries it shows without walking the chain."""
    before = AuditEntry.objects.filter(id__lt=OuterRef("id")).order_by("-id")
    return entries.annotate(predecessor_sha256=Subquery(before.values("sha256")[:1]))


def first_break_among(entries: Iterable[AuditEntry]) -> Break | None:
    """Of entries read ``with_predecessors``, the first that no longer fits the chain."""
    for entry in entries:
        why = _misfit(entry, entry.predecessor_sha256 or GENESIS)
        if why:
            return Break(entry, why)
    return None
