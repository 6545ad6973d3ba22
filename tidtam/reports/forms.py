from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from tidtam.core.fields import RichTextField, ThaiDateField, ThaiDecimalField
from tidtam.core.forms import VersionedForm
from tidtam.projects.models import PlanStatus
from tidtam.reports.models import DelayCategory, TargetStatus


class ReportForm(forms.Form):
    date = ThaiDateField(label=_("Report date"))
    narrative = RichTextField(label=_("Progress narrative"))
    progress_percent = ThaiDecimalField(label=_("Cumulative progress (%)"))
    budget_disbursed = ThaiDecimalField(
        label=_("Budget disbursed this round (baht)"), initial="0", min_value=Decimal(0)
    )
    plan_status = forms.ChoiceField(
        label=_("Plan status"), choices=PlanStatus.choices, widget=forms.RadioSelect
    )
    target_status = forms.ChoiceField(
        label=_("Target status"), choices=TargetStatus.choices, widget=forms.RadioSelect
    )
    delay_category = forms.ChoiceField(
        label=_("Reason for delay"),
        choices=[("", "–"), *DelayCategory.choices],
        required=False,
        help_text=_("Required before submitting a report that is behind plan or off target."),
    )
    delay_note = forms.CharField(
        label=_("Details of the delay"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ReportEditForm(VersionedForm, ReportForm):
    pass


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the unit"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
