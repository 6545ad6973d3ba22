"""What the audit log records of projects."""

from django.utils.translation import gettext_lazy as _

from tidtam.core.actions import Action

PROJECT_CREATED = Action("projects.project.created", _("project registered"))
PROJECT_CHANGED = Action("projects.project.changed", _("project changed"))
