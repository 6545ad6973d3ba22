from django import forms
from django.utils.translation import gettext_lazy as _

from tidtam.core.fields import ModelChoiceField
from tidtam.orgs import access
from tidtam.orgs.models import Unit


class BatchForm(forms.Form):
    unit = ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    fiscal_year = forms.IntegerField(label=_("Fiscal year (B.E.)"), min_value=2500, max_value=2700)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = access.readable_units(user).exclude(kind=Unit.Kind.CITY)
