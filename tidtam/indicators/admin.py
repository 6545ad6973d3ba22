"""Indicators in the admin site, saved through the services (one transaction, audited, counted):
a new indicator gets its code there; a new year of an existing indicator keeps its identity;
a save made from a page loaded before someone else's is refused, saying what they changed."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tidtam.core.adminwidgets import LoadedVersionForm, ReadOnlyAdmin, ThroughServices
from tidtam.core.fields import ModelChoiceField
from tidtam.indicators import services
from tidtam.indicators.models import Indicator, IndicatorYear, QuarterAssessment, QuarterResult
from tidtam.orgs.models import Unit


class IndicatorYearForm(LoadedVersionForm):
    agency = ModelChoiceField(
        label=gettext_lazy("agency of a new indicator"),
        queryset=Unit.objects.filter(kind=Unit.Kind.AGENCY).exclude(agency_code=""),
        required=False,
    )
    existing = ModelChoiceField(
        label=gettext_lazy("or a new year of this indicator"),
        queryset=Indicator.objects.all(),
        required=False,
    )

    class Meta:
        model = IndicatorYear
        fields = ["fiscal_year", *services.YEAR_FIELDS, "plan_targets", "projects"]

    def clean(self):
        cleaned = super().clean()
        unit = cleaned.get("responsible_unit")
        if self.instance.pk:
            agency = self.instance.indicator.agency
        else:
            existing = cleaned.get("existing")
            if (existing is None) == (cleaned.get("agency") is None):
                raise ValidationError(_("Choose the agency of a new indicator, or the indicator."))
            agency = existing.agency if existing else cleaned["agency"]
            if existing and existing.years.filter(fiscal_year=cleaned.get("fiscal_year")).exists():
                raise ValidationError(_("The indicator already has this fiscal year."))
        if unit is not None and unit.agency != agency:
            self.add_error(
                "responsible_unit", _("The responsible unit must belong to the indicator's agency.")
            )
        projects = cleaned.get("projects")
        if projects is not None and projects.exclude(agency=agency).exists():
            self.add_error("projects", _("Choose projects of the indicator's agency only."))
        return cleaned


@admin.register(IndicatorYear)
class IndicatorYearAdmin(ThroughServices, admin.ModelAdmin):
    form = IndicatorYearForm
    list_display = ["indicator", "fiscal_year", "name", "responsible_unit", "source"]
    list_filter = ["fiscal_year", "source", "kind", "dimension"]
    search_fields = ["indicator__code", "name"]
    raw_id_fields = ["responsible_unit", "projects"]
    filter_horizontal = ["plan_targets"]

    def get_readonly_fields(self, request, obj=None):
        return ["indicator", "fiscal_year"] if obj else []

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj:  # the indicator and its year stay; no new one is chosen
            fields = [f for f in fields if f not in ("agency", "existing")]
        return fields

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        fields = {name: data[name] for name in services.YEAR_FIELDS}
        related = {"plan_targets": list(data["plan_targets"]), "projects": list(data["projects"])}
        if change:
            saved = services.year_save(
                actor=request.user,
                indicator=obj.indicator,
                fiscal_year=obj.fiscal_year,
                version=data["loaded_version"],
                **fields,
                **related,
            )
        elif data.get("existing"):
            saved = services.year_save(
                actor=request.user,
                indicator=data["existing"],
                fiscal_year=data["fiscal_year"],
                **fields,
                **related,
            )
        else:
            saved = services.indicator_create(
                actor=request.user,
                agency=data["agency"],
                fiscal_year=data["fiscal_year"],
                **fields,
                **related,
            )
        obj.pk, obj.indicator_id = saved.pk, saved.indicator_id

    def save_related(self, request, form, formsets, change):
        """The services set the plan alignment and the projects, audited."""


@admin.register(QuarterResult)
class QuarterResultAdmin(ReadOnlyAdmin):  # written only through the indicator's page
    list_display = ["__str__", "result", "status"]
    list_filter = ["status", "quarter"]


@admin.register(QuarterAssessment)
class QuarterAssessmentAdmin(ReadOnlyAdmin):  # written only through the indicator's page
    list_display = ["__str__", "score", "second", "assessed_by", "assessed_at"]
