"""Forms of the ITA pages. Numbers accept Thai digits; dates are Buddhist Era."""

from decimal import Decimal

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from tidtam.core.fields import (
    ModelChoiceField,
    ModelMultipleChoiceField,
    NameField,
    ThaiDateField,
    ThaiDecimalField,
    ThaiIntegerField,
)
from tidtam.core.forms import VersionedForm
from tidtam.ita.models import Assessment, Framework, ItaRole, OitItem, Question, Tool
from tidtam.ita.services.surveys import questions_of
from tidtam.orgs.models import Unit, User

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class AssessmentCreateForm(forms.Form):
    framework = ModelChoiceField(
        label=_("Fiscal year"), queryset=Framework.objects.all(), empty_label=None
    )
    agency = ModelChoiceField(label=_("Agency"), queryset=Unit.objects.none())

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class SetupForm(VersionedForm):
    eit_target = ThaiIntegerField(label=_("EIT target responses"), min_value=1)
    divisions = ModelMultipleChoiceField(
        label=_("Divisions taking part"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    coordinator_name = NameField(label=_("ITA coordinator"), required=False, max_length=200)
    coordinator_phone = NameField(label=_("Coordinator's phone"), required=False, max_length=50)
    coordinator_email = forms.EmailField(label=_("Coordinator's e-mail"), required=False)
    executive_name = NameField(label=_("Executive"), required=False, max_length=200)
    executive_position = NameField(label=_("Executive's position"), required=False, max_length=200)
    executive_phone = NameField(label=_("Executive's phone"), required=False, max_length=50)

    def __init__(self, *args, assessment: Assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["divisions"].queryset = Unit.objects.filter(
            kind=Unit.Kind.DIVISION, path__startswith=assessment.agency.path
        )
        iit = assessment.framework.tools.get(kind=Tool.Kind.INTERNAL)
        self.groups = list(iit.groups.all())
        for group in self.groups:
            self.fields[f"count_{group.pk}"] = ThaiIntegerField(
                label=_("Eligible %(group)s (at least a year of service)") % {"group": group.name},
                min_value=0,
            )

        self.division_units = list(self.fields["divisions"].queryset)
        for division in self.division_units:
            self.fields[f"staff_{division.pk}"] = ThaiIntegerField(
                label=_("Eligible staff in %(division)s") % {"division": division.name},
                min_value=0,
                required=False,
            )

    def staff_fields(self):
        return [self[f"staff_{d.pk}"] for d in self.division_units]

    def division_counts(self) -> dict[int, int | None]:
        return {d.pk: self.cleaned_data.get(f"staff_{d.pk}") for d in self.division_units}

    def count_fields(self):
        return [self[f"count_{g.pk}"] for g in self.groups]

    def counts(self) -> dict[int, int]:
        return {g.pk: self.cleaned_data[f"count_{g.pk}"] for g in self.groups}

    def kept_as(self) -> dict:
        """The fields the audit log keeps in one entry for the whole table (see
        ``assessment_setup``): group → [count, minimum], division → count."""
        return {
            "populations": lambda kept: {
                f"count_{g.pk}": (kept or {}).get(str(g), [None])[0] for g in self.groups
            },
            "division_staff": lambda kept: {
                f"staff_{d.pk}": (kept or {}).get(str(d)) for d in self.division_units
            },
        }


class ContractorUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Contractor list (.xlsx or .csv)"),
        help_text=_("First row: เลขประจำตัวผู้เสียภาษี, ชื่อ, ผู้ติดต่อ (optional). At most 2 MB."),
    )


class BatchForm(forms.Form):
    tool = ModelChoiceField(
        label=_("Survey"),
        queryset=Tool.objects.none(),
        empty_label=None,
        help_text=_("EIT batches are for letters to contractors; the public draw codes online."),
    )
    size = ThaiIntegerField(label=_("Number of codes"), min_value=1, max_value=2000)

    def __init__(self, *args, assessment: Assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tool"].queryset = assessment.framework.tools.exclude(kind=Tool.Kind.DISCLOSURE)


class SurveyForm(forms.Form):
    """The public questionnaire: code, who answers, then every question of the tool."""

    code = NameField(
        label=_("Access code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def __init__(self, *args, assessment: Assessment, tool: Tool, **kwargs):
        super().__init__(*args, **kwargs)
        self.tool = tool
        internal = tool.kind == Tool.Kind.INTERNAL
        self.fields["group"] = ModelChoiceField(
            label=_("You are") if internal else _("Your relationship with the agency"),
            queryset=tool.groups.all(),
            widget=forms.RadioSelect,
            empty_label=None,
        )
        if internal and assessment.divisions.exists():
            self.fields["division"] = ModelChoiceField(
                label=_("Your division"), queryset=assessment.divisions.all()
            )
        self.questions = list(questions_of(tool))
        # numbered as people number them (1, 2, …), not by the framework's codes (i1, i2)
        for number, question in enumerate(self.questions, 1):
            self.fields[f"q_{question.pk}"] = forms.TypedChoiceField(
                label=f"{number}. {question.text}",
                choices=[(o.pk, o.label) for o in question.options.all()],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose an answer.")},
            )
            self.fields[f"q_{question.pk}"].code = str(number)

    def unanswered(self) -> list:
        return [self[f"q_{q.pk}"] for q in self.questions if self[f"q_{q.pk}"].errors]

    def question_fields(self):
        return [self[f"q_{q.pk}"] for q in self.questions]

    def choices(self) -> dict[int, int]:
        return {q.pk: self.cleaned_data[f"q_{q.pk}"] for q in self.questions}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class LinesField(forms.CharField):
    """Text of one item a line; a list of items shows as one a line."""

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value


class OitFillForm(VersionedForm):
    has_it = forms.ChoiceField(
        label=_("The agency discloses this"), choices=YES_NO, widget=forms.RadioSelect
    )
    urls = LinesField(
        label=_("URLs, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    files = MultipleFileField(label=_("Files"), required=False)
    remove_files = forms.BooleanField(label=_("Remove the files given before"), required=False)
    use_tidtam_report = forms.BooleanField(
        label=_("Link tidtam's own published report"), required=False
    )
    note = forms.CharField(
        label=_("Explanation"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_urls(self) -> list[str]:
        urls = [line.strip() for line in self.cleaned_data["urls"].splitlines() if line.strip()]
        check = URLValidator(schemes=["http", "https"])
        for url in urls:
            try:
                check(url)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("Not a web address: %(url)s") % {"url": url}
                ) from error
        return urls

    @staticmethod
    def kept_as() -> dict:
        """The entry's values as the audit log keeps them, in the form's terms."""
        return {
            "has_it": lambda kept: {"has_it": yes_no(kept)},
            "evidence": lambda kept: {"urls": sorted(e for e in kept or [] if "://" in e)},
        }


def yes_no(value: bool | None) -> str | None:
    return {True: "yes", False: "no"}.get(value)


class OitReviewForm(VersionedForm):
    passed = forms.ChoiceField(
        label=_("Verdict"),
        choices=[("yes", _("Passed")), ("no", _("Not passed"))],
        widget=forms.RadioSelect,
    )
    observation = forms.CharField(
        label=_("Observation"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    @staticmethod
    def kept_as() -> dict:
        return {"passed": lambda kept: {"passed": yes_no(kept)}}


class FinishReviewForm(forms.Form):
    correction_until = ThaiDateField(label=_("Corrections accepted until"))


class PublishForm(forms.Form):
    iit_score = ThaiDecimalField(label=_("IIT"), min_value=0, max_value=100)
    eit_score = ThaiDecimalField(label=_("EIT"), min_value=0, max_value=100)
    oit_score = ThaiDecimalField(label=_("OIT"), min_value=0, max_value=100)
    previous_total = ThaiDecimalField(
        label=_("Previous year's total"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("Only when last year's assessment is not in tidtam."),
    )


class RoleForm(forms.Form):
    user = ModelChoiceField(label=_("Person"), queryset=User.objects.order_by("username"))
    role = forms.ChoiceField(label=_("ITA role"), choices=ItaRole.Role.choices)
    agency = ModelChoiceField(
        label=_("Agency (for an ITA coordinator)"),
        queryset=Unit.objects.filter(kind=Unit.Kind.AGENCY),
        required=False,
    )


class QuestionForm(VersionedForm):
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 3}))
    polarity = forms.ChoiceField(label=_("Polarity"), choices=[])
    verified = forms.BooleanField(label=_("Wording verified"), required=False)

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["polarity"].choices = question.Polarity.choices
        self.options = list(question.options.all())
        for option in self.options:
            self.fields[f"points_{option.pk}"] = ThaiDecimalField(
                label=_("Points for “%(label)s”") % {"label": option.label},
                min_value=0,
                max_value=100,
            )
            self.initial.setdefault(f"points_{option.pk}", option.points)

    def points(self):
        return [self.cleaned_data[f"points_{o.pk}"] for o in self.options]

    def kept_as(self) -> dict:
        """The points the audit log keeps as one list, option by option."""
        return {
            "points": lambda kept: {
                f"points_{o.pk}": None if value is None else Decimal(value)
                for o, value in zip(self.options, kept or [], strict=False)
            }
        }


class NewQuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 3}))
    polarity = forms.ChoiceField(label=_("Polarity"), choices=Question.Polarity.choices)


class WeightsForm(VersionedForm):
    """Weights in percent (30 for 30 %), with the framework's version."""

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.tools = list(framework.tools.all())
        for tool in self.tools:
            self.fields[tool.code] = ThaiDecimalField(
                label=_("Weight of %(tool)s (%%)") % {"tool": tool.code}, min_value=0, max_value=100
            )
            self.initial.setdefault(tool.code, tool.weight * 100)

    def weights(self):
        return {t.code: self.cleaned_data[t.code] / 100 for t in self.tools}

    def kept_as(self) -> dict:
        """The audit log keeps a weight as a share (0.3000), the form in percent."""
        return {
            t.code: lambda kept, code=t.code: {code: None if kept is None else Decimal(kept) * 100}
            for t in self.tools
        }


class LevelForm(VersionedForm):
    name = NameField(label=_("Level"), max_length=100)
    min_total = ThaiDecimalField(label=_("Total at least"), min_value=0, max_value=100)
    min_each_tool = ThaiDecimalField(
        label=_("Every tool at least"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("Leave empty when the level sets no minimum on single tools."),
    )


class OitItemForm(forms.Form):
    title = NameField(label=_("Title"), max_length=300)
    evidence = forms.CharField(
        label=_("What counts as evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    tidtam_source = forms.ChoiceField(label=_("tidtam can produce it"), required=False, choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tidtam_source"].choices = OitItem.Source.choices


class OitItemEditForm(VersionedForm, OitItemForm):
    pass
