"""What the apps' admin pages share."""

from django.contrib import admin, messages
from django.contrib.admin import widgets
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect


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


class ThroughServices:
    """For a ModelAdmin whose ``save_model`` writes through the app's service (checked, one
    transaction, audited): what the service refuses after the form's own checks (a unit put
    inside itself) comes back as a message on the form's page, nothing saved, not a 500.
    Rows others refer to are never deleted here."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return HttpResponseRedirect(request.get_full_path())

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written elsewhere (a page with its own review and audit, or a service): the admin
    lists and shows them, and changes nothing."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
