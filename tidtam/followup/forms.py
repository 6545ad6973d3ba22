import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tidtam.core.fields import ModelChoiceField, ThaiDateField, ThaiDecimalField, ThaiIntegerField
from tidtam.orgs.models import Unit
from tidtam.projects.models import PlanStatus
from tidtam.workplans.selectors import NO_PLAN


class FiscalYearForm(forms.Form):
    fy = ThaiIntegerField(label=_("Fiscal year"), required=False, min_value=2500, max_value=2700)


class DashboardForm(FiscalYearForm):
    computed = forms.ChoiceField(
        label=_("Status computed from the plan"),
        required=False,
        choices=[("", _("all")), *PlanStatus.choices, (NO_PLAN, _("no plan"))],
    )


class ReopenForm(forms.Form):
    unit = ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label="–"
    )
    project = forms.CharField(label=_("or project code"), required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    until = ThaiDateField(label=_("Open until"))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda u: " / ".join(u.path_names())
        self.fields["until"].initial = timezone.localdate() + dt.timedelta(days=7)

    def clean(self):
        data = super().clean()
        if bool(data.get("unit")) == bool((data.get("project") or "").strip()):
            raise forms.ValidationError(_("Choose either a unit or a project code."))
        return data


class ScoreForm(forms.Form):
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), choices=[(q, q) for q in range(1, 5)], coerce=int
    )
    score = ThaiDecimalField(label=_("Score (0–100)"))
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
