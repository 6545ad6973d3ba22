"""Form fields that read what Thai users type: Thai digits, Buddhist Era dates, baht."""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from tidtam.core.validators import refuse_hidden_characters
from tidtam.lib import money, richtext, thai


class LongSelect(forms.Select):
    """A select of many options (every unit of a city: 400) written out in Python: Django's
    own renders each option through a template, which was most of the project list's CPU.
    The same elements and attributes as Django's (a test compares them)."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        found = False
        parts = []

        def option(option_value, label) -> str:
            nonlocal found
            text = "" if option_value is None else str(option_value)
            selected = not found and text in chosen
            found = found or selected
            mark = " selected" if selected else ""
            return f'<option value="{escape(text)}"{mark}>{escape(str(label))}</option>'

        for option_value, label in self.choices:
            if isinstance(label, list | tuple):
                inner = "".join(option(v, sub) for v, sub in label)
                parts.append(f'<optgroup label="{escape(str(option_value))}">{inner}</optgroup>')
            else:
                parts.append(option(option_value, label))
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{escape(name)}"{attributes}>{"".join(parts)}</select>')  # noqa: S308 - every part escaped above


class NameField(forms.CharField):
    """A name or another line of text: too long is refused with a message next to the field
    (the browser is not told the limit, so that it cannot cut a pasted text unseen), and so
    are characters that hide or reorder the text (``core.validators``)."""

    default_validators = [refuse_hidden_characters]
    default_error_messages = {
        "max_length": _(
            "At most %(limit_value)d characters, please (this text has %(show_value)d)."
        ),
    }

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class ThaiDateField(forms.CharField):
    """A date as dd/mm/yyyy in the Buddhist Era (16/01/2566), or 16012566 as a phone keypad
    types it, Thai digits welcome. A Christian-era year (16/01/2023) is refused with the
    Buddhist Era date to type instead (``lib.thai.parse_date``)."""

    default_error_messages = {
        "invalid": _("Enter a date as day/month/year in the Buddhist Era, e.g. 16/01/2566."),
        "christian_era": _(
            "%(year)s is a Christian-era year: type the Buddhist Era year, e.g. %(date)s."
        ),
    }

    def __init__(self, **kwargs):
        if kwargs.get("widget") is None:  # a model's DateField passes none (the admin site)
            kwargs["widget"] = forms.TextInput(
                attrs={"placeholder": "วว/ดด/ปปปป", "inputmode": "numeric"}
            )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if hasattr(value, "year"):
            return thai.format_date_short(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return thai.parse_date(value)
        except thai.ChristianEraYear as error:
            raise forms.ValidationError(
                self.error_messages["christian_era"],
                code="christian_era",
                params={"year": error.year, "date": error.suggestion},
            ) from error
        except ValueError as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error


class ThaiDecimalField(forms.CharField):
    """A number with Thai or Arabic digits and thousands commas, kept as Decimal."""

    default_error_messages = {
        "invalid": _("Enter a number, e.g. 1,250.50 (Thai digits are fine)."),
    }

    def __init__(
        self, *, min_value=None, max_value=None, max_digits=None, decimal_places=None, **kwargs
    ):
        self.min_value, self.max_value = min_value, max_value
        self.max_digits, self.decimal_places = max_digits, decimal_places
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            number = money.parse_decimal(value)
        except ValueError as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error
        self._check_size(number)
        if self.min_value is not None and number < self.min_value:
            raise forms.ValidationError(
                _("Enter a number of at least %(limit)s.") % {"limit": self.min_value}
            )
        if self.max_value is not None and number > self.max_value:
            raise forms.ValidationError(
                _("Enter a number of at most %(limit)s.") % {"limit": self.max_value}
            )
        return number

    def _check_size(self, number):
        """Refuse what the database would round or cannot hold, rather than alter it."""
        exact = number.normalize()  # 1.500 is 1.5: trailing zeros lose nothing
        places = max(-exact.as_tuple().exponent, 0)
        if self.decimal_places is not None and places > self.decimal_places:
            raise forms.ValidationError(
                _("Enter at most %(places)s decimal places.") % {"places": self.decimal_places},
                code="max_decimal_places",
            )
        whole = max(exact.adjusted() + 1, 0) if exact else 0
        if self.max_digits is not None and whole > self.max_digits - (self.decimal_places or 0):
            raise forms.ValidationError(_("This number is too large."), code="max_digits")


class ThaiIntegerField(ThaiDecimalField):
    default_error_messages = {"invalid": _("Enter a whole number (Thai digits are fine).")}

    def to_python(self, value):
        number = super().to_python(value)
        if number is None:
            return None
        if number != number.to_integral_value():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(number)


class RichTextField(forms.CharField):
    """Paragraphs and lists: plain lines, or the markup p, ul, ol, li, br, strong, em.

    Anything else (a script, a style, an attribute) is refused with a message naming it,
    never silently removed."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 5}))
        kwargs.setdefault(
            "help_text",
            _(
                "Start each paragraph on a new line; for a list, put each item on its own line "
                "beginning with 1. or -."
            ),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return richtext.to_editable(value) if value else value

    def clean(self, value):
        value = super().clean(value)
        refused = richtext.disallowed_markup(value or "")
        if refused:
            raise forms.ValidationError(
                _("This markup is not allowed: %(tags)s. Remove it and save again.")
                % {"tags": ", ".join(refused)}
            )
        return richtext.sanitize(value or "")


class _OptionsInOneRead(forms.models.ModelChoiceIterator):
    """The options read in one ordinary query. Django's iterator reads them through
    ``QuerySet.iterator()``, which on PostgreSQL is a server-side cursor (declare, fetch,
    close): 2.7 ms for a select of seven plan strategies against 1.4 ms read at once."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class ModelChoiceField(forms.ModelChoiceField):
    """Django's, with its options read in one query (``_OptionsInOneRead``)."""

    iterator = _OptionsInOneRead


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, with its options read in one query (``_OptionsInOneRead``), except that a
    value that names no row is refused as an unknown choice before Django looks the values up
    with ``IN``: a number past the key's range there is a 500 (SQLite cannot bind it), where
    one exact lookup a value finds nothing."""

    iterator = _OptionsInOneRead

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        if isinstance(value, list | tuple):
            for pk in value:
                try:
                    found = self.queryset.filter(**{key: pk}).exists()
                except (TypeError, ValueError):
                    break  # not a key at all: Django's own check names it
                if not found:
                    raise forms.ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": pk},
                    )
        return super()._check_values(value)
