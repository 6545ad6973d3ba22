from django.contrib import admin

from tidtam.rounds.models import Reopening, ReportingRound, RoundCalendar


class RoundInline(admin.TabularInline):
    model = ReportingRound
    extra = 0


@admin.register(RoundCalendar)
class RoundCalendarAdmin(admin.ModelAdmin):
    list_display = ["fiscal_year", "lock_after_days"]
    inlines = [RoundInline]


@admin.register(Reopening)
class ReopeningAdmin(admin.ModelAdmin):
    list_display = ["round", "unit", "project", "until", "reopened_by", "created_at"]
    list_select_related = ["round__calendar", "unit", "project", "reopened_by"]
    raw_id_fields = ["project", "unit"]
