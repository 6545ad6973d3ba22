"""Recording changes in the audit log: every service that writes calls ``record``, naming a
declared ``Action`` (``core/actions.py``) and, with ``subject``, whose history shows it."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import QuerySet

from tidtam.core import chain
from tidtam.core.actions import Action
from tidtam.core.models import AuditEntry


def json_value(value: Any) -> Any:
    """A field value as JSON keeps it: Decimal and dates as strings, objects by their label."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [json_value(item) for item in value]
    return str(value)


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in fields:
        value = getattr(instance, name)
        if isinstance(value, models.Manager):
            value = sorted(str(item) for item in value.all())
        values[name] = json_value(value)
    return values


def differences(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        name: [before.get(name), after.get(name)]
        for name in after
        if before.get(name) != after.get(name)
    }


def subject_key(instance: models.Model) -> str:
    return f"{instance._meta.label_lower}:{instance.pk}"


def history(subject: models.Model) -> QuerySet[AuditEntry]:
    """The entries in this object's history, newest first."""
    return AuditEntry.objects.filter(subject=subject_key(subject))


def checked(
    entries: QuerySet[AuditEntry], limit: int
) -> tuple[list[AuditEntry], chain.Break | None]:
    """The first ``limit`` entries, and the first of them that no longer fits the hash chain
    (changed, or its predecessor deleted, in the database), for a history page to say so."""
    shown = list(chain.with_predecessors(entries)[:limit])
    return shown, chain.first_break_among(shown)


def changes_to(target: models.Model) -> QuerySet[AuditEntry]:
    """The entries recording changes to this object, newest first."""
    return AuditEntry.objects.filter(target_type=target._meta.label_lower, target_id=target.pk)


def entry(
    *,
    action: Action,
    actor,
    target: models.Model,
    changes: dict[str, list[Any]],
    unit=None,
    subject: models.Model | None = None,
) -> AuditEntry:
    """An entry not yet in the log: ``record`` saves one, ``record_all`` many at once."""
    if not isinstance(action, Action):
        raise TypeError(f"an audit action is a declared Action, not {action!r}")
    return AuditEntry(
        action=action.name,
        actor=actor,
        unit=unit,
        target_type=target._meta.label_lower,
        target_id=target.pk,
        target_label=str(target)[:200],
        subject=subject_key(subject) if subject is not None else "",
        changes=changes,
    )


def record(**fields) -> AuditEntry:
    """Record a change: the keyword arguments of ``entry``."""
    return chain.append(entry(**fields))


def record_all(entries: list[AuditEntry]) -> list[AuditEntry]:
    """Record many changes at once (from ``entry``), in their order."""
    return chain.append_all(entries)


def record_changes(
    *,
    action: Action,
    actor,
    target: models.Model,
    before: dict[str, Any],
    fields: list[str],
    unit=None,
    subject: models.Model | None = None,
) -> AuditEntry | None:
    """Record what changed in ``fields`` since ``before`` (``{}`` for a new object);
    nothing when nothing changed."""
    changes = differences(before, snapshot(target, fields))
    if not changes:
        return None
    return record(
        action=action, actor=actor, target=target, changes=changes, unit=unit, subject=subject
    )
