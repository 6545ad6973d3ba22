"""How a change in the audit log reads to a person: the one place that turns a value as the log
keeps it (``audit.json_value``: dates as ISO strings, amounts as strings, choices by their key,
related rows by their name, many-to-many as lists) into text — Buddhist Era dates, amounts with
thousands separators, choices by their label in the reader's language, lists joined. Entries
stored before any of this (a related row kept by its id) read the same way."""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from tidtam.core.spreadsheets import SOURCE_FILE
from tidtam.lib import money, thai

EMPTY = "–"
LONGEST = 300  # characters of a long text shown in a history
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def model_field(target_type: str, name: str) -> models.Field | None:
    """The field of the changed model, when the model and the field still exist."""
    try:
        return apps.get_model(target_type)._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return None


def field_label(target_type: str, name: str) -> str:
    """The changed field's name in the reader's language."""
    field = model_field(target_type, name)
    if field is None:
        return _("uploaded file") if name == SOURCE_FILE else name
    if field.auto_created and not field.concrete:  # the rows of another table pointing here
        return str(field.related_model._meta.verbose_name_plural)
    return str(field.verbose_name)


def readable(value: Any, field: models.Field | None = None) -> str:
    """A value kept in the audit log, as a person reads it."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, list | tuple):
        return ", ".join(readable(item, field) for item in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict):
        return ", ".join(f"{key}: {readable(item)}" for key, item in value.items())
    if field is not None:
        shown = _by_field(value, field)
        if shown is not None:
            return shown
    return _by_shape(value)


def _by_field(value: Any, field: models.Field) -> str | None:
    choices = dict(field.flatchoices) if getattr(field, "choices", None) else None
    if choices and value in choices:
        return str(choices[value])
    if isinstance(field, models.ForeignKey) and isinstance(value, int):
        # entries written before related rows were kept by their name held the id
        found = field.related_model._default_manager.filter(pk=value).first()
        return str(found) if found else f"#{value}"
    if isinstance(field, models.DecimalField):
        amount = _decimal(value)
        if amount is not None:
            return _amount(amount, field.name)
    if isinstance(field, models.IntegerField | models.ForeignKey | models.ManyToManyField):
        return str(value)  # a year or a number: no separators
    return None


def _by_shape(value: Any) -> str:
    """A value of a field tidtam no longer knows, read from how it looks."""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        return money.format_baht(Decimal(str(value)))
    text = str(value)
    if ISO_DATE.match(text):
        return thai.format_date_short(dt.date.fromisoformat(text))
    if ISO_DATETIME.match(text):
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            return text
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return f"{thai.format_date_short(moment.date())} {moment:%H:%M}"
    return Truncator(strip_tags(text)).chars(LONGEST)


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _amount(amount: Decimal, name: str) -> str:
    if "percent" in name:
        return f"{money.format_percent(amount)} %"
    return money.format_baht(amount)


def readable_change(target_type: str, name: str, value: Any) -> str:
    """One side of a change to ``name`` of a ``target_type`` (``projects.project``)."""
    return readable(value, model_field(target_type, name))
