from django import forms
from django.utils.translation import gettext_lazy as _

from tidtam.intake.reading import MAX_BYTES


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Setup spreadsheet (.xlsx or .csv)"),
        help_text=_("One of the templates below, filled in; at most 10 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        if not upload.name.lower().endswith((".xlsx", ".csv", ".xlsm")):
            raise forms.ValidationError(_("Upload an .xlsx or .csv file."))
        return upload
