"""Recording changes in the audit log: every service that writes calls ``record``."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models

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


def record(
    *,
    action: str,
    actor,
    target: models.Model,
    changes: dict[str, list[Any]],
    unit=None,
    project=None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        action=action,
        actor=actor,
        unit=unit,
        target_type=target._meta.model_name,
        target_id=target.pk,
        target_label=str(target)[:200],
        project=project,
        changes=changes,
    )


def record_changes(
    *,
    action: str,
    actor,
    target: models.Model,
    before: dict[str, Any],
    fields: list[str],
    unit=None,
    project=None,
) -> AuditEntry | None:
    """Record what changed in ``fields`` since ``before`` (``{}`` for a new object);
    nothing when nothing changed."""
    changes = differences(before, snapshot(target, fields))
    if not changes:
        return None
    return record(
        action=action, actor=actor, target=target, changes=changes, unit=unit, project=project
    )
