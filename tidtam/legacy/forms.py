from django import forms
from django.utils.translation import gettext_lazy as _

from tidtam.core.fields import NameField

MAX_UPLOAD = 20 * 1024 * 1024  # bytes; the largest real printouts are a few hundred kB


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Printout of the old system (PDF or its text)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload


class ImportForm(forms.Form):
    """The text already shown side by side, sent back to be imported as it was read."""

    source = forms.CharField(widget=forms.HiddenInput, strip=False)
    name = NameField(widget=forms.HiddenInput, max_length=255)  # the file's, as uploaded
    accept_partial = forms.BooleanField(
        required=False,
        label=_("Import what was read, without the reports listed above"),
    )

    def require_acceptance(self, partial: bool) -> bool:
        """A printout read only in part is imported once the box is ticked."""
        if partial and not self.cleaned_data["accept_partial"]:
            self.add_error(
                "accept_partial",
                _("Tick this box to import the printout without the reports that could not "
                  "be read."),
            )  # fmt: skip
        return self.is_valid()
