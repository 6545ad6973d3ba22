from django import forms
from django.utils.translation import gettext_lazy as _

from tidtam.core.fields import ThaiDecimalField
from tidtam.core.forms import VersionedForm
from tidtam.ita.forms import MultipleFileField


class ResultForm(VersionedForm):
    """A quarter's result; ``version`` is empty for a quarter filed the first time."""

    result = ThaiDecimalField(
        label=_("Cumulative result"),
        required=False,
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
    score = ThaiDecimalField(label=_("Score"), required=False, min_value=0)
    second = ThaiDecimalField(label=_("Second figure of the pair"), required=False, min_value=0)
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("A note can stand instead of a number."),
    )


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Fiscal year (B.E.)"), min_value=2500, max_value=2700)
