from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tidtam.core.fields import (
    LongSelect,
    ModelChoiceField,
    ModelMultipleChoiceField,
    NameField,
    RichTextField,
    ThaiDateField,
    ThaiDecimalField,
    ThaiIntegerField,
)
from tidtam.core.forms import VersionedForm
from tidtam.lib.thai import fiscal_year_of
from tidtam.orgs import access
from tidtam.orgs.models import Membership, Unit, User
from tidtam.plans.models import KPI, PlanNode
from tidtam.projects.models import ProjectStatus


class _UnitChoices(forms.models.ModelChoiceIterator):
    """The options as (id, path label) read as values: a city has ~400 units, and making a
    model object of each was a quarter of the project list's CPU."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, path, name in self.queryset.values_list("pk", "path", "name"):
            yield (pk, self.field.path_label(path, name))


class UnitChoiceField(forms.ModelChoiceField):
    """Units labelled by their path below the city (agency / division / section),
    from one query for all the names rather than one per option."""

    widget = LongSelect
    iterator = _UnitChoices

    def path_label(self, path: str, name: str) -> str:
        if not hasattr(self, "_names"):
            self._names = dict(Unit.objects.exclude(kind=Unit.Kind.CITY).values_list("id", "name"))
        ids = [int(part) for part in path.strip("/").split("/") if part]
        return " / ".join(self._names[i] for i in ids if i in self._names) or name


class ProjectForm(forms.Form):
    name = NameField(label=_("Project / activity name"), max_length=500)
    fiscal_year = ThaiIntegerField(
        label=_("Fiscal year (B.E.)"), min_value=2500, max_value=2700,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )  # fmt: skip
    start_date = ThaiDateField(label=_("Start date"))
    end_date = ThaiDateField(label=_("End date"))
    budget_received = ThaiDecimalField(
        label=_("Budget received (baht)"),
        min_value=Decimal(0),
        max_digits=15,
        decimal_places=2,
        initial="0",
    )
    responsible_unit = UnitChoiceField(label=_("Responsible unit"), queryset=Unit.objects.none())
    responsible_person = NameField(label=_("Responsible person or unit"), max_length=200)
    coordinator = ModelChoiceField(
        label=_("Coordinator (Strategy and Evaluation Department)"),
        queryset=User.objects.filter(memberships__role=Membership.Role.COORDINATOR).distinct(),
        required=False,
    )
    rationale = RichTextField(label=_("Rationale"), required=False)
    objectives = RichTextField(label=_("Objectives"), required=False)
    targets = RichTextField(label=_("Targets"), required=False)
    plan_targets = ModelMultipleChoiceField(
        label=_("Supports the 20-year plan: targets"),
        queryset=PlanNode.objects.filter(kind=PlanNode.Kind.TARGET).select_related(
            "parent__parent"
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kpis = ModelMultipleChoiceField(
        label=_("KPIs"),
        queryset=KPI.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_unit"].queryset = access.editable_units(user).exclude(
            kind=Unit.Kind.CITY
        )
        # an example of the year to type: this fiscal year
        self.fields["fiscal_year"].widget.attrs["placeholder"] = fiscal_year_of(
            timezone.localdate()
        )


class ProjectEditForm(VersionedForm, ProjectForm):
    pass


class ProjectFilterForm(forms.Form):
    STATUS_CHOICES = [("", _("All statuses")), *ProjectStatus.choices]
    q = forms.CharField(label=_("Search code or name"), required=False)
    fiscal_year = ThaiIntegerField(label=_("Fiscal year"), required=False)
    unit = UnitChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All units")
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=STATUS_CHOICES, required=False, widget=LongSelect
    )
    strategy = ModelChoiceField(
        widget=LongSelect,
        label=_("Plan strategy"),
        queryset=PlanNode.objects.filter(kind=PlanNode.Kind.STRATEGY).order_by("code_key"),
        required=False,
        empty_label=_("All strategies"),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = access.readable_units(user).exclude(kind=Unit.Kind.CITY)

    def filters(self) -> dict:
        """The valid filters as ``projects.selectors.project_list`` takes them."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "fiscal_year": data.get("fiscal_year"),
            "unit_id": data["unit"].pk if data.get("unit") else None,
            "strategy_id": data["strategy"].pk if data.get("strategy") else None,
            "status": data.get("status") or None,
            "search": (data.get("q") or "").strip(),
        }
