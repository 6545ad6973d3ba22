from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "tidtam.plans"
    label = "plans"
    verbose_name = _("The 20-year development plan")
