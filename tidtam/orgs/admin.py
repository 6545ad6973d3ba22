from contextvars import ContextVar

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, UserChangeForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from tidtam.core.adminwidgets import LoadedVersionForm, SafeAutocompleteMixin, ThroughServices
from tidtam.orgs import services
from tidtam.orgs.forms import AdminLoginForm
from tidtam.orgs.models import Membership, Unit, User

admin.site.login_form = AdminLoginForm  # the admin's login is throttled like the site's
admin.site.unregister(Group)  # roles are memberships of units (orgs.Membership), not groups


class MembershipInline(SafeAutocompleteMixin, admin.TabularInline):
    """A role in a unit is given or taken away (``services.membership_add`` and
    ``membership_remove``, audited), never edited in place."""

    model = Membership
    extra = 0
    autocomplete_fields = ["unit"]

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None or not obj.pk  # the rows of a new person only


# the administrator at work in the admin's password page, for its form (which Django's view
# makes without the request)
_acting: ContextVar[User] = ContextVar("acting")


class PasswordForm(AdminPasswordChangeForm):
    """The admin's "change password": saved and recorded by ``services.password_set``."""

    def save(self, commit=True):
        data = self.cleaned_data
        typed = data["password1"] if data["set_usable_password"] else None
        return services.password_set(actor=_acting.get(), user=self.user, password=typed)


class PersonForm(LoadedVersionForm, UserChangeForm):
    """A person's page, refused when someone else saved the person since it was opened."""


@admin.register(User)
class UserAdmin(ThroughServices, BaseUserAdmin):
    """A person's name, contact and access flags are saved through ``services.person_update``
    and their roles through the membership services, all audited. Django's groups and
    permissions are not used by tidtam and are not offered."""

    fieldsets = (
        (None, {"fields": ("username", "password", "loaded_version")}),
        (_("Personal info"), {"fields": ("full_name", "position", "email")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined"]
    list_display = ["username", "full_name", "position", "is_active"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["username", "full_name"]
    inlines = [MembershipInline]
    form = PersonForm
    change_password_form = PasswordForm

    def user_change_password(self, request, id, form_url=""):
        token = _acting.set(request.user)
        try:
            return super().user_change_password(request, id, form_url)
        finally:
            _acting.reset(token)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            fields = services.PERSON_FIELDS + services.ACCESS_FIELDS
            changes = {name: data[name] for name in fields if name in data}
            version = data["loaded_version"]
            services.person_update(actor=request.user, user=obj, version=version, **changes)
            return
        typed = data.get("password1") if data.get("set_usable_password") else None
        saved = services.person_create(
            actor=request.user, username=data["username"], full_name="", password=typed
        )
        obj.pk, obj.password = saved.pk, saved.password
        obj._state.adding = False

    def save_formset(self, request, form, formset, change):
        for row in formset.forms:
            if row.instance.pk and formset._should_delete_form(row):
                services.membership_remove(actor=request.user, membership=row.instance)
            elif not row.instance.pk and row.has_changed() and not formset._should_delete_form(row):
                data = row.cleaned_data
                services.membership_add(
                    actor=request.user, user=form.instance, unit=data["unit"], role=data["role"]
                )

    def construct_change_message(self, request, form, formsets, add=False):
        # the roles were saved by the services, not by the formset: the audit log has them
        return super().construct_change_message(request, form, None, add)


@admin.register(Unit)
class UnitAdmin(ThroughServices, SafeAutocompleteMixin, admin.ModelAdmin):
    form = LoadedVersionForm
    list_display = ["name", "kind", "agency_code", "code", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "agency_code", "code"]
    autocomplete_fields = ["parent"]

    def save_model(self, request, obj, form, change):
        """Through ``services``: audited, and a unit moved takes its whole subtree with it
        (the paths every access check reads)."""
        values = {name: form.cleaned_data[name] for name in services.UNIT_FIELDS}
        if change:
            version = form.cleaned_data["loaded_version"]
            saved = services.unit_update(actor=request.user, unit=obj, version=version, **values)
        else:
            saved = services.unit_create(actor=request.user, **values)
        obj.pk, obj.path = saved.pk, saved.path
