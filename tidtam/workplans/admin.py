"""The tolerance of the computed status and the city's quarterly disbursement targets per
fiscal year, set by an admin (through ``services.tolerance_set`` and ``services.targets_set``,
audited)."""

from django.contrib import admin

from tidtam.workplans import services
from tidtam.workplans.models import QuarterTargets, Tolerance


@admin.register(Tolerance)
class ToleranceAdmin(admin.ModelAdmin):
    list_display = ["fiscal_year", "points"]

    def get_readonly_fields(self, request, obj=None):
        return ["fiscal_year"] if obj else []

    def save_model(self, request, obj, form, change):
        saved = services.tolerance_set(
            actor=request.user, fiscal_year=obj.fiscal_year, points=obj.points
        )
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(QuarterTargets)
class QuarterTargetsAdmin(admin.ModelAdmin):
    list_display = ["fiscal_year", "q1", "q2", "q3", "q4"]

    def get_readonly_fields(self, request, obj=None):
        return ["fiscal_year"] if obj else []

    def save_model(self, request, obj, form, change):
        saved = services.targets_set(
            actor=request.user, fiscal_year=obj.fiscal_year, rates=obj.rates
        )
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        return False
