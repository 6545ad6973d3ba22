from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from tidtam.core.adminwidgets import SafeAutocompleteMixin, ThroughServices
from tidtam.orgs import services
from tidtam.orgs.forms import AdminLoginForm
from tidtam.orgs.models import Membership, Unit, User

admin.site.login_form = AdminLoginForm  # the admin's login is throttled like the site's


class MembershipInline(SafeAutocompleteMixin, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, ("tidtam", {"fields": ("full_name", "position")}))
    list_display = ["username", "full_name", "position", "is_active"]
    search_fields = ["username", "full_name"]
    inlines = [MembershipInline]


@admin.register(Unit)
class UnitAdmin(ThroughServices, SafeAutocompleteMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "agency_code", "code", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "agency_code", "code"]
    autocomplete_fields = ["parent"]

    def save_model(self, request, obj, form, change):
        """Through ``services``: audited, and a unit moved takes its whole subtree with it
        (the paths every access check reads)."""
        values = {name: form.cleaned_data[name] for name in services.UNIT_FIELDS}
        if change:
            saved = services.unit_update(actor=request.user, unit=obj, **values)
        else:
            saved = services.unit_create(actor=request.user, **values)
        obj.pk, obj.path = saved.pk, saved.path
