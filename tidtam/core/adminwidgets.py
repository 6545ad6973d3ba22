"""What the apps' admin pages share."""

import copy

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import widgets
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

from tidtam.core import concurrency
from tidtam.core.fields import ThaiDateField
from tidtam.core.forms import VersionedForm


class AutocompleteSelect(widgets.AutocompleteSelect):
    """Django's autocomplete, except that a submitted value that names no row (``abc``, a
    number too large for the key) is left out when the form is shown again with its error:
    Django's own looks the values up with ``IN`` and answers such a value with a 500."""

    def optgroups(self, name, value, attr=None):
        rows = self.choices.queryset.using(self.db)
        key = self.field.target_field.attname
        known = []
        for item in value:
            try:
                if rows.filter(**{key: item}).exists():  # an exact lookup: safe from overflow
                    known.append(item)
            except (TypeError, ValueError, ValidationError):
                continue
        return super().optgroups(name, known, attr)


class SafeAutocompleteMixin:
    """For a ModelAdmin or an inline with ``autocomplete_fields``: the widget above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class LoadedVersionForm(forms.ModelForm):
    """The admin form of a versioned row (``core.models.Versioned``): it carries the version
    the row was loaded at, and a save made after someone else's is refused on the page with
    who changed what (the service checks again with the row locked: pass it
    ``cleaned_data["loaded_version"]``)."""

    # VersionedForm's field, named apart: the admin site refuses a form field named after the
    # model's own version, which is not editable
    loaded_version = copy.deepcopy(VersionedForm.base_fields["version"])
    # a change the audit log keeps in another shape than the form's fields (``StaleEdit.restate``)
    kept_as: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version
        else:  # a new row has no version yet
            self.fields["loaded_version"].required = False

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            try:
                concurrency.check(self.instance, cleaned.get("loaded_version"))
            except concurrency.StaleEdit as stale:
                raise ValidationError(self.stale_message(stale)) from stale
        return cleaned

    def stale_message(self, stale: concurrency.StaleEdit) -> str:
        """The refusal, naming who changed what in this form's terms."""
        stale.restate(self, self.kept_as)
        return _(
            "%(who)s saved this while you were editing it: %(changes)s. Nothing of yours was "
            "saved: open the page again and make your change on the current values."
        ) % {"who": stale.who, "changes": stale.summary}


class ThroughServices:
    """For a ModelAdmin whose ``save_model`` writes through the app's service (checked, one
    transaction, audited): what the service refuses after the form's own checks (a unit put
    inside itself, a save that lost the race to another) comes back as a message on the
    form's page, nothing saved, not a 500. Rows others refer to are never deleted here."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        except concurrency.StaleEdit as stale:  # saved by someone else since the form's check
            form = self.get_form(request, self.get_object(request, object_id))()
            messages.error(request, form.stale_message(stale))
        return HttpResponseRedirect(request.get_full_path())

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class BuddhistEraDates:
    """For a ModelAdmin or an inline whose dates are typed: as everywhere in tidtam, in the
    Buddhist Era (16/01/2566, Thai digits welcome) rather than Django's Christian-era
    calendar widget."""

    formfield_overrides = {models.DateField: {"form_class": ThaiDateField, "widget": None}}


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written elsewhere (a page with its own review and audit, or a service): the admin
    lists and shows them, and changes nothing."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
