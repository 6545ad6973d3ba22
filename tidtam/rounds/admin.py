"""The reporting calendar in the admin site. A calendar and its rounds are saved through
``services.calendar_save`` (one transaction, audited, counted); a save made from a page loaded
before someone else's is refused, saying what they changed (``core.concurrency``)."""

import datetime as dt

from django.contrib import admin
from django.utils.translation import gettext as _

from tidtam.core.adminwidgets import (
    BuddhistEraDates,
    LoadedVersionForm,
    ReadOnlyAdmin,
    ThroughServices,
)
from tidtam.lib.thai import format_date_short
from tidtam.rounds import services
from tidtam.rounds.models import Reopening, ReportingRound, RoundCalendar


def _rounds_as_text(kept: dict | None) -> dict[str, str]:
    """Round → its dates in words, from the rounds as the audit log keeps them."""
    return {
        _("round %(number)s") % {"number": number}: _round_text(dates)
        for number, dates in (kept or {}).items()
    }


def _round_text(dates: list[str]) -> str:
    start, end, due = (format_date_short(dt.date.fromisoformat(d)) for d in dates)
    return _("%(start)s–%(end)s, due %(due)s") % {"start": start, "end": end, "due": due}


class RoundCalendarForm(LoadedVersionForm):
    """The calendar's form: a stale save names the rounds that changed by their dates."""

    kept_as = {"rounds": _rounds_as_text}

    class Meta:
        model = RoundCalendar
        fields = ["fiscal_year", "lock_after_days"]


class RoundInline(BuddhistEraDates, admin.TabularInline):
    model = ReportingRound
    extra = 0


@admin.register(RoundCalendar)
class RoundCalendarAdmin(ThroughServices, admin.ModelAdmin):
    form = RoundCalendarForm
    list_display = ["fiscal_year", "lock_after_days"]
    inlines = [RoundInline]

    def save_model(self, request, obj, form, change):
        """Saved with its rounds, through the service (``save_related``)."""

    def save_related(self, request, form, formsets, change):
        rounds = []
        for formset in formsets:
            for row in formset.forms:
                if not row.instance.pk and (
                    not row.has_changed() or formset._should_delete_form(row)
                ):
                    continue  # an empty extra row, or one added and removed at once
                rounds.append(
                    {
                        "id": row.instance.pk,
                        "delete": formset._should_delete_form(row),
                        **{name: row.cleaned_data.get(name) for name in services.ROUND_FIELDS},
                    }
                )
        saved = services.calendar_save(
            actor=request.user,
            calendar=form.instance if change else None,
            fiscal_year=form.cleaned_data["fiscal_year"],
            lock_after_days=form.cleaned_data["lock_after_days"],
            rounds=rounds,
            version=form.cleaned_data.get("loaded_version"),
        )
        form.instance.pk, form.instance.version = saved.pk, saved.version

    def construct_change_message(self, request, form, formsets, add=False):
        # the rounds were saved by the service, not by the formsets: the audit log has them
        return super().construct_change_message(request, form, None, add)


@admin.register(Reopening)
class ReopeningAdmin(ReadOnlyAdmin):
    """A coordinator reopens a round on the rounds page (``services``, audited); listed here."""

    list_display = ["round", "unit", "project", "until", "reopened_by", "created_at"]
    list_select_related = ["round__calendar", "unit", "project", "reopened_by"]
    raw_id_fields = ["project", "unit"]
