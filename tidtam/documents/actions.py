"""What the audit log records of the official form."""

from django.utils.translation import gettext_lazy as _

from tidtam.core.actions import Action

FORM_PRINTED = Action("documents.form.printed", _("official form printed"))
