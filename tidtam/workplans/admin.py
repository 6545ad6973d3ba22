"""The tolerance of the computed status and the city's quarterly disbursement targets per
fiscal year, set by an admin (through ``services.tolerance_set`` and ``services.targets_set``,
audited)."""

from django.contrib import admin

from tidtam.workplans import services
from tidtam.workplans.models import QuarterTargets, Tolerance


class YearSettingAdmin(admin.ModelAdmin):
    """A setting per fiscal year: its year fixed once saved, never deleted (what was judged
    against it stays explainable); saved through the app's service, audited."""

    def get_readonly_fields(self, request, obj=None):
        return ["fiscal_year"] if obj else []

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Tolerance)
class ToleranceAdmin(YearSettingAdmin):
    list_display = ["fiscal_year", "points"]

    def save_model(self, request, obj, form, change):
        saved = services.tolerance_set(
            actor=request.user, fiscal_year=obj.fiscal_year, points=obj.points
        )
        obj.pk = saved.pk


@admin.register(QuarterTargets)
class QuarterTargetsAdmin(YearSettingAdmin):
    list_display = ["fiscal_year", "q1", "q2", "q3", "q4"]

    def save_model(self, request, obj, form, change):
        saved = services.targets_set(
            actor=request.user, fiscal_year=obj.fiscal_year, rates=obj.rates
        )
        obj.pk = saved.pk
