"""The plan's grid: one row per month of the project's period, three inputs each."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from tidtam.core.fields import NameField, ThaiDecimalField
from tidtam.projects.models import PlanStatus
from tidtam.workplans import rules
from tidtam.workplans.selectors import DISAGREES, NO_PLAN


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
            label = rules.month_label(month)
            self.fields[rules.cell("progress", index)] = ThaiDecimalField(
                label=_("%(month)s: planned cumulative progress (%%)") % {"month": label},
                min_value=Decimal("0"),
                max_value=Decimal("100"),
            )
            self.fields[rules.cell("disbursement", index)] = ThaiDecimalField(
                label=_("%(month)s: planned disbursement (baht)") % {"month": label},
                min_value=Decimal("0"),
            )
            self.fields[rules.cell("activities", index)] = NameField(
                label=_("%(month)s: planned activities") % {"month": label},
                required=False,
                max_length=1000,
            )

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
