"""The plan tree and its KPIs, set up by an admin through ``services`` (audited). A plan item
is matched on its kind, code and place: once saved, only its title changes."""

from django.contrib import admin

from tidtam.core.adminwidgets import (
    LoadedVersionForm,
    ReadOnlyAdmin,
    SafeAutocompleteMixin,
    ThroughServices,
)
from tidtam.plans import services
from tidtam.plans.models import KPI, PlanNode


class KPIInline(admin.TabularInline):
    """A KPI is added under its target (``services.kpi_create``); what was saved stays."""

    model = KPI
    extra = 0

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PlanNode)
class PlanNodeAdmin(ThroughServices, SafeAutocompleteMixin, admin.ModelAdmin):
    form = LoadedVersionForm
    list_display = ["code", "title", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "code_key", "title"]
    autocomplete_fields = ["parent"]
    inlines = [KPIInline]

    def get_readonly_fields(self, request, obj=None):
        return ["kind", "code", "parent"] if obj else []

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            saved = services.plan_node_update(
                actor=request.user, node=obj, title=data["title"], version=data["loaded_version"]
            )
        else:
            saved = services.plan_node_create(
                actor=request.user,
                kind=data["kind"],
                code=data["code"],
                title=data["title"],
                parent=data["parent"],
            )
        obj.pk = saved.pk

    def save_formset(self, request, form, formset, change):
        for row in formset.forms:
            if row.instance.pk is None and row.has_changed():
                services.kpi_create(
                    actor=request.user,
                    target=form.instance,
                    fiscal_year=row.cleaned_data["fiscal_year"],
                    title=row.cleaned_data["title"],
                )

    def construct_change_message(self, request, form, formsets, add=False):
        # the KPIs were saved by the service, not by the formset: the audit log has them
        return super().construct_change_message(request, form, None, add)


@admin.register(KPI)
class KPIAdmin(ReadOnlyAdmin):
    """KPIs are added under their target; here they are listed."""

    list_display = ["title", "fiscal_year", "target"]
    list_filter = ["fiscal_year"]
    search_fields = ["title"]
