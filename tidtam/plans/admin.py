from django.contrib import admin

from tidtam.core.adminwidgets import SafeAutocompleteMixin
from tidtam.plans.models import KPI, PlanNode


class KPIInline(admin.TabularInline):
    model = KPI
    extra = 0


@admin.register(PlanNode)
class PlanNodeAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    list_display = ["code", "title", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "code_key", "title"]
    autocomplete_fields = ["parent"]
    inlines = [KPIInline]


@admin.register(KPI)
class KPIAdmin(admin.ModelAdmin):
    list_display = ["title", "fiscal_year", "target"]
    list_filter = ["fiscal_year"]
    search_fields = ["title"]
