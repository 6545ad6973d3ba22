"""The reporting calendar in the admin site. A calendar and its rounds are saved through
``services.calendar_save`` (one transaction, audited, counted); a save made from a page loaded
before someone else's is refused, saying what they changed (``core.concurrency``)."""

import copy
import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

from tidtam.core import concurrency
from tidtam.core.adminwidgets import ReadOnlyAdmin
from tidtam.core.forms import VersionedForm
from tidtam.lib.thai import format_date_short
from tidtam.rounds import services
from tidtam.rounds.models import Reopening, ReportingRound, RoundCalendar


def stale_message(stale: concurrency.StaleEdit, form: forms.Form) -> str:
    """The refusal of a stale save in the admin site, naming who changed what."""
    stale.restate(form, {"rounds": _rounds_as_text})
    return _(
        "%(who)s saved this calendar while you were editing it, so nothing of yours is saved. "
        "What they changed: %(changes)s. Open the page again to see the calendar as it is now, "
        "then make your change again."
    ) % {"who": stale.who, "changes": stale.summary}


def _rounds_as_text(kept: dict | None) -> dict[str, str]:
    """Round → its dates in words, from the rounds as the audit log keeps them."""
    return {
        _("round %(number)s") % {"number": number}: _round_text(dates)
        for number, dates in (kept or {}).items()
    }


def _round_text(dates: list[str]) -> str:
    start, end, due = (format_date_short(dt.date.fromisoformat(d)) for d in dates)
    return _("%(start)s–%(end)s, due %(due)s") % {"start": start, "end": end, "due": due}


class RoundCalendarForm(forms.ModelForm):
    """The calendar's form carries the version it was loaded from."""

    # VersionedForm's field, named apart: the admin site refuses a form field named after the
    # model's own version, which is not editable
    loaded_version = copy.deepcopy(VersionedForm.base_fields["version"])

    class Meta:
        model = RoundCalendar
        fields = ["fiscal_year", "lock_after_days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version
        else:  # a new calendar has no version yet
            self.fields["loaded_version"].required = False

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("loaded_version"):
            try:
                concurrency.check(self.instance, cleaned["loaded_version"])
            except concurrency.StaleEdit as stale:
                raise ValidationError(stale_message(stale, self)) from stale
        return cleaned


class RoundInline(admin.TabularInline):
    model = ReportingRound
    extra = 0


@admin.register(RoundCalendar)
class RoundCalendarAdmin(admin.ModelAdmin):
    form = RoundCalendarForm
    list_display = ["fiscal_year", "lock_after_days"]
    inlines = [RoundInline]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except concurrency.StaleEdit as stale:  # saved by someone else since the form's check
            messages.error(request, stale_message(stale, self.form()))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return HttpResponseRedirect(request.get_full_path())

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
