from django import forms
from django.utils.translation import gettext_lazy as _

from tidtam.core.fields import (
    ModelChoiceField,
    ModelMultipleChoiceField,
    ThaiDecimalField,
    ThaiIntegerField,
)
from tidtam.core.forms import VersionedForm
from tidtam.indicators.models import AMOUNT, SCORE, Dimension, Direction, Kind, Source
from tidtam.ita.forms import MultipleFileField
from tidtam.lib.thai import to_arabic_digits
from tidtam.orgs import access
from tidtam.orgs.models import Unit
from tidtam.plans.models import PlanNode
from tidtam.projects.models import Project


class ResultForm(VersionedForm):
    """A quarter's result; ``version`` is empty for a quarter filed the first time."""

    result = ThaiDecimalField(
        label=_("Cumulative result"),
        required=False,
        **AMOUNT,
        help_text=_("Results can exceed the target, e.g. 104.15."),
    )
    narrative = forms.CharField(
        label=_("What was done this quarter"), widget=forms.Textarea(attrs={"rows": 6})
    )
    reason = forms.CharField(
        label=_("Why the result is off its quarterly target"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Required when the result is off the quarter's target."),
    )
    files = MultipleFileField(label=_("Evidence files"), required=False)

    def __init__(self, *args, typed: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].required = False
        if not typed:  # the result comes from tidtam's data
            del self.fields["result"]


class StepForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the unit"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class AssessForm(forms.Form):
    score = ThaiDecimalField(label=_("Score"), required=False, min_value=0, **SCORE)
    second = ThaiDecimalField(
        label=_("Second figure of the pair"), required=False, min_value=0, **SCORE
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("A note can stand instead of a number."),
    )


class ListFilter(forms.Form):
    year = ThaiIntegerField(
        label=_("Fiscal year (B.E.)"), min_value=2500, max_value=2700, required=False
    )
    strategy = ThaiIntegerField(required=False, min_value=1, max_value=2**31 - 1)


class IndicatorForm(VersionedForm):
    """An indicator's year, as an admin or the agency's coordinator registers or changes it;
    ``version`` is empty for a new year."""

    name = forms.CharField(label=_("Indicator name"), max_length=1000)
    responsible_unit = ModelChoiceField(label=_("Responsible unit"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    dimension = forms.TypedChoiceField(label=_("Dimension"), choices=Dimension.choices, coerce=int)
    negotiated = forms.BooleanField(label=_("Negotiated indicator"), required=False)
    unit_of_measure = forms.CharField(label=_("Unit of measure"), max_length=100)
    direction = forms.ChoiceField(
        label=_("Direction"), choices=Direction.choices, widget=forms.RadioSelect
    )
    target = ThaiDecimalField(label=_("Annual target"), **AMOUNT)
    q1_target = ThaiDecimalField(label=_("Cumulative target, quarter 1"), required=False, **AMOUNT)
    q2_target = ThaiDecimalField(label=_("Cumulative target, quarter 2"), required=False, **AMOUNT)
    q3_target = ThaiDecimalField(label=_("Cumulative target, quarter 3"), required=False, **AMOUNT)
    q4_target = ThaiDecimalField(label=_("Cumulative target, quarter 4"), required=False, **AMOUNT)
    source = forms.ChoiceField(label=_("The result comes from"), choices=Source.choices)
    definition = forms.CharField(
        label=_("Definition"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    calculation = forms.CharField(
        label=_("How it is calculated"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    data_source = forms.CharField(
        label=_("Data source"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    plan_targets = ModelMultipleChoiceField(
        label=_("Plan alignment: targets"),
        queryset=PlanNode.objects.filter(kind=PlanNode.Kind.TARGET),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    projects = forms.CharField(
        label=_("Contributing projects: their codes, one a line"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].required = False
        self.fields["responsible_unit"].queryset = Unit.objects.filter(
            access.subtree_q({a.path for a in agencies}, "path")
        ).exclude(kind=Unit.Kind.CITY)

    def clean_projects(self) -> list:
        codes = [c.strip() for c in to_arabic_digits(self.cleaned_data["projects"]).split()]
        found = {p.code: p for p in Project.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise forms.ValidationError(_("No such project: %s") % ", ".join(unknown))
        return [found[code] for code in dict.fromkeys(codes)]


class NewIndicatorForm(IndicatorForm):
    agency = ModelChoiceField(label=_("Agency"), queryset=None)
    fiscal_year = ThaiIntegerField(label=_("Fiscal year (B.E.)"), min_value=2500, max_value=2700)
    field_order = ["agency", "fiscal_year"]

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, agencies=agencies, **kwargs)
        self.fields["agency"].queryset = agencies
