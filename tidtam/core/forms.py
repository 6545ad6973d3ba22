from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

from tidtam.core import concurrency
from tidtam.core.fields import ThaiDateField

# Django's own "required" message, translated in our catalogue too (see NamingBoundField)
GENERIC_REQUIRED = _("This field is required.")


def required_message(field: BoundField) -> str:
    """What to say when ``field`` was left empty, naming it: "กรุณากรอกวันที่รายงาน"."""
    widget = field.field.widget
    if isinstance(field.field, ThaiDateField):
        message = _("Please enter the date “%(field)s”.")
    elif getattr(widget, "input_type", None) == "file":
        message = _("Please attach %(field)s.")
    elif getattr(widget, "input_type", None) == "checkbox" and not widget.allow_multiple_selected:
        message = _("Please tick “%(field)s”.")
    elif isinstance(widget, forms.Select | forms.RadioSelect | forms.CheckboxSelectMultiple):
        message = _("Please choose “%(field)s”.")
    else:
        message = _("Please fill in %(field)s.")
    return message % {"field": field.label}


class NamingBoundField(BoundField):
    """A field's errors, with Django's "This field is required." said as a person would,
    naming the field (``required_message``); a form's own wording is kept."""

    @property
    def errors(self):
        errors = super().errors
        data = errors.as_data()
        generic = str(GENERIC_REQUIRED)
        if not any(e.code == "required" and str(e.message) == generic for e in data):
            return errors
        named = [
            required_message(self) if e.code == "required" and str(e.message) == generic else e
            for e in data
        ]
        return self.form.error_class(named, renderer=self.form.renderer)


class FormRenderer(DjangoTemplates):
    """The project's ``FORM_RENDERER``: Django's, with ``NamingBoundField`` for every form."""

    bound_field_class = NamingBoundField


class VersionedForm(forms.Form):
    """An edit form that carries the version of the row it was loaded from, so that the
    service can refuse a save over someone else's (``core.concurrency``)."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"required": _("This form is incomplete: open the page again.")},
    )


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's refusal next to the fields it names (or on top of the form)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def save_edit(
    form: forms.Form,
    save: Callable[[], Any],
    as_saved: Callable[[Any], dict],
    again: Callable[[dict], forms.Form],
    kept_as: Mapping[str, Callable[[Any], dict[str, Any]]] | None = None,
) -> tuple[forms.Form, concurrency.StaleEdit | None, bool]:
    """Save a valid edit form through its service: ``(form, stale, saved)``. A refusal goes
    next to the fields it names; a save over someone else's (``core.concurrency``) gives a new
    form, ``again(initial)``, with the user's own changes put back on the row's current values
    (``as_saved(row)``), and the refusal to show above it, in the form's terms (``kept_as``:
    see ``StaleEdit.restate``)."""
    try:
        save()
    except ValidationError as error:
        apply_errors(form, error)
        return form, None, False
    except concurrency.StaleEdit as stale:
        stale.restate(form, kept_as or {})
        mine = concurrency.reapply(stale, as_saved(stale.target), form.cleaned_data)
        return again(mine), stale, False
    return form, None, True
