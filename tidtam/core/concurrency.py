"""No edit overwrites another unseen. A versioned row counts its saves; an edit form carries
the version it was loaded from, and the service refuses a save made from an older one
(``check``), saying what the other person changed. The user's own changes are put back on
the current values (``reapply``) for them to look over and save again.

What changed since a version is read from the audit log: each save that changes something
records its version (``version: [n, n + 1]``) with the fields it changed (``record_edit``, or
``record_save`` for a service that states its changes itself)."""

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.db import models
from django.db.models import F
from django.utils.translation import gettext as _

from tidtam.core import audit
from tidtam.core.actions import Action
from tidtam.core.models import AuditEntry


@dataclass
class FieldChange:
    name: str
    label: str
    loaded: Any  # the value the user's form was loaded with (as the audit log keeps values)
    now: Any
    conflict: bool = False  # the user changed it too
    choices: dict = field(default_factory=dict)  # value → what the form shows for it

    @property
    def loaded_shown(self) -> Any:
        return self._shown(self.loaded)

    @property
    def now_shown(self) -> Any:
        return self._shown(self.now)

    def _shown(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return ", ".join(str(self._shown(item)) for item in value)
        if isinstance(value, Decimal):
            return f"{value.normalize():f}"  # 30 for 30.0000
        return self.choices.get(value, value) if isinstance(value, Hashable) else value


class StaleEdit(Exception):
    """The row was saved by someone else after the user's form was loaded."""

    def __init__(self, target: models.Model, loaded: int, entries: list[AuditEntry]):
        super().__init__(f"{target._meta.label} {target.pk}: version {loaded} is stale")
        self.target, self.loaded, self.entries = target, loaded, entries
        self.changes: dict[str, FieldChange] = {}
        for entry in entries:
            for name, (before, after) in entry.field_changes.items():
                change = self.changes.setdefault(
                    name, FieldChange(name, entry.field_label(name), before, after)
                )
                change.now = after

    def restate(self, form, kept_as: Mapping[str, Callable[[Any], dict[str, Any]]]) -> None:
        """Say the changes in the terms of the user's form. ``kept_as``: for a change the audit
        log keeps in another shape than the form's fields (the counts of a table in one entry,
        yes or no as a boolean), the form's values (field → value) a kept value stands for; it
        becomes one change per form field whose value changed. Each change is labelled as the
        form labels its field, and a choice shows as the form shows it."""
        changes: dict[str, FieldChange] = {}
        for name, change in self.changes.items():
            if name not in kept_as:
                changes[name] = change
                continue
            loaded, now = kept_as[name](change.loaded), kept_as[name](change.now)
            for key in dict.fromkeys([*loaded, *now]):
                if loaded.get(key) != now.get(key):
                    changes[key] = FieldChange(key, key, loaded.get(key), now.get(key))
        for name, change in changes.items():
            found = form.fields.get(name)
            if found is not None and found.label:
                change.label = str(found.label)  # as the page names it
            if isinstance(found, forms.ChoiceField) and not isinstance(
                found, forms.ModelChoiceField
            ):
                change.choices = {value: str(label) for value, label in found.choices}
        self.changes = changes

    @property
    def summary(self) -> str:
        """What changed, on one line: "label: before → after; …"."""
        return "; ".join(
            f"{c.label}: {_shown(c.loaded_shown)} → {_shown(c.now_shown)}"
            for c in self.changes.values()
        )

    @property
    def who(self) -> str:
        """Who saved since the user's form was loaded."""
        return ", ".join(
            sorted({str(e.actor.full_name or e.actor) for e in self.entries if e.actor})
        ) or _("someone else")

    @property
    def message(self) -> str:
        return _(
            "%(who)s saved this while you were editing it. Your changes are not saved yet: "
            "they are put back on the current values below. Check them and save again."
        ) % {"who": self.who}


def check(target: models.Model, loaded: int | None) -> None:
    """Refuse a save from a form loaded at an older version (call it with the row locked).
    ``None``: a write that comes from no form (an import, a command)."""
    if loaded is None or loaded == target.version:
        return
    since = [
        entry
        for entry in audit.changes_to(target).select_related("actor").order_by("id")
        if entry.changes.get("version", [0, 0])[1] > loaded
    ]
    raise StaleEdit(target, loaded, since)


def record_save(
    *,
    action: Action,
    actor,
    target: models.Model,
    changes: dict[str, list[Any]],
    unit=None,
    subject: models.Model | None = None,
) -> AuditEntry | None:
    """After a versioned row was saved with these changes (``{field: [before, after]}``): when
    there are any, count the save (its version goes up by one) and record it with its version;
    nothing when nothing changed. The one place a save is counted."""
    if not changes:
        return None
    type(target).objects.filter(pk=target.pk).update(version=F("version") + 1)
    changes = {**changes, "version": [target.version, target.version + 1]}
    target.version += 1
    return audit.record(
        action=action, actor=actor, target=target, changes=changes, unit=unit, subject=subject
    )


def record_edit(
    *,
    action: Action,
    actor,
    target: models.Model,
    before: dict[str, Any],
    fields: list[str],
    unit=None,
    subject: models.Model | None = None,
) -> AuditEntry | None:
    """After a versioned row was saved: when something really changed, count the save (its
    version goes up by one) and record it with its version; nothing when nothing changed."""
    return record_save(
        action=action,
        actor=actor,
        target=target,
        changes=audit.differences(before, audit.snapshot(target, fields)),
        unit=unit,
        subject=subject,
    )


def reapply(stale: StaleEdit, current: dict[str, Any], mine: dict[str, Any]) -> dict[str, Any]:
    """The initial values of a form that puts the user's own changes on the current values:
    what they changed stays theirs; what only the other person changed takes its new value;
    a field both changed keeps the user's value and is marked as a conflict."""
    merged = dict(mine)
    for name, change in stale.changes.items():
        if name not in mine:
            continue
        if _same(mine[name], change.loaded):
            merged[name] = current.get(name)
        else:
            change.conflict = True
    merged["version"] = stale.target.version
    return merged


def _shown(value: Any) -> str:
    return "–" if value is None or value == "" else str(value)


def _same(value: Any, kept: Any) -> bool:
    """Whether a form's value is the value the audit log kept (amounts compared as numbers,
    the objects of a many-to-many by their names, text without its line-ending style)."""
    if isinstance(value, Decimal):
        return kept is not None and Decimal(kept) == value
    if isinstance(value, list | tuple | models.QuerySet):
        value = sorted(str(item) for item in value)
    if isinstance(value, str) and isinstance(kept, str):
        return value.replace("\r\n", "\n").strip() == kept.replace("\r\n", "\n").strip()
    return audit.json_value(value) == kept
