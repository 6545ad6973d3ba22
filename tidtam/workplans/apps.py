from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplansConfig(AppConfig):
    name = "tidtam.workplans"
    label = "workplans"
    verbose_name = _("Operating plans")
