"""The plan's grid: one row per month of the project's period, three inputs each."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from tidtam.core.fields import NameField, ThaiDecimalField
from tidtam.projects.models import PlanStatus
from tidtam.workplans import rules
from tidtam.workplans.selectors import DISAGREES, NO_PLAN

MAX_UPLOAD_BYTES = 1024 * 1024  # a plan of five years is a few kB


def month_fields(label: str) -> dict[str, forms.Field]:
    """A month's three inputs, as the grid shows them and as an upload's cells are read."""
    return {
        "progress": ThaiDecimalField(
            label=_("%(month)s: planned cumulative progress (%%)") % {"month": label},
            min_value=Decimal("0"),
            max_value=Decimal("100"),
            max_digits=5,
            decimal_places=2,
        ),
        "disbursement": ThaiDecimalField(
            label=_("%(month)s: planned disbursement (baht)") % {"month": label},
            min_value=Decimal("0"),
            max_digits=15,
            decimal_places=2,
        ),
        "activities": NameField(
            label=_("%(month)s: planned activities") % {"month": label},
            required=False,
            max_length=1000,
        ),
    }


class PlanGridForm(forms.Form):
    # the version of the plan the grid was loaded from (none for a first plan or revision)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    reason = forms.CharField(
        label=_("Reason for the revision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, months, revising: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.months = months
        self.revising = revising
        if not revising:
            del self.fields["reason"]
        for index, month in enumerate(months):
            for name, field in month_fields(rules.month_label(month)).items():
                self.fields[rules.cell(name, index)] = field

    def rows(self) -> list[rules.Row]:
        data = self.cleaned_data
        return [
            rules.Row(
                month,
                data[rules.cell("progress", index)],
                data[rules.cell("disbursement", index)],
                data.get(rules.cell("activities", index)) or "",
            )
            for index, month in enumerate(self.months)
        ]

    def grid(self) -> list[dict]:
        """The grid's rows for the template: the month and its three bound fields."""
        return [
            {
                "month": month,
                "label": rules.month_label(month),
                "index": index,
                "cells": [
                    self[rules.cell(name, index)]
                    for name in ("progress", "disbursement", "activities")
                ],
            }
            for index, month in enumerate(self.months)
        ]


def initial_of(months, rows: list[rules.Row]) -> dict:
    """The grid's values from a plan's rows (by month)."""
    by_month = {row.month: row for row in rows}
    initial = {}
    for index, month in enumerate(months):
        row = by_month.get(month)
        if row is not None:
            initial[rules.cell("progress", index)] = f"{row.progress.normalize():f}"
            initial[rules.cell("disbursement", index)] = f"{row.disbursement:f}"
            initial[rules.cell("activities", index)] = row.activities
    return initial


class ComputedStatusFilterForm(forms.Form):
    """Filter a list of reports on the status computed from their plans (``selectors.
    filter_reports``)."""

    computed = forms.ChoiceField(
        label=_("Computed status"),
        required=False,
        choices=[
            ("", _("all")),
            *PlanStatus.choices,
            (DISAGREES, _("differs from the declared status")),
            (NO_PLAN, _("no plan")),
        ],
    )


class PlanUploadForm(forms.Form):
    """A plan filled in the template (``sheets``), for the same rules as the grid."""

    file = forms.FileField(
        label=_("The filled-in template (.xlsx or .csv)"),
        help_text=_("One row per month of the project, as in the template; at most 1 MB."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    reason = forms.CharField(
        label=_("Reason for the revision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, revising: bool, **kwargs):
        super().__init__(*args, prefix="upload", **kwargs)
        if not revising:
            del self.fields["reason"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        if not upload.name.lower().endswith((".xlsx", ".csv", ".xlsm")):
            raise forms.ValidationError(_("Upload an .xlsx or .csv file."))
        return upload
